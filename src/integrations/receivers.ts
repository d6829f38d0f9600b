/** Every webhook receiver, one per provider folder: the route registers each the same way. */
import { freshdeskReceiver } from './freshdesk/webhook.js';
import { genericReceiver } from './generic/webhook.js';
import { mailgunReceiver } from './mailgun/webhook.js';
import { postmarkReceiver } from './postmark/webhook.js';
import type { AnyWebhookReceiver } from './receiver.js';
import { sendGridReceiver } from './sendgrid/webhook.js';
import { zendeskReceiver } from './zendesk/webhook.js';

export const WEBHOOK_RECEIVERS: readonly AnyWebhookReceiver[] = [
  zendeskReceiver,
  freshdeskReceiver,
  genericReceiver,
  postmarkReceiver,
  sendGridReceiver,
  mailgunReceiver,
];
