/**
 * Judges a reply draft as a support lead would, against what a labelled mail says a good reply
 * must and must not contain. Written from the label format only, not from the composer's code,
 * so that a draft cannot pass by sharing the composer's own phrase lists.
 */

// The kinds of fact are the label format's vocabulary, shared with the composer; the judge's own
// phrase lists (FACT_WORDS below) stay independent of the composer's readers.
import { FACT_KINDS, type FactKind } from '../src/drafting/mail-facts.js';

export { FACT_KINDS, type FactKind };

/** One line of test/fixtures/drafts-holdout-*.jsonl. */
export interface DraftLabel {
  id: string;
  receivedAt: string;
  subject?: string;
  body: string;
  level?: string;
  topic: { scenario: string; anyOf: string[] };
  deadline: null | { text: string; mustMention: string[]; latest: string };
  givenFacts: FactKind[];
  waited: boolean;
  feedback: boolean;
  rejectedExplanation: string | null;
  wrongTopics: string[];
  customerName: string | null;
  note?: string;
}

/** What the judge reads from a triage result. */
export interface JudgedDraft {
  text: string;
  /** The date the draft promises (ISO 8601), if any. */
  promiseDate?: string;
  replyBy: string;
  priority: string;
  /** Routing's reasons (escalation and priority) as shown to the agent. */
  reasons: readonly string[];
}

export const CHECKS = ['topic', 'deadline', 'facts', 'waited', 'feedback', 'rejected', 'salutation'] as const;
export type Check = (typeof CHECKS)[number];

export interface Verdict {
  failed: Check[];
  /** One short line per failed check, for the report. */
  why: string[];
}

/** Words that name each kind of fact when a draft asks for it. */
const FACT_WORDS: Record<FactKind, RegExp> = {
  'order-number': /注文番号|注文ID|オーダー番号|受付番号/,
  'contract-number': /契約番号|お客様番号|会員番号|契約ID/,
  date: /日付|日時|購入日|注文日|お届け日|いつ頃|時期/,
  amount: /金額|ご請求額|料金の額/,
  'product-name': /商品名|品名|型番|品番/,
  photo: /写真|画像/,
  'account-id': /アカウントID|ログインID|ユーザーID|会員ID|登録メールアドレス|ご登録のメールアドレス|お客様番号/,
  address: /住所|お届け先/,
  phone: /電話番号|ご連絡先/,
};

/** A sentence that asks the customer to send, tell or check something. */
const REQUEST = /(お知らせ|ご教示|お教え|お送り|ご送付|ご提供|添付|お聞かせ|ご提示|ご記入|ご入力|ご返信|ご確認)(いただ|くだ|願)/;
const WAIT_APOLOGY = /お待たせ|遅くなり|遅くなって|ご返信が遅れ|ご連絡が遅れ/;
const FEEDBACK_THANKS = /貴重なご意見/;

export function judgeDraft(label: DraftLabel, draft: JudgedDraft): Verdict {
  const failed: Check[] = [];
  const why: string[] = [];
  const fail = (check: Check, reason: string) => {
    failed.push(check);
    why.push(`${check}: ${reason}`);
  };
  const text = draft.text;

  // One topic failure however many reasons, but both are reported: a draft that misses the errand
  // and talks about another (a topic the mail never mentions) is the worse one to read.
  const onTopic = label.topic.anyOf.find((w) => text.includes(w));
  const wrong = wrongTopicWords(label, text);
  const topicReasons = [...(onTopic ? [] : [`none of ${label.topic.anyOf.join('/')}`]), ...wrong.map((w) => `wrong-topic word 「${w}」`)];
  if (topicReasons.length > 0) fail('topic', topicReasons.join(', '));

  if (label.deadline) {
    const mentioned = label.deadline.mustMention.some((s) => text.includes(s));
    const latest = latestTime(label.deadline.latest);
    const late = [draft.promiseDate, draft.replyBy].filter((d): d is string => !!d).filter((d) => Date.parse(d) > latest);
    const flagged = draft.priority === 'P1' && draft.reasons.some((r) => r.includes('期限'));
    if (!mentioned) fail('deadline', `mentions none of ${label.deadline.mustMention.join('/')}`);
    else if (late.length > 0 && !flagged) fail('deadline', `${late.join(', ')} after ${label.deadline.latest}, not flagged P1`);
  }

  const asked = askedFacts(text).filter((kind) => label.givenFacts.includes(kind));
  if (asked.length > 0) fail('facts', `asks again for ${asked.join(', ')}`);

  if (!label.waited && WAIT_APOLOGY.test(text)) fail('waited', 'apologises for a wait nobody mentioned');
  if (!label.feedback && FEEDBACK_THANKS.test(text)) fail('feedback', '貴重なご意見 for a mail that is not feedback');
  if (label.rejectedExplanation && text.includes(label.rejectedExplanation)) fail('rejected', `repeats 「${label.rejectedExplanation}」`);

  const salutation =
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  const expected = label.customerName ? `${label.customerName}様` : 'お客様';
  if (salutation.replace(/[ 　]/g, '') !== expected.replace(/[ 　]/g, ''))
    fail('salutation', `「${salutation}」, expected 「${expected}」`);

  return { failed, why };
}

