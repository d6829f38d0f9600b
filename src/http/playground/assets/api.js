/** Talks to the ondo API from the page: JSON requests, problem+json answers explained in Japanese, .eml files as base64. */

export class ApiError extends Error {
  /** @param {string} message @param {unknown} [problem] */
  constructor(message, problem) {
    super(message);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

const API_KEY = 'ondo.apiKey';

/** The API key for servers that require one (API_KEYS), kept for this tab only. @param {string} key */
export function setApiKey(key) {
  if (key.trim()) sessionStorage.setItem(API_KEY, key.trim());
  else sessionStorage.removeItem(API_KEY);
}

export function apiKey() {
  return sessionStorage.getItem(API_KEY) ?? '';
}

/**
 * @param {string} url
 * @param {unknown} body
 * @returns {Promise<any>}
 */
export async function postJson(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, application/problem+json',
        ...(apiKey() ? { authorization: `Bearer ${apiKey()}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError('ondo のサーバーに接続できませんでした。サーバーが起動しているか、ネットワークを確認してください。');
  }
  const payload = await response.json().catch(() => undefined);
  if (response.ok && payload !== undefined) return payload;
  throw new ApiError(problemMessage(response.status, payload), payload);
}

/** @param {string} url @returns {Promise<any>} */
export async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new ApiError(problemMessage(response.status, undefined));
  return response.json();
}

const UNDECODABLE = {
  'not-a-mail': 'メール（.eml）として読み取れませんでした。',
  'malformed-mime': 'メールの MIME 形式が壊れていて読み取れませんでした。',
  'unsupported-charset': 'メールの文字コードに対応していません。',
  'undecodable-body': 'メール本文を文字に変換できませんでした。',
  'undecodable-header': 'メールのヘッダーを読み取れませんでした。',
  'empty-body': '引用と署名を除くと、メールに本文が残りませんでした。',
};

/**
 * A problem+json answer as a sentence an agent can act on; the server's English detail is kept in brackets for the integration team.
 * @param {number} status
 * @param {any} problem
 */
export function problemMessage(status, problem) {
  const kind = typeof problem?.type === 'string' ? problem.type.replace(/^urn:ondo:problem:/, '') : '';
  const detail = typeof problem?.detail === 'string' ? `（${problem.detail}）` : '';
  switch (kind) {
    case 'not-ready':
      return '日本語の解析エンジンを読み込み中です。数秒後にもう一度お試しください。';
    case 'unauthorized':
      return 'このサーバーでは API キーが必要です（または入力したキーが正しくありません）。右上の「API キー」に入力してから、もう一度お試しください。';
    case 'rate-limited':
      return 'リクエストが多すぎます。1 分ほど待ってから、もう一度お試しください。';
    case 'validation':
      return `入力内容を確認してください。${detail}`;
    case 'payload-too-large':
      return `メールが大きすぎて受け付けられません。${detail}`;
    case 'undecodable-mail':
      return `${UNDECODABLE[/** @type {keyof typeof UNDECODABLE} */ (problem.reason)] ?? 'メールを読み取れませんでした。'}${detail}`;
    default:
      return `エラーが発生しました（HTTP ${status}）。${detail}`;
  }
}

/** The bytes of a file as base64 (the API's rawEncoding 'base64' keeps Shift_JIS and ISO-2022-JP mails intact). @param {Blob} file */
export async function fileToBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
