/**
 * Composes a cushion-first reply from the manual (dictionaries/templates/): thanks and
 * acknowledgement, empathy that reflects the customer's concern, facts only behind a cushion,
 * a next step with a real date, and a closing matched to the level.
 */
import type { ScenarioResult } from '../analysis/scenario-schema.js';
import type { ToneResult } from '../analysis/tone-schema.js';
import type { BusinessCalendar } from './calendar.js';
import type { CustomerDeadline, PromisePlan } from './customer-deadline.js';
import type { Draft } from './draft-schema.js';
import { namesNothing, type MailErrand } from './mail-errand.js';
import { quotableSubject, readSubject } from './mail-subject.js';
import { fillTemplate, findPlaceholders } from './render.js';
import type { RoutingResult } from './routing.js';
import { keepTrueSentences, type SentenceConditions } from './stock-sentences.js';
import { forLevel, type Templates } from './templates.js';

export interface ReplyContext {
  tone: { level: ToneResult['level']; evidence: ReadonlyArray<{ field?: string; category?: string }> };
  scenarios: Pick<ScenarioResult, 'primary' | 'secondary'> & Partial<Pick<ScenarioResult, 'generalDraft' | 'evidence'>>;
  routing: Pick<RoutingResult, 'escalate' | 'replyByLabel'>;
  receivedAt: Date;
  calendar: BusinessCalendar;
  subject?: string;
  customerName?: string;
  agentName?: string;
  companyName?: string;
  /** What the mail says (waited, feedback, facts given, explanations rejected); without it every sentence is kept. */
  conditions?: SentenceConditions;
  /** The customer's own deadline, acknowledged before the next step. */
  deadline?: CustomerDeadline;
  /** The promise when something (a deadline) moved it; otherwise the scenario's usual one. */
  promise?: PromisePlan;
  /** What the body says the errand is, named when the subject does not name it. */
  errand?: MailErrand;
}

/**
 * Errands a draft names only when the scenario is sure: acts that end something (解約, キャンセル,
 * 退会), and product questions, whose evidence is mostly the form of a question (〜できますか, 使い方).
 */
const GUESS_UNSAFE: ReadonlySet<string> = new Set(['subscription-cancellation', 'cancellation', 'account-deletion', 'product-question']);

/** Sections in the order the manual asks for; a section left out is simply skipped. */
type SectionName = Draft['sections'][number]['name'];

/** Sections that are the manual's stock sentences, each checked against the mail's conditions. */
const CONDITIONAL = new Set<SectionName>(['followUpApology', 'thanks', 'empathy', 'facts', 'alsoMention', 'nextStep']);

/** The scenario whose template drafts the reply: the safe general one when the scenario is a guess. */
export function draftScenario(scenarios: ReplyContext['scenarios']): ReplyContext['scenarios']['primary'] {
  return scenarios.generalDraft ? 'other' : scenarios.primary;
}

/** The scenario's usual promise: the close of its promiseBusinessDays-th business day. */
export function usualPromise(context: Pick<ReplyContext, 'scenarios' | 'receivedAt' | 'calendar'>, templates: Templates): Date {
  const scenario = templates.scenarios.get(draftScenario(context.scenarios))!;
  return context.calendar.addBusinessDays(context.receivedAt, scenario.promiseBusinessDays);
}

