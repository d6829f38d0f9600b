/**
 * A stand-in for an integration id nobody configured. A webhook naming an unknown id is verified
 * against it — random secrets nobody holds — so it fails exactly as a bad signature fails, on the
 * same code path: the answer (401) and its timing do not reveal which ids exist.
 */
import { randomBytes } from 'node:crypto';
import type { Integration, Provider } from '../config/integrations.js';

const decoys = new Map<Provider, Integration>();

export function decoyIntegration(provider: Provider): Integration {
  let decoy = decoys.get(provider);
  if (!decoy) {
    decoy = build(provider);
    decoys.set(provider, decoy);
  }
  return decoy;
}

function build(provider: Provider): Integration {
  const secret = () => randomBytes(32).toString('base64');
  const common = { id: 'unknown', baseUrl: 'https://unknown.invalid' };
  const callback = { url: 'https://unknown.invalid/callback', secrets: [`whsec_${secret()}`] };
  switch (provider) {
    case 'zendesk':
      return { ...common, provider, signingSecrets: [secret()], email: 'unknown@unknown.invalid', apiToken: secret() };
    case 'freshdesk':
      return { ...common, provider, tokens: [secret()], apiKey: secret() };
    case 'generic':
      return { id: common.id, provider, secrets: [`whsec_${secret()}`], callback };
    case 'postmark':
      return { id: common.id, provider, basicAuth: [`unknown:${secret()}`], callback };
    case 'sendgrid':
      return { id: common.id, provider, basicAuth: [`unknown:${secret()}`], callback };
    case 'mailgun':
      return { id: common.id, provider, signingKeys: [secret()], callback };
  }
}
