/**
 * The producer side of a verified webhook: answer each HTTP delivery once (Redis, with a TTL),
 * queue the mail for triage under an id that follows from (integration, ticket, message), and
 * queue the delivery job that posts the draft back once triage is done.
 */
import type { MailText } from '../analysis/analyze.js';
import type { DeliverNoteJobData } from './deliver-note-job.js';
import type { DeliveryQueue } from './deliveries.js';
import { messageIdempotencyKey, type InboundMessage } from './inbound.js';
import type { DeliveryDedupe } from './ledger.js';
import { integrationTenant, type Integration } from '../config/integrations.js';

/**
 * What integrations need from the queue layer: ids that follow from a helpdesk message (in the
 * integrations' own namespace, which no client Idempotency-Key can enter), and an enqueue that
 * returns an existing job for a message seen before.
 */
export interface TriageEnqueuer {
  jobIdFor(tenant: string, integrationKey: string): Promise<string>;
  deliveryIdFor(tenant: string, provider: string, integrationId: string, ticketId: string, messageKey: string): Promise<string>;
  enqueue(request: {
    tenant: string;
    mail: MailText;
    integrationKey: string;
    messageId?: string;
    receivedAt?: string;
  }): Promise<{ id: string; created: boolean }>;
}

export interface AcceptedWebhook {
  /** The triage job (or, for a message the worker reads from the helpdesk, the delivery job). */
  jobId: string;
  deliveryJobId: string;
  duplicate: boolean;
}

export interface WebhookIntakeDeps {
  dedupe: DeliveryDedupe;
  deliveries: DeliveryQueue;
  triage: TriageEnqueuer;
  now: () => Date;
  /** First look at the triage job after this long (the delivery job then polls with growing gaps). */
  firstPollMs: number;
}

export class WebhookIntake {
  constructor(private readonly deps: WebhookIntakeDeps) {}

  /** `mail` is the text to triage; undefined when the worker reads the message from the helpdesk. */
  async accept(integration: Integration, message: InboundMessage, mail: MailText | undefined): Promise<AcceptedWebhook> {
    const integrationKey = `${integration.provider}/${integration.id}`;
    // The integration's tenant owns the jobs: its keys see them, no other tenant's do.
    const tenant = integrationTenant(integration);
    const hookKey = messageIdempotencyKey(integration, message.ticketId, message.messageKey);
    const deliveryId = await this.deps.triage.deliveryIdFor(
      tenant,
      integration.provider,
      integration.id,
      message.ticketId,
      message.messageKey,
    );
    const triageJobId = mail ? await this.deps.triage.jobIdFor(tenant, hookKey) : undefined;
    const answer = { jobId: triageJobId ?? deliveryId, deliveryJobId: deliveryId };
    const previous = await this.deps.dedupe.seen(integrationKey, message.deliveryId);
    if (previous) return { ...previous, duplicate: true };
    // Both enqueues are idempotent (ids follow from the message), so a retry after a failure part-way
    // — or two copies of one delivery racing each other — queues nothing twice.
    const receivedAt = message.receivedAt ?? this.deps.now().toISOString();
    let created = true;
    if (mail) {
      const messageId = message.messageId ? { messageId: message.messageId } : {};
      const job = await this.deps.triage.enqueue({ tenant, mail, integrationKey: hookKey, receivedAt, ...messageId });
      created = job.created;
    }
    const data: DeliverNoteJobData = {
      provider: integration.provider,
      integrationId: integration.id,
      ticketId: message.ticketId,
      messageKey: message.messageKey,
      receivedAt,
      acceptedAt: this.deps.now().toISOString(),
      ...(triageJobId ? { triageJobId } : {}),
    };
    const delivery = await this.deps.deliveries.add(deliveryId, data, mail ? this.deps.firstPollMs : 0);
    await this.deps.dedupe.record(integrationKey, message.deliveryId, answer);
    // A new delivery of a message already queued (another invocation id for the same comment) is a duplicate too.
    return { ...answer, duplicate: !created && !delivery.created };
  }
}