/** The label's wrong-topic words the draft uses: a topic the mail does not mention. */
export function wrongTopicWords(label: Pick<DraftLabel, 'wrongTopics'>, text: string): string[] {
  return label.wrongTopics.filter((w) => text.includes(w));
}

/**
 * A label's latest time. A date alone (「2026-12-03」 for 「本日中に」) is that whole day in Japan, up to
 * 23:59 JST, as the other labels write it (2026-12-26T23:59:00+09:00); Date.parse would read it as
 * midnight UTC, 9:00 in Japan, and fail a same-day promise.
 */
export function latestTime(latest: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/u.test(latest) ? `${latest}T23:59:00+09:00` : latest);
}

/** The kinds of fact the draft asks the customer for, sentence by sentence. */
export function askedFacts(text: string): FactKind[] {
  const sentences = text.split(/(?<=[。！？\n])/);
  const asked = new Set<FactKind>();
  for (const sentence of sentences) {
    if (!REQUEST.test(sentence)) continue;
    for (const kind of FACT_KINDS) if (FACT_WORDS[kind].test(sentence)) asked.add(kind);
  }
  return [...asked];
}

export interface DraftJudgement {
  total: number;
  /** Share of drafts that pass every check. */
  meetingAll: number;
  failures: Record<Check, number>;
  /** Share of mails whose draft scenario equals the labelled topic scenario. */
  scenarioAccuracy: number;
  misses: Array<{ id: string; scenario: string; expected: string; why: string[] }>;
}

export function summarise(judged: ReadonlyArray<{ label: DraftLabel; scenario: string; verdict: Verdict }>): DraftJudgement {
  const failures = Object.fromEntries(CHECKS.map((c) => [c, 0])) as Record<Check, number>;
  let passing = 0;
  let scenarioHits = 0;
  const misses: DraftJudgement['misses'] = [];
  for (const { label, scenario, verdict } of judged) {
    for (const check of verdict.failed) failures[check]++;
    if (verdict.failed.length === 0) passing++;
    if (scenario === label.topic.scenario) scenarioHits++;
    if (verdict.failed.length > 0 || scenario !== label.topic.scenario) {
      misses.push({ id: label.id, scenario, expected: label.topic.scenario, why: verdict.why });
    }
  }
  const total = judged.length;
  return { total, meetingAll: total ? passing / total : 0, failures, scenarioAccuracy: total ? scenarioHits / total : 0, misses };
}

export function formatDraftJudgement(j: DraftJudgement, { verbose = false } = {}): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `drafts meeting every check ${pct(j.meetingAll)} (${Math.round(j.meetingAll * j.total)}/${j.total})   scenario accuracy ${pct(j.scenarioAccuracy)}`,
    `failures: ${CHECKS.map((c) => `${c} ${j.failures[c]}`).join(', ')}`,
  ];
  if (verbose) {
    for (const m of j.misses) {
      const scenario = m.scenario === m.expected ? m.scenario : `${m.expected} → ${m.scenario}`;
      lines.push(`  ${m.id} [${scenario}] ${m.why.join('; ')}`);
    }
  }
  return lines.join('\n');
}
