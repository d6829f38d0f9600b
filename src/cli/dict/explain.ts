/**
 * `ondo dict explain`: why a text scored as it did — its tokens, the entries that matched with
 * weight, multiplier and contribution, the ones cancelled and why, and the resulting level.
 */
import type { AnalysisEngine, MailText } from '../../analysis/analyze.js';
import type { CompiledLexicon } from '../../analysis/lexicon/compile.js';
import type { FieldMatches } from '../../analysis/mail-matches.js';
import type { CancelledMatch } from '../../analysis/match.js';
import type { ScenarioResult } from '../../analysis/scenario-schema.js';
import { detectScenarios } from '../../analysis/scenarios.js';
import type { ScoringConfig } from '../../analysis/scoring-config.js';
import type { Token } from '../../analysis/tokenizer/index.js';
import type { Evidence, NotCounted, ToneResult } from '../../analysis/tone-schema.js';

export interface TokenMatch {
  entryId: string;
  role: string;
  /** counted, or why the match was cancelled (negated, context, or a frame: hypothetical, resolved, quoted). */
  status: 'matched' | CancelledMatch['why'];
}

/** A token with the entries whose match covers it. */
export interface ExplainedToken extends Token {
  matches: TokenMatch[];
}

export interface Explanation {
  fields: { field: 'subject' | 'body'; text: string; tokens: ExplainedToken[] }[];
  counted: Evidence[];
  notCounted: (NotCounted & { because: string })[];
  scenario: Pick<ScenarioResult, 'primary' | 'secondary' | 'evidence'>;
  result: Pick<ToneResult, 'level' | 'anger' | 'urgency' | 'politeButAnnoyed' | 'reasons' | 'dictionaryVersion'>;
}

export function explainText(engine: AnalysisEngine, mail: MailText): Explanation {
  const { dictionaries } = engine;
  const { tone, fields } = engine.analyzeWithMatches(mail);
  const scenario = detectScenarios(fields, dictionaries);
  return {
    fields: fields.map((f) => ({ field: f.field, text: f.text.original, tokens: explainTokens(f) })),
    counted: tone.evidence,
    notCounted: tone.notCounted.map((n) => ({ ...n, because: because(n, fields, dictionaries.lexicon, dictionaries.config) })),
    scenario: { primary: scenario.primary, secondary: scenario.secondary, evidence: scenario.evidence },
    result: {
      level: tone.level,
      anger: tone.anger,
      urgency: tone.urgency,
      politeButAnnoyed: tone.politeButAnnoyed,
      reasons: tone.reasons,
      dictionaryVersion: tone.dictionaryVersion,
    },
  };
}

function explainTokens(field: FieldMatches): ExplainedToken[] {
  const tokens: ExplainedToken[] = field.text.tokens.map((token) => ({ ...token, matches: [] }));
  const mark = (m: { entry: { id: string; role: string }; tokenStart: number; tokenEnd: number }, status: TokenMatch['status']) => {
    for (let i = Math.max(0, m.tokenStart); i < m.tokenEnd; i++)
      tokens[i]?.matches.push({ entryId: m.entry.id, role: m.entry.role, status });
  };
  for (const m of field.matches) mark(m, 'matched');
  for (const m of field.cancelled) mark(m, m.why);
  return tokens;
}

const FRAME_EXPLANATIONS: Partial<Record<NotCounted['why'], string>> = {
  hypothetical: 'in a hypothetical clause (〜ても, 〜たら, 〜ば, 〜なら): it has not happened',
  resolved: 'in a trouble the writer says is over (〜ていましたが、…解決しました)',
  contrast: 'before a contrast with praise (〜けど、…美味しい): the praise carries the sentence',
  quoted: "inside 「」 or 『』: someone else's words or a title",
  self: "about the writer's own symptoms or mistakes (ひどい肩こり, 私の説明不足)",
};

