/** Triage: how hot the mail is, what it is about, who answers by when, and a cushion-first draft. */
import type { AnalysisEngine, MailText } from '../analysis/analyze.js';
import type { PreparedText } from '../analysis/match.js';
import type { ScenarioKind } from '../analysis/scenario-schema.js';
import { chooseScenario, detectScenarios } from '../analysis/scenarios.js';
import type { ScenarioResult } from '../analysis/scenario-schema.js';
import type { ToneLevel, ToneResult } from '../analysis/tone-schema.js';
import { composeReply, usualPromise } from './compose.js';
import { findCustomerDeadline, planPromise, type CustomerDeadline, type PromisePlan } from './customer-deadline.js';
import { nameWords, readCustomerName, type NameWords } from './customer-name.js';
import { customerTextSigned, fromLineNames, insideRanges, readCustomerText, type CustomerText } from './customer-text.js';
import type { Drafting } from './drafting.js';
import { lintReply } from './lint/index.js';
import { readErrand } from './mail-errand.js';
import { readMailFacts } from './mail-facts.js';
import { meetCustomerDeadline, route } from './routing.js';
import { readSentenceConditions } from './stock-sentences.js';
import type { TriageResult } from './triage-schema.js';

export interface TriageRequest extends MailText {
  customerName?: string;
  agentName?: string;
  companyName?: string;
  receivedAt?: string;
  /** The agent's override of the detected scenario. */
  scenario?: ScenarioKind;
  /** The agent's override of the detected level. */
  level?: ToneLevel;
}

/** What reading the mail with the dictionaries gives: its tone and its scenarios. Intake measures it once; the draft reuses it. */
export interface MailMeasure {
  tone: ToneResult;
  scenario: ScenarioResult;
}

/** Tokenizes and matches the mail once, for both its tone and its scenarios. */
export function measureMail(engine: AnalysisEngine, mail: MailText): MailMeasure {
  return readAndMeasure(engine, mail).measure;
}

/** measureMail, and the body as the analysis prepared it: its quoted history and disclaimers, found once. */
function readAndMeasure(engine: AnalysisEngine, mail: MailText): { measure: MailMeasure; body: PreparedText | undefined } {
  const analysed = engine.analyzeWithMatches(mail);
  const body = analysed.fields.find((f) => f.field === 'body')?.text;
  return { measure: { tone: analysed.tone, scenario: detectScenarios(analysed.fields, engine.dictionaries) }, body };
}

/** What triage decides before it drafts: how hot, what about, who answers by when (`ondo batch` without --drafts stops here). */
export type RoutedMail = Pick<TriageResult, 'tone' | 'scenario' | 'routing'>;

interface Plan extends RoutedMail {
  receivedAt: Date;
  deadline: CustomerDeadline | undefined;
  promise: PromisePlan;
  /** The customer's own words in the body, read once here for everything after (customer-text.ts). */
  own: CustomerText;
}

/** A subject that states a limit, not only a day: 「〜までに」「〜前に」「〜に間に合わせたい」「〜必着」. */
const SUBJECT_LIMIT = /まで|迄|前に|間に合|必着|締め?切|期限/u;

function plan(engine: AnalysisEngine, drafting: Drafting, request: TriageRequest, now: Date, measured?: MailMeasure): Plan {
  // A measure carried from intake (a queued job) comes without the body's ranges: they are read here then.
  const read = measured ? undefined : readAndMeasure(engine, request);
  const { tone: measuredTone, scenario: detected } = measured ?? read!.measure;
  const tone = request.level ? { ...measuredTone, level: request.level } : measuredTone;
  const scenario = request.scenario ? chooseScenario(detected, request.scenario) : detected;
  const receivedAt = request.receivedAt ? new Date(request.receivedAt) : now;
  const { manual } = drafting;
  const own = readCustomerText(request.body, read?.body);
  // A date in the shop's quoted reply or a forwarded notice (「お届け予定日は12月20日です」) is no deadline of theirs.
  // 「【至急】バレンタインまでに必要です」: a subject may carry the deadline the body only points at (それまでに);
  // only with a word of limit, since a subject names its topic by a day as often (「本日の配達について」).
  const deadline =
    findCustomerDeadline(own.text, receivedAt, manual) ??
    (request.subject && SUBJECT_LIMIT.test(request.subject) ? findCustomerDeadline(request.subject, receivedAt, manual) : undefined);
  const usual = usualPromise({ scenarios: scenario, receivedAt, calendar: manual.calendar }, manual.templates);
  const promise = planPromise(usual, deadline, receivedAt, manual.calendar);
  const routing = meetCustomerDeadline(route(tone, receivedAt, manual.calendar, manual.routing), deadline, promise, manual.calendar);
  return { tone, scenario, routing, receivedAt, deadline, promise, own };
}

