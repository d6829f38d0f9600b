/**
 * A correction a helpdesk passes on (an agent's ondo-level tag on a ticket): the mail is read
 * like any webhook's, analysed now for ondo's answer (level and scenario), and stored masked in the integration's
 * tenant like POST /v1/feedback's. A retried delivery stores nothing twice.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MailText } from '../analysis/analyze.js';
import { integrationTenant, type Integration } from '../config/integrations.js';
import type { TicketCorrection } from '../integrations/correction.js';
import type { InboundMessage } from '../integrations/inbound.js';
import { mailFingerprint } from '../mail/mail-fingerprint.js';

export type TicketCorrectionAnswer = { status: 'correction-stored'; feedbackId: string } | { status: 'correction-off' };

export async function storeTicketCorrection(
  app: FastifyInstance,
  request: FastifyRequest,
  integration: Integration,
  message: InboundMessage & { correction: TicketCorrection },
  mail: MailText,
): Promise<TicketCorrectionAnswer> {
  if (!app.feedback.enabled) return { status: 'correction-off' };
  const text = { ...(mail.subject ? { subject: mail.subject } : {}), body: mail.body };
  // Tone and scenario from one reading, so the report can set the agent's scenario tag against ondo's.
  const { tone, scenario } = await app.analysis.measure(text);
  const ondo = {
    level: tone.level,
    politeButAnnoyed: tone.politeButAnnoyed,
    scenario: scenario.primary,
    dictionaryVersion: tone.dictionaryVersion,
  };
  const integrationKey = `${integration.provider}/${integration.id}`;
  const record = await app.feedback.useTenant(integrationTenant(integration), (store, tenant) =>
    store.add(tenant, {
      source: 'helpdesk',
      mail: text,
      ondo,
      agent: message.correction,
      key: `${integrationKey}/${message.ticketId}/${message.messageKey}`,
    }),
  );
  request.log.info(
    {
      integration: integrationKey,
      ticketId: message.ticketId,
      feedbackId: record.id,
      mail: mailFingerprint(text),
      ondoLevel: ondo.level,
      agentLevel: message.correction.level,
      masked: record.masked,
    },
    'helpdesk correction stored',
  );
  return { status: 'correction-stored', feedbackId: record.id };
}
