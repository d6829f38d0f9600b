import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const yaml = `
integrations:
  - id: acme
    provider: zendesk
    tenant: ACME株式会社
    signingSecrets: ["\${ZD_SECRET_NEW}", "\${ZD_SECRET_OLD}"]
    baseUrl: https://acme.zendesk.com
    email: support@acme.example
    apiToken: \${ZD_TOKEN}
    note: { setPriority: true, setTags: true }
  - id: acme
    provider: mailgun
    signingKeys: ["\${MG_KEY}"]
    callback: { url: "https://hooks.acme.example/ondo", secrets: ["whsec_Y2FsbGJhY2s="] }
`;

function file(text: string, name = 'integrations.yaml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ondo-integrations-')), name);
  writeFileSync(path, text);
  return path;
}

describe('integration settings', () => {
  const env = { ZD_SECRET_NEW: 'new-secret-123', ZD_SECRET_OLD: 'old-secret-456', ZD_TOKEN: 'zd-token-789', MG_KEY: 'mailgun-key-123' };

  it('reads a YAML file, replacing ${NAME} with environment variables, so the file holds no secrets', () => {
    const config = loadConfig({ INTEGRATIONS_FILE: file(yaml), ...env });
    expect(config.integrations).toHaveLength(2);
    expect(config.integrations[0]).toMatchObject({
      provider: 'zendesk',
      signingSecrets: ['new-secret-123', 'old-secret-456'],
      apiToken: 'zd-token-789',
    });
  });

  it('reads JSON from INTEGRATIONS and defaults to none', () => {
    expect(loadConfig({}).integrations).toEqual([]);
    const list = [
      {
        id: 'x',
        provider: 'postmark',
        basicAuth: ['u:password1'],
        callback: { url: 'https://h.example/cb', secrets: ['whsec_Y2FsbGJhY2s='] },
      },
    ];
    expect(loadConfig({ INTEGRATIONS: JSON.stringify(list) }).integrations).toEqual(list);
  });

  it('names the entry and the problem: a missing variable, plain http to a public host, a duplicate, an unauthenticated SendGrid', () => {
    expect(() => loadConfig({ INTEGRATIONS_FILE: file(yaml) })).toThrow(
      /integrations.yaml\[0\]: environment variable ZD_SECRET_NEW is not set/,
    );
    expect(() => loadConfig({ INTEGRATIONS_FILE: file(yaml.replace('https://acme', 'http://acme')), ...env })).toThrow(/must use https/);
    expect(() => loadConfig({ INTEGRATIONS_FILE: file(yaml.replace('provider: mailgun', 'provider: zendesk')), ...env })).toThrow(
      ConfigError,
    );
    const sendgrid = [{ id: 'sg', provider: 'sendgrid', callback: { url: 'https://h.example/cb', secrets: ['whsec_Y2FsbGJhY2s='] } }];
    expect(() => loadConfig({ INTEGRATIONS: JSON.stringify(sendgrid) })).toThrow(/set basicAuth, publicKeys or both/);
  });
});