export function composeReply(context: ReplyContext, templates: Templates): Draft {
  const { tone, scenarios, routing, calendar, conditions } = context;
  const level = tone.level;
  const kind = draftScenario(scenarios);
  const scenario = templates.scenarios.get(kind)!;
  const promise = context.promise ?? { at: usualPromise(context, templates), withTime: false, atRisk: false };
  const fromSubject = readSubject(context.subject, tone.evidence);
  // 「先日の問い合わせについて」 names nothing: the body's errand (「在籍証明書の発行」) does.
  const subjectAbout = fromSubject.about && !namesNothing(fromSubject.about) ? fromSubject.about : undefined;
  const errand = subjectAbout ? undefined : context.errand?.about;
  const general = templates.scenarios.get('other')!;
  const values: Record<string, string | undefined> = {
    customerName: context.customerName,
    companyName: context.companyName ?? '【会社名】',
    agentName: context.agentName ?? '【担当者名】',
    concern: concernOf(kind === 'other' ? undefined : fromSubject.concern, scenario.concern, general.concern, conditions),
    // The general draft names the errand in its empathy (mailSubject), so its thanks does not repeat it.
    aboutSubject: kind !== 'other' && (subjectAbout ?? errand) ? `「${(subjectAbout ?? errand)!}」について` : '',
    topic: scenario.topic,
    promiseDate: promise.withTime ? calendar.formatDateTime(promise.at) : calendar.formatDate(promise.at),
    replyBy: routing.replyByLabel,
    mailSubject: errand ?? quotableSubject(context.subject, tone.evidence),
    customerDeadline: context.deadline?.label,
  };
  const { common } = templates;
  const isFollowUp =
    conditions?.waited ??
    (scenarios.primary === 'no-reply-followup' ||
      scenarios.secondary.includes('no-reply-followup') ||
      tone.evidence.some((e) => e.category === 'repeated-contact'));
  // A general draft (the scenario a guess) still names the errands the mail gave evidence for, so
  // the right one is answered whichever it is — but never an act that ends something on a guess:
  // 「定期便」 in a mail about changing its interval is no wish to cancel it. A sure draft names its
  // secondary errands.
  const candidates = scenarios.generalDraft
    ? [scenarios.primary, ...scenarios.secondary].filter((k) => !GUESS_UNSAFE.has(k))
    : scenarios.secondary;
  const secondary = candidates
    .filter((k) => k !== 'other' && k !== 'no-reply-followup' && k !== kind)
    .map((k) => templates.scenarios.get(k)!)
    .filter((s) => mentionedInMail(s, context))
    .slice(0, 2);
  // One line for a guess (「ご返金のお手続きや納品物の修正内容についても」), one per errand when sure.
  const alsoMention = scenarios.generalDraft
    ? secondary.length > 0
      ? [fillTemplate(common.alsoMention, { topic: secondary.map((s) => s.topic).join('や') })]
      : []
    : secondary.map((s) => fillTemplate(common.alsoMention, { topic: s.topic }));

  const paragraphs: Array<[SectionName, string | undefined]> = [
    ['salutation', context.customerName ? common.salutation.named : common.salutation.anonymous],
    ['intro', common.intro],
    ['followUpApology', isFollowUp ? common.followUpApology : undefined],
    ['thanks', conditions?.feedback ? common.thanksForFeedback : forLevel(common.thanks, level)],
    ['empathy', forLevel(scenario.empathy ?? common.empathy, level)],
    ['facts', forLevel(scenario.facts, level)],
    ['alsoMention', ASKED],
    ...alsoMention.map((line): [SectionName, string] => ['alsoMention', line]),
    ['nextStep', deadlineLead(context, common) + forLevel(scenario.nextStep, level)],
    ['escalated', routing.escalate ? common.escalated : undefined],
    ['closing', forLevel(common.closing, level)],
    ['signature', common.signature],
  ];
  // A blank line after the salutation and before the signature, as Japanese business mail is laid out.
  const blankLineAfter = new Set<SectionName>(['salutation', 'closing']);
  const given = conditions && givenPlaceholders(conditions, context.errand);
  let text = '';
  const sections: Draft['sections'] = [];
  for (const [name, template] of paragraphs) {
    // The customer's asks, those the draft has not said yet in their words.
    const filled =
      template === ASKED
        ? kind === 'other'
          ? (clauseLine(context, common, text) ?? askedLine(context, common, text) ?? suggestedLine(context, common, text))
          : context.errand?.asked
            ? (clauseLine(context, common, text, true) ?? askedLine(context, common, text))
            : (suggestedLine(context, common, text) ?? clauseLine(context, common, text))
        : template;
    if (filled === undefined) continue;
    let paragraph = fillFacts(fillTemplate(filled, values).trim(), given);
    if (conditions && CONDITIONAL.has(name)) paragraph = keepTrueSentences(paragraph, conditions, name);
    if (paragraph === '') continue;
    const start = text.length;
    text += paragraph;
    sections.push({ name, start, end: text.length });
    text += blankLineAfter.has(name) ? '\n\n' : '\n';
  }
  text = text.trimEnd();
  return {
    kind: 'reply',
    scenario: kind,
    level,
    subject: replySubject(context.subject, scenario.label),
    ...placeholdersOf(text),
    sections,
    text,
    promiseDate: calendar.formatIso(promise.at),
  };
}

/**
 * A secondary errand is named in the manual's words only when the mail uses one of them or gives it two
 * pieces of evidence: one word (「復帰」 for an outage, 「セール」 for a coupon) is too little to tell a gym
 * member back from an injury about 「サービスの障害と復旧の見込み」.
 */
function mentionedInMail(scenario: { scenario: string; topic: string }, context: ReplyContext): boolean {
  const text = context.conditions?.mailText;
  if (text === undefined) return true;
  const evidence = context.scenarios.evidence?.filter((e) => e.scenario === scenario.scenario).length ?? 0;
  if (evidence >= 2) return true;
  const mail = `${(context.subject ?? '').normalize('NFKC')}\n${text}`;
  const words = scenario.topic.match(/[一-龥々]{2,}|[ァ-ヶー]{3,}/gu) ?? [];
  return words.some((word) => !TOPIC_FRAME.has(word) && mail.includes(word));
}
/** Words of the manual's topics that frame rather than name one (「ご請求の内容」「商品のお届け状況」). */
const TOPIC_FRAME: ReadonlySet<string> = new Set(['内容', '状況', '変更', '以前', '相手', '商品', '利用', '方法', '適用', '見込']);

