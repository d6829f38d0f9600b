/**
 * A stand-in for an integration id nobody configured. A webhook naming an unknown id is verified
 * against it — random secrets nobody holds — so it fails exactly as a bad signature fails, on the
 * same code path: the answer (401) and its timing do not reveal which ids exist.
 */
import { randomBytes } from 'node:crypto';
import type { IntegrationOf, Provider } from '../config/integrations.js';

const secret = () => randomBytes(32).toString('base64');
const common = { id: 'unknown', baseUrl: 'https://unknown.invalid' };
const callback = () => ({ url: 'https://unknown.invalid/callback', secrets: [`whsec_${secret()}`] });

/** One per provider, made at start-up, so every refusal costs the same. */
const DECOYS: { [P in Provider]: IntegrationOf<P> } = {
  zendesk: { ...common, provider: 'zendesk', signingSecrets: [secret()], email: 'unknown@unknown.invalid', apiToken: secret() },
  freshdesk: { ...common, provider: 'freshdesk', tokens: [secret()], apiKey: secret() },
  generic: { id: common.id, provider: 'generic', secrets: [`whsec_${secret()}`], callback: callback() },
  postmark: { id: common.id, provider: 'postmark', basicAuth: [`unknown:${secret()}`], callback: callback() },
  sendgrid: { id: common.id, provider: 'sendgrid', basicAuth: [`unknown:${secret()}`], callback: callback() },
  mailgun: { id: common.id, provider: 'mailgun', signingKeys: [secret()], callback: callback() },
};

export function decoyIntegration<P extends Provider>(provider: P): IntegrationOf<P> {
  return DECOYS[provider];
}
