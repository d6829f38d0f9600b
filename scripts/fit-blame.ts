/**
 * npm run fit:blame: fits the learned blame signal on every tuning reply set and writes
 * dictionaries/learned/blame.yaml. `-- --loso` measures it honestly instead: for each set, fit on all
 * the others and lint the one left out with the clause shapes alone and with the signal beside them.
 * `-- --check` fails when the shipped file is not what the fit writes. Never reads the blind set.
 */
import { DEFAULT_DICTIONARIES_DIR } from '../src/analysis/lexicon/load.js';
import { loadTokenizer } from '../src/analysis/tokenizer/index.js';
import { BLAME_LEARNED_FILE } from '../src/drafting/lint/blame-learned.js';
import { applyRewrites } from '../src/drafting/lint/apply-rewrites.js';
import { lintReply, loadLintRules, type CompiledLintRules } from '../src/drafting/lint/index.js';
import { BLAME_FIT_OPTIONS, fitBlame, replyFixturesHash, sentenceRows, tuningReplySets } from './blame-fit.js';
import { writeFittedFile } from './lexical-fit.js';
import { evaluateLinter } from './lint-evaluation.js';

const args = process.argv.slice(2);
const tokenizer = await loadTokenizer();
const rules = loadLintRules();
const sets = tuningReplySets();
const rows = sentenceRows(sets, rules, tokenizer);

if (args.includes('--loso')) {
  const pct = (x: number) => (Number.isNaN(x) ? '   -' : `${(x * 100).toFixed(1)}`.padStart(5));
  const total = { before: { tp: 0, predicted: 0 }, after: { tp: 0, predicted: 0 }, support: 0, rewritten: 0, kept: 0 };
  console.log(
    'set (blame replies)        blame P / R, shapes alone → with the signal   added (found / false)   rewritten sentences the signal still reads as blame',
  );
  sets.forEach((set, index) => {
    const model = fitBlame(rows.filter((r) => r.set !== index));
    const lint = (r: CompiledLintRules) => evaluateLinter(r, tokenizer, set.replies);
    const before = lint({ ...rules, blameModel: undefined });
    const after = lint({ ...rules, blameModel: model });
    const b = before.perRule.blame;
    const a = after.perRule.blame;
    total.before.tp += b.truePositives;
    total.before.predicted += b.predicted;
    total.after.tp += a.truePositives;
    total.after.predicted += a.predicted;
    total.support += b.support;
    // The shapes' rewrites, re-linted with the signal fitted without this set.
    let rewritten = 0;
    let kept = 0;
    for (const r of set.replies) {
      const options = { tokenizer, customerLevel: r.customerLevel, customerMail: r.customerMail };
      const { text, sentences } = applyRewrites(
        r.reply,
        lintReply(r.reply, { ...options, rules: { ...rules, blameModel: model } }),
        tokenizer,
      );
      rewritten += sentences.length;
      const again = lintReply(text, { ...options, rules: { ...rules, blameModel: model } }).filter((f) => f.ruleId === 'blame');
      kept += sentences.filter(({ after }) => again.some((f) => after.includes(f.text))).length;
    }
    total.rewritten += rewritten;
    total.kept += kept;
    console.log(
      `${`${set.name} (${b.support})`.padEnd(26)} ${pct(b.precision)} / ${pct(b.recall)} → ${pct(a.precision)} / ${pct(a.recall)}` +
        `        +${a.truePositives - b.truePositives} / +${a.predicted - a.truePositives - (b.predicted - b.truePositives)}` +
        `                   ${kept} of ${rewritten}`,
    );
  });
  const { before, after, support } = total;
  console.log(
    `all sets (${support})`.padEnd(27) +
      `${pct(before.tp / before.predicted)} / ${pct(before.tp / support)} → ${pct(after.tp / after.predicted)} / ${pct(after.tp / support)}` +
      `                                   ${total.kept} of ${total.rewritten}`,
  );
} else {
  const model = fitBlame(rows);
  const weights = [...model.weights].sort(([a, x], [b, y]) => Math.abs(y) - Math.abs(x) || a.localeCompare(b));
  const blameReplies = sets.reduce((n, s) => n + s.replies.filter((r) => r.expected.includes('blame')).length, 0);
  const text = [
    '# 返信チェック（blame）の学習した重み。scripts/fit-blame.ts（npm run fit:blame）が書いたファイルです。手で重みを直さないでください。',
    '# 文の見出し語・見出し語の2語連続（u: / b:）と文の性質（ctx: 直前の文のお詫び・文中のお詫び・クッション言葉・疑問・過去）ごとの重み（対数オッズ）。',
    '# 文の形（blame-structure.yaml）で何も見つからない文について、重みの合計が threshold 以上なら blame とします（書き換え案は出しません）。',
    '# 出典: このプロジェクトのラベル付き返信（開発用と held-out 1〜21。held-out 22 は使いません）。ライセンスはプロジェクトと同じ MIT。',
    'fitted:',
    `  method: "logistic regression on sentences, L2, no bias, one multiple-instance round (scripts/blame-fit.ts fitBlame, scripts/logistic-regression.ts)"`,
    `  options: ${JSON.stringify(JSON.stringify(BLAME_FIT_OPTIONS))}`,
    `  sets: ${JSON.stringify(sets.map((s) => s.name))}`,
    `  replies: "${sets.reduce((n, s) => n + s.replies.length, 0)} replies (${blameReplies} blame), ${rows.length} sentences"`,
    `  fixtures: "${replyFixturesHash(sets)}"`,
    `threshold: ${model.threshold}`,
    'weights:',
    ...weights.map(([f, w]) => `  ${JSON.stringify(f)}: ${w}`),
    '',
  ].join('\n');
  const path = `${DEFAULT_DICTIONARIES_DIR}/${BLAME_LEARNED_FILE}`;
  writeFittedFile(path, BLAME_LEARNED_FILE, text, 'npm run fit:blame', args.includes('--check'), `${weights.length} weights`);
}