/** Stands for the line naming the customer's asks, written once the draft before it is known. */
const ASKED = '\u0000asked';

/**
 * 「お尋ねの「配送方法」や「日割り」につきましても…」: the customer's own asks, as a question or a request,
 * those the draft so far does not name in their words; none when it names them all.
 */
function askedLine(context: ReplyContext, common: Templates['common'], draftSoFar: string): string | undefined {
  const asked = context.errand?.asked;
  if (!asked) return undefined;
  const unsaid = [asked.about, ...(context.errand?.alsoAsked ?? [])].filter((about) => !draftSoFar.includes(about));
  if (unsaid.length === 0) return '';
  return fillTemplate(asked.question ? common.askedToo.question : common.askedToo.request, { asked: unsaid.join('」や「') });
}

/**
 * 「「2セット分だけキャンセルできますか」とのお尋ねにつきまして…」: the customer's first asking clause, quoted.
 * A general draft leads with it, so it answers their errand in their words without guessing a scenario's
 * topic. A sure draft quotes it only when it says every thing they ask about (`coverAsked`): for a mail of
 * several questions (「同行者」「車椅子席への変更」) the line naming each is the better one.
 */
function clauseLine(context: ReplyContext, common: Templates['common'], draftSoFar: string, coverAsked = false): string | undefined {
  const clause = context.errand?.askedClause;
  // Never a clause that carries the explanation the customer rejected.
  const rejected = context.conditions?.rejected ?? [];
  if (!clause || draftSoFar.includes(clause.text) || rejected.some((w) => clause.text.includes(w))) return undefined;
  const asked = [context.errand?.asked?.about, ...(context.errand?.alsoAsked ?? [])].filter((a): a is string => a !== undefined);
  if (coverAsked && !asked.every((a) => clause.text.includes(a.replace(/^[おご]/u, '')))) return undefined;
  return fillTemplate(clause.question ? common.askedClause.question : common.askedClause.request, { asked: clause.text });
}

/** 「ご提案いただいた「館内の案内表示」の件は…」: a suggestion in a mail that asks nothing. */
function suggestedLine(context: ReplyContext, common: Templates['common'], draftSoFar: string): string | undefined {
  const suggested = context.errand?.suggested;
  return suggested && !draftSoFar.includes(suggested) ? fillTemplate(common.suggestedToo, { suggested }) : undefined;
}

/** 「…に間に合うよう、」 before the dated next step; when the deadline cannot be met, no promise to meet it. */
function deadlineLead(context: ReplyContext, common: Templates['common']): string {
  if (!context.deadline) return '';
  if (!context.deadline.at) return common.deadlineUndated;
  return context.promise?.atRisk ? common.deadlineAtRisk : common.deadlineAck;
}

/** 【placeholders】 the mail already answers, with the customer's own value for each. */
function givenPlaceholders(conditions: SentenceConditions, errand: MailErrand | undefined): Record<string, string | undefined> {
  const { values } = conditions.facts;
  return {
    注文番号: values['order-number'],
    お客様番号: values['contract-number'] ?? values['account-id'],
    契約番号: values['contract-number'],
    商品名: values['product-name'] && `「${values['product-name']}」`,
    お問い合わせ内容: errand?.about,
    前回の受付日: errand?.askedOn,
  };
}

/** 【注文番号】 becomes the number the customer wrote, when the mail gave one. */
function fillFacts(paragraph: string, given: Record<string, string | undefined> | undefined): string {
  if (!given) return paragraph;
  return paragraph.replace(/【([^【】\n]{1,30})】/g, (whole, name: string) => given[name] ?? whole);
}

/**
 * The concern the empathy reflects: the customer's own words from the subject when it states one,
 * else the scenario's paraphrase; never one that repeats an explanation the customer rejected.
 */
function concernOf(fromSubject: string | undefined, scenario: string, general: string, conditions: SentenceConditions | undefined): string {
  const rejected = conditions?.rejected ?? [];
  return [fromSubject, scenario].find((c): c is string => c !== undefined && !rejected.some((w) => c.includes(w))) ?? general;
}

/** 「Re: 元の件名」 without stacking Re: prefixes; the scenario label when the mail had no subject. */
export function replySubject(subject: string | undefined, fallback: string): string {
  const original = subject?.replace(/^(\s*(re|fw|fwd)(\[\d+\])?\s*[:：]\s*)+/i, '').trim();
  return `Re: ${original || fallback}`;
}

export function placeholdersOf(text: string): Pick<Draft, 'placeholders' | 'placeholderSpans'> {
  const placeholderSpans = findPlaceholders(text);
  return { placeholders: [...new Set(placeholderSpans.map((p) => p.name))], placeholderSpans };
}
