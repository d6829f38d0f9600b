/** Triage: how hot the mail is, what it is about, who answers by when, and a cushion-first draft. */
import type { AnalysisEngine, MailText } from '../analysis/analyze.js';
import { detectScenarios } from '../analysis/scenarios.js';
import { composeReply } from './compose.js';
import { readCustomerName } from './customer-name.js';
import type { Drafting } from './drafting.js';
import { lintReply } from './lint/index.js';
import { route } from './routing.js';
import type { TriageResult } from './triage-schema.js';

export interface TriageRequest extends MailText {
  customerName?: string;
  agentName?: string;
  companyName?: string;
  receivedAt?: string;
}

export function triage(engine: AnalysisEngine, drafting: Drafting, request: TriageRequest, now = new Date()): TriageResult {
  const { tone, fields } = engine.analyzeWithMatches(request);
  const scenario = detectScenarios(fields, engine.dictionaries);
  const receivedAt = request.receivedAt ? new Date(request.receivedAt) : now;
  const { manual } = drafting;
  const routing = route(tone, receivedAt, manual.calendar, manual.routing);
  const readName = request.customerName ? undefined : readCustomerName(request.body);
  const customerName = request.customerName ?? readName;
  const draft = composeReply(
    {
      tone,
      scenarios: scenario,
      routing,
      receivedAt,
      calendar: manual.calendar,
      subject: request.subject,
      customerName,
      agentName: request.agentName,
      companyName: request.companyName,
    },
    manual.templates,
  );
  return {
    tone,
    scenario,
    routing,
    customer: { name: customerName, nameSource: request.customerName ? 'given' : readName ? 'mail' : 'none' },
    draft,
    lint: lintReply(draft.text, { customerLevel: tone.level, rules: drafting.lintRules }),
  };
}
