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

/** The headers of every API request: JSON both ways, and the API key when one is entered. @param {boolean} withBody */
function headers(withBody) {
  return {
    ...(withBody ? { 'content-type': 'application/json' } : {}),
    accept: 'application/json, application/problem+json',
    ...(apiKey() ? { authorization: `Bearer ${apiKey()}` } : {}),
  };
}

/**
 * Sends a request and reads its JSON answer; 204 (nothing to answer) is null.
 * @param {string} url
 * @param {RequestInit} init
 * @returns {Promise<any>}
 */
async function requestJson(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, headers: headers(init.body !== undefined) });
  } catch {
    throw new ApiError('ondo のサーバーに接続できませんでした。サーバーが起動しているか、ネットワークを確認してください。');
  }
  if (response.status === 204) return null;
  const payload = await response.json().catch(() => undefined);
  if (response.ok && payload !== undefined) return payload;
  throw new ApiError(problemMessage(response.status, payload), payload);
}

/**
 * @param {string} url
 * @param {unknown} body
 * @param {{ keepalive?: boolean }} [options] keepalive: the request outlives the page (a lease given back on leaving)
 * @returns {Promise<any>}
 */
export function postJson(url, body, { keepalive = false } = {}) {
  return requestJson(url, { method: 'POST', body: JSON.stringify(body), keepalive });
}

/** @param {string} url @returns {Promise<any>} */
export function getJson(url) {
  return requestJson(url, { method: 'GET' });
}

/** The problem type of a failed request, without its URN prefix ('' for anything else). @param {unknown} err */
export function problemKind(err) {
  const type = err instanceof ApiError ? /** @type {any} */ (err.problem)?.type : undefined;
  return typeof type === 'string' ? type.replace(/^urn:ondo:problem:/, '') : '';
}

/**
 * The API key field of the page header: filled from this tab's session, kept there on change.
 * @param {HTMLInputElement} input
 * @param {() => void} [onChange] what to do with a new key (the inbox reloads its list)
 */
export function bindApiKeyInput(input, onChange) {
  input.value = apiKey();
  // The field sits in a popover over the page: it closes once a key is entered, or on Escape.
  const popover = input.closest('details');
  input.addEventListener('change', () => {
    setApiKey(input.value);
    popover?.removeAttribute('open');
    onChange?.();
  });
  popover?.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !popover.open) return;
    popover.removeAttribute('open');
    popover.querySelector('summary')?.focus();
  });
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
    case 'review-claimed':
      return `ほかの担当者がこの下書きを確認中です。${detail}`;
    case 'review-decided':
      return `この下書きは、すでに承認・差し戻しされています。${detail}`;
    case 'lease-lost':
      return `この下書きの確保が切れました（時間切れか、ほかの担当者が取りました）。一覧から取り直してください。${detail}`;
    case 'not-found':
      return `見つかりませんでした。${detail}`;
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
