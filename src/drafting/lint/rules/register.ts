/** register: casual or curt words to a customer (了解です, 〜してね, ちょっと, ですよね), each with its polite form. */
import type { LintRule } from '../context.js';

export const register: LintRule = {
  id: 'register',
  check: (context) =>
    context.reply.sentences.flatMap((sentence) =>
      context.matches('casual', sentence).map((m) => ({ sentence, start: m.start, end: m.end, rewrite: context.rewrite(sentence) })),
    ),
};