/** Tone, scenario and routing as triage gives them, without composing and linting a draft. */
export function routeMail(
  engine: AnalysisEngine,
  drafting: Drafting,
  request: TriageRequest,
  now = new Date(),
  measured?: MailMeasure,
): RoutedMail {
  const { tone, scenario, routing } = plan(engine, drafting, request, now, measured);
  return { tone, scenario, routing };
}

/**
 * The writer's name from their own lines and signature; from a quoted or forwarded mail only when it is
 * their own earlier one (its From: line names them), never the shop's signature under its reply.
 */
function nameInMail(own: CustomerText, words: NameWords): string | undefined {
  const signed = readCustomerName(customerTextSigned(own), words);
  if (signed) return signed;
  const anywhere = readCustomerName(own.body, words);
  return anywhere && fromLineNames(own.body, anywhere) ? anywhere : undefined;
}

/**
 * The scenarios as the draft names them: evidence from the customer's own lines only, and a second
 * errand only where they give one — 「> ログインできない場合は…」 in the shop's quoted reply asks nothing.
 */
function ownErrands(scenario: ScenarioResult, { notOwn }: CustomerText): ScenarioResult {
  if (notOwn.length === 0) return scenario;
  const evidence = scenario.evidence.filter((e) => e.field !== 'body' || !insideRanges(notOwn, e.start));
  const secondary = scenario.secondary.filter((kind) => evidence.some((e) => e.scenario === kind));
  return { ...scenario, evidence, secondary };
}

/** `measured`: the mail's measure from the same dictionaries (a queued job carries it from intake), so the mail is not read twice. */
export function triage(
  engine: AnalysisEngine,
  drafting: Drafting,
  request: TriageRequest,
  now = new Date(),
  measured?: MailMeasure,
): TriageResult {
  const { tone, scenario, routing, receivedAt, deadline, promise, own } = plan(engine, drafting, request, now, measured);
  const { manual } = drafting;
  // Facts given anywhere in the mail, quoted history too, are not asked for again; everything else is
  // read from the customer's own lines (customer-text.ts).
  const facts = readMailFacts(request.subject, request.body);
  const conditions = readSentenceConditions(own.text, facts, {
    // Only a mail that says it waited for us earns 「お待たせ」: 「2回目です」 about a repeated fault
    // is repeated-contact tone evidence but no wait for a reply.
    followUp: scenario.primary === 'no-reply-followup',
    thanks: scenario.primary === 'thanks',
    deadline: deadline !== undefined,
    othersSilent: scenario.primary === 'customer-silent',
  });
  const readName = request.customerName ? undefined : nameInMail(own, nameWords(engine.tokenizer));
  const customerName = request.customerName ?? readName;
  const drafted = ownErrands(scenario, own);
  const draft = composeReply(
    {
      tone,
      scenarios: drafted,
      routing,
      receivedAt,
      calendar: manual.calendar,
      subject: request.subject,
      customerName,
      agentName: request.agentName,
      companyName: request.companyName,
      conditions,
      deadline,
      promise,
      errand: readErrand(
        request.subject,
        request.body,
        tone.evidence,
        drafted.evidence.filter((e) => e.scenario === scenario.primary),
        own,
      ),
    },
    manual.templates,
  );
  return {
    tone,
    scenario,
    routing,
    customer: { name: customerName, nameSource: request.customerName ? 'given' : readName ? 'mail' : 'none' },
    draft,
    lint: lintReply(draft.text, { customerLevel: tone.level, rules: drafting.lintRules, tokenizer: engine.tokenizer }),
  };
}
