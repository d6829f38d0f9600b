/**
 * What the reply linter reports, as a TypeBox schema: the HTTP layer documents its responses with
 * it and the linter takes its types from it, so the two never drift.
 */
import { Type, type Static } from 'typebox';

export const LintRuleId = Type.Union(
  [
    Type.Literal('bare-refusal'),
    Type.Literal('blame'),
    Type.Literal('bare-command'),
    Type.Literal('vague-timing'),
    Type.Literal('no-empathy'),
    Type.Literal('no-thanks'),
    Type.Literal('refusal-first'),
    Type.Literal('register'),
  ],
  {
    title: 'LintRuleId',
    description:
      'bare-refusal: クッション言葉のない断り / blame: お客様に非があるような言い方 / bare-command: 命令形の依頼 / ' +
      'vague-timing: 日時のない「追って」「近日中に」 / no-empathy: 怒っているお客様へのお詫び・共感がない / ' +
      'no-thanks: お礼がない / refusal-first: 挨拶の直後が断り・否定 / register: お客様へのくだけた言い方',
    examples: ['bare-refusal'],
  },
);
export type LintRuleId = Static<typeof LintRuleId>;
export const LINT_RULE_IDS: readonly LintRuleId[] = LintRuleId.anyOf.map((literal) => literal.const);

export const ReplyKind = Type.Union(
  [
    Type.Literal('inquiry-answer'),
    Type.Literal('complaint-reply'),
    Type.Literal('notice'),
    Type.Literal('review-reply'),
    Type.Literal('proactive-apology'),
    Type.Literal('praise-reply'),
  ],
  {
    title: 'ReplyKind',
    description:
      'What kind of message the reply is, which decides the rules that apply: inquiry-answer お問い合わせへの回答 / ' +
      'complaint-reply 苦情・不満への返信 / notice お知らせ（期限・休業・発送） / review-reply 公開レビューへの返信 / ' +
      'proactive-apology こちらの誤りを先に知らせるお詫び / praise-reply お褒め・お礼への返信',
    examples: ['inquiry-answer'],
  },
);
export type ReplyKind = Static<typeof ReplyKind>;
export const REPLY_KINDS: readonly ReplyKind[] = ReplyKind.anyOf.map((literal) => literal.const);

export const ReplyRegister = Type.Union([Type.Literal('formal'), Type.Literal('polite'), Type.Literal('casual')], {
  title: 'ReplyRegister',
  description:
    "The reply's overall register: formal 謙譲語・丁重語で改まっている (いたします・ございます) / polite です・ます調 / " +
    'casual くだけた言い方がある (了解です・〜してね・ちょっと)',
  examples: ['formal'],
});
export type ReplyRegister = Static<typeof ReplyRegister>;

export const LintSeverity = Type.Union([Type.Literal('error'), Type.Literal('warning')], {
  title: 'LintSeverity',
  description: 'error: 送信前に必ず直す / warning: 直すことを強く勧める',
  examples: ['error'],
});
export type LintSeverity = Static<typeof LintSeverity>;

export const LintMessage = Type.Object(
  {
    ja: Type.String({
      description: 'The problem in Japanese for the agent, quoting the words',
      examples: [
        '「返金はできません」はクッション言葉のない断りです。同じ文の前に「恐れ入りますが」「あいにく」などを添え、「いたしかねます」のように和らげましょう。',
      ],
    }),
    en: Type.String({
      description: 'The same explanation in English',
      examples: [
        '"返金はできません" refuses with no cushion before it in the sentence; open with 恐れ入りますが or あいにく and soften it (いたしかねます).',
      ],
    }),
  },
  { additionalProperties: false, description: 'Explanation of the finding in Japanese and English' },
);

export const LintFinding = Type.Object(
  {
    ruleId: LintRuleId,
    severity: LintSeverity,
    start: Type.Integer({
      minimum: 0,
      description: '0-based UTF-16 offset into the reply where the offending text starts (inclusive)',
      examples: [58],
    }),
    end: Type.Integer({
      minimum: 0,
      description: '0-based UTF-16 offset into the reply where the offending text ends (exclusive)',
      examples: [63],
    }),
    text: Type.String({
      description:
        'The offending text exactly as written in the reply (reply.slice(start, end)); for the reply-wide rules ' +
        '(no-thanks, no-empathy, refusal-first) the sentence where the missing words belong',
      examples: ['できません'],
    }),
    message: LintMessage,
    rewrite: Type.Optional(
      Type.String({
        description:
          'A suggested cushion-first rewrite of the whole sentence containing the finding (not of start–end alone); ' +
          'facts the agent must supply appear as 【placeholders】',
        examples: ['大変恐れ入りますが、外箱のみの損傷の場合、商品の交換はできかねます。'],
      }),
    ),
  },
  {
    title: 'LintFinding',
    additionalProperties: false,
    description: 'One problem the reply linter found in an agent reply',
    examples: [
      {
        ruleId: 'bare-refusal',
        severity: 'error',
        start: 58,
        end: 63,
        text: 'できません',
        message: {
          ja: '「できません」はクッション言葉のない断りです。同じ文の前に「恐れ入りますが」「あいにく」などを添え、「いたしかねます」のように和らげましょう。',
          en: '"できません" refuses with no cushion before it in the sentence; open with 恐れ入りますが or あいにく and soften it (いたしかねます).',
        },
        rewrite: '大変恐れ入りますが、外箱のみの損傷の場合、商品の交換はできかねます。',
      },
    ],
  },
);
export type LintFinding = Static<typeof LintFinding>;