/** What cancelled a match, in the words of the text: the negation or the context that follows it. */
function because(n: NotCounted, fields: readonly FieldMatches[], lexicon: CompiledLexicon, config: ScoringConfig): string {
  if (n.why === 'no-complaint-nearby') {
    return `counts only within ${config.symbolProximity} characters of a complaint, and there is none`;
  }
  const field = fields.find((f) => f.field === n.field);
  const match: CancelledMatch | undefined = field?.cancelled.find((c) => c.entry.id === n.entryId && c.start === n.start);
  if (!field || !match) return n.why;
  const frame = FRAME_EXPLANATIONS[n.why];
  if (frame) return frame;
  const after = field.text.tokens.slice(match.tokenEnd, match.tokenEnd + config.negation.window);
  if (n.why === 'context') {
    const context = after.find((t) => match.entry.notFollowedBy?.includes(t.lemma));
    return context ? `followed by 「${context.surface}」 (notFollowedBy: ${context.lemma})` : 'cancelled by what follows (notFollowedBy)';
  }
  const lastNegator = after.findLastIndex((t) => lexicon.negatorLemmas.has(t.lemma) && config.negation.negatorPos.includes(t.pos));
  const negation = after
    .slice(0, lastNegator + 1)
    .map((t) => t.surface)
    .join('');
  return negation ? `followed by the negation 「${negation}」` : 'a negation follows';
}

const LEVEL_JA: Record<ToneResult['level'], string> = { calm: '平常', concerned: '心配', angry: '怒り', furious: '激怒' };

export function formatExplanation(x: Explanation): string {
  const lines: string[] = [];
  for (const f of x.fields) {
    lines.push(`${f.field === 'subject' ? '件名 (subject)' : '本文 (body)'}: ${f.text}`, '');
    lines.push(
      ...table(
        ['#', 'surface', 'lemma', 'pos', 'entries'],
        f.tokens.map((t, i) => [
          String(i),
          t.surface,
          t.lemma,
          t.posDetail && t.posDetail !== '*' ? `${t.pos}/${t.posDetail}` : t.pos,
          t.matches.map((m) => (m.status === 'matched' ? `${m.entryId}` : `✗ ${m.entryId} (${m.status})`)).join(', '),
        ]),
      ),
      '',
    );
  }
  lines.push(`counted (${x.counted.length}):`);
  lines.push(
    ...(x.counted.length
      ? table(
          ['entry', 'category', 'field', 'text', 'weight', 'multiplier', 'contribution'],
          x.counted.map((e) => [
            e.entryId,
            e.category,
            e.field,
            `「${e.text}」`,
            String(e.weight),
            `×${e.multiplier}`,
            String(e.contribution),
          ]),
        )
      : ['  (none: no dictionary entry counted in this text)']),
    '',
  );
  lines.push(`not counted (${x.notCounted.length}):`);
  lines.push(
    ...(x.notCounted.length
      ? table(
          ['entry', 'category', 'field', 'text', 'why'],
          x.notCounted.map((n) => [n.entryId, n.category, n.field, `「${n.text}」`, `${n.why}: ${n.because}`]),
        )
      : ['  (none)']),
    '',
  );
  const secondary = x.scenario.secondary.length ? ` (also ${x.scenario.secondary.join(', ')})` : '';
  lines.push(
    `scenario: ${x.scenario.primary}${secondary}${x.scenario.evidence.length ? ` — ${x.scenario.evidence.map((e) => `${e.entryId} 「${e.text}」`).join(', ')}` : ''}`,
  );
  const r = x.result;
  lines.push(
    `result: ${r.level} (${LEVEL_JA[r.level]}) · anger ${r.anger} · urgency ${r.urgency} · politeButAnnoyed ${r.politeButAnnoyed}`,
  );
  for (const reason of r.reasons) lines.push(`  - ${reason.ja}`);
  lines.push(`dictionaries ${r.dictionaryVersion}`);
  return lines.join('\n');
}

/** Rows padded to the display width of their columns (full-width characters take two cells). */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - displayWidth(c)))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}
