import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SignedRequest } from '../../src/integrations/inbound.js';
import { verifyMailgun } from '../../src/integrations/mailgun/webhook.js';
import { verifySendGrid } from '../../src/integrations/sendgrid/webhook.js';
import type { MailgunIntegration, SendGridIntegration, ZendeskIntegration, GenericIntegration } from '../../src/config/integrations.js';
import { hmacSha256, matchesAny, safeEqual, verifyEcdsa, verifyStandardWebhook } from '../../src/integrations/signature.js';
import { verifyGeneric } from '../../src/integrations/generic/webhook.js';
import { verifyZendesk, ZENDESK_TEST_SECRET } from '../../src/integrations/zendesk/webhook.js';
import { type WebhookAuthError } from '../../src/integrations/errors.js';

const callback = { url: 'https://hooks.example.jp/ondo', secrets: ['whsec_Y2FsbGJhY2s='] };
const request = (headers: Record<string, string>, raw: string, now: string | number): SignedRequest => ({
  headers,
  raw: Buffer.from(raw),
  nowMs: typeof now === 'number' ? now * 1000 : Date.parse(now),
  toleranceSeconds: 300,
});
const rejects = (check: () => void) => {
  try {
    check();
  } catch (err) {
    return (err as WebhookAuthError).reason;
  }
  return 'accepted';
};

describe('safeEqual', () => {
  it('answers false for different lengths instead of throwing like timingSafeEqual', () => {
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(safeEqual(Buffer.alloc(0), Buffer.from('a'))).toBe(false);
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(matchesAny('old', ['new-secret', 'old'])).toBe(true);
    expect(matchesAny(undefined, ['x'])).toBe(false);
  });
});

describe('Zendesk signature (timestamp + body)', () => {
  const zendesk = (secrets: string[]) => ({ signingSecrets: secrets }) as ZendeskIntegration;
  const body = '{"ticket_id":"123","subject":"【至急】注文の件","latest_comment":"商品が届きません。"}';
  const headers = {
    'x-zendesk-webhook-signature-timestamp': '2024-01-01T01:00:00Z',
    'x-zendesk-webhook-signature': 'goEGEy273BtOafusJBwL/5J3WSK60p3RtvH5QpdrvSE=',
  };

  it("passes the reference vector signed with Zendesk's test secret", () => {
    expect(rejects(() => verifyZendesk(zendesk([ZENDESK_TEST_SECRET]), request(headers, body, '2024-01-01T01:04:59Z')))).toBe('accepted');
  });

  it('rejects the same request six minutes later', () => {
    expect(rejects(() => verifyZendesk(zendesk([ZENDESK_TEST_SECRET]), request(headers, body, '2024-01-01T01:06:00Z')))).toBe(
      'stale-timestamp',
    );
  });

  it('documents the old event-connectors vector: it only verifies as body + timestamp, so ondo (timestamp + body) rejects it', () => {
    const secret = 'HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=';
    const old = {
      'x-zendesk-webhook-signature-timestamp': '2021-07-25T10:00:00Z',
      'x-zendesk-webhook-signature': 'tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=',
    };
    expect(hmacSha256(secret, '{"say": "hello"}', '2021-07-25T10:00:00Z').toString('base64')).toBe(old['x-zendesk-webhook-signature']);
    expect(rejects(() => verifyZendesk(zendesk([secret]), request(old, '{"say": "hello"}', '2021-07-25T10:00:00Z')))).toBe(
      'invalid-signature',
    );
  });
});

describe('Standard Webhooks signature (generic)', () => {
  const generic = { secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], callback } as GenericIntegration;
  const headers = {
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };

  it("passes the spec's example and accepts any of several space-separated signatures", () => {
    expect(rejects(() => verifyGeneric(generic, request(headers, '{"test": 2432232314}', 1614265330)))).toBe('accepted');
    const several = { ...headers, 'webhook-signature': `v1,bm9wZQ== ${headers['webhook-signature']}` };
    expect(rejects(() => verifyGeneric(generic, request(several, '{"test": 2432232314}', 1614265330)))).toBe('accepted');
    expect(
      verifyStandardWebhook(
        generic.secrets,
        headers['webhook-id'],
        '1614265330',
        Buffer.from('{"test": 2432232315}'),
        headers['webhook-signature'],
      ),
    ).toBe(false);
  });
});

describe('Mailgun signature (timestamp + token)', () => {
  const mailgun = { signingKeys: ['mailgun-signing-key-test'], callback } as MailgunIntegration;
  const fields = {
    timestamp: '1704070800',
    token: 'a'.repeat(50),
    signature: '11bc7f50551b4bc4454beaeb7fd02a315a0e08175f054dab0bd4f11fefc81723',
  };

  it('passes the reference vector and rejects an odd-length or non-hex signature without throwing', () => {
    expect(rejects(() => verifyMailgun(mailgun, fields, request({}, '', 1704070810)))).toBe('accepted');
    for (const signature of ['abc', 'zz', '', fields.signature.slice(2)]) {
      expect(rejects(() => verifyMailgun(mailgun, { ...fields, signature }, request({}, '', 1704070810)))).toBe(
        signature ? 'invalid-signature' : 'missing-signature',
      );
    }
  });
});

describe('SendGrid ECDSA signature (timestamp + raw body)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const sendgrid = { publicKeys: [key], callback } as SendGridIntegration;
  const body = '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nこんにちは\r\n--b--\r\n';
  const timestamp = '1704070800';
  const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey).toString('base64');
  const headers = { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp };

  it('verifies with the base64 DER key and rejects a tampered body or a garbage signature', () => {
    expect(rejects(() => verifySendGrid(sendgrid, request(headers, body, 1704070800)))).toBe('accepted');
    expect(rejects(() => verifySendGrid(sendgrid, request(headers, body.replace('こんにちは', 'こんばんは'), 1704070800)))).toBe(
      'invalid-signature',
    );
    expect(verifyEcdsa([key], timestamp, Buffer.from(body), '%%%')).toBe(false);
    expect(verifyEcdsa(['not a key'], timestamp, Buffer.from(body), signature)).toBe(false);
  });
});
