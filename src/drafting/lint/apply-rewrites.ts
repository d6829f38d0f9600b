/**
 * A reply with every rewrite the linter offers put in: each sentence with a finding that has a
 * rewrite is replaced by it, with the lines a reply-wide rule inserts before it.
 */
import type { Tokenizer } from '../../analysis/tokenizer/index.js';
import type { LintFinding } from './finding-schema.js';
import { originalRange, replyTokenizer, splitReply } from './sentences.js';

export interface RewrittenReply {
  text: string;
  /** Each rewritten sentence beside the sentence it replaced. */
  sentences: Array<{ before: string; after: string }>;
}

export function applyRewrites(reply: string, findings: readonly LintFinding[], tokenizer: Tokenizer): RewrittenReply {
  const text = splitReply(reply, replyTokenizer(tokenizer));
  const ranges = text.sentences.map((s) => originalRange(text, s, 0, s.text.length));
  const body = new Map<number, string>();
  const lines = new Map<number, string[]>();
  for (const finding of findings) {
    const index = ranges.findIndex(([from, to]) => finding.start >= from && finding.start < to);
    if (finding.rewrite === undefined || index < 0) continue;
    const parts = finding.rewrite.split('\n');
    body.set(index, parts.pop()!);
    if (parts.length) lines.set(index, [...(lines.get(index) ?? []), ...parts]);
  }
  let out = '';
  let cursor = 0;
  const sentences: RewrittenReply['sentences'] = [];
  ranges.forEach(([from, to], index) => {
    const after = body.get(index);
    if (after === undefined) return;
    out += reply.slice(cursor, from) + [...(lines.get(index) ?? []), after].join('\n');
    cursor = to;
    sentences.push({ before: reply.slice(from, to), after });
  });
  return { text: out + reply.slice(cursor), sentences };
}
