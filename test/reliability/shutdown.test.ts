/** The API SIGTERMed under load: in-flight requests finish, later ones are refused cleanly, the process exits 0 in the grace period. */
import { afterAll, describe, expect, it } from 'vitest';
import { EMAIL_FIXTURES, readJsonLines, type LabelledMail } from '../../scripts/evaluation.js';
import { startApi, type ApiProcess } from '../support/api-process.js';

const LANES = 16;
const SIGTERM_AFTER_RESPONSES = 200;
const LOAD_DEADLINE_MS = 15_000;
const GRACE_MS = 10_000;

const mails = readJsonLines<LabelledMail>(EMAIL_FIXTURES).map(({ subject, body }) => JSON.stringify({ subject, body }));

/** How a refused request failed, from undici's error: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET (closed mid-request). */
function failureCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code ?? (err instanceof Error ? err.name : String(err));
}

/** Refusals a client can retry elsewhere: the listener is closed, or the kept-alive socket was closed under the request. */
const CLEAN_REFUSALS = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

let api: ApiProcess | undefined;
afterAll(async () => api?.stop());

describe('the API on SIGTERM under load', () => {
  it('finishes in-flight requests with 200, refuses later ones without a 5xx and exits 0 within the grace period', async () => {
    api = await startApi({ env: { ANALYSIS_THREADS: '0' } });
    const { url, child } = api;
    const statuses: number[] = [];
    const failures: { code: string; afterSigterm: boolean }[] = [];
    let sigtermAt: number | undefined;
    let servedAfterSigterm = 0;
    let next = 0;
    const loadDeadline = Date.now() + LOAD_DEADLINE_MS;

    // Each lane posts mail after mail until the server refuses it (after SIGTERM) or the deadline passes.
    const lane = async () => {
      while (Date.now() < loadDeadline) {
        const body = mails[next++ % mails.length]!;
        try {
          const response = await fetch(`${url}/v1/analyze`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(GRACE_MS),
          });
          await response.arrayBuffer();
          statuses.push(response.status);
          if (sigtermAt !== undefined) servedAfterSigterm++;
          if (statuses.length === SIGTERM_AFTER_RESPONSES) {
            sigtermAt = Date.now();
            child.kill('SIGTERM');
          }
        } catch (err) {
          failures.push({ code: failureCode(err), afterSigterm: sigtermAt !== undefined });
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));

    const exitCode = await Promise.race([
      api.exited,
      new Promise<'still running'>((resolve) => setTimeout(resolve, GRACE_MS, 'still running')),
    ]);
    const exitMs = sigtermAt === undefined ? NaN : Date.now() - sigtermAt;
    const fiveHundreds = statuses.filter((s) => s >= 500).length;
    console.log(
      `shutdown under load: ${statuses.length} requests served (${servedAfterSigterm} after SIGTERM), 1 fault injected (SIGTERM), ` +
        `${failures.length} refused after close (${[...new Set(failures.map((f) => f.code))].join(', ')}), ` +
        `${fiveHundreds} failed with 5xx (must be 0), exit ${exitCode} within ${exitMs} ms`,
    );

    expect(sigtermAt, 'SIGTERM was sent under load').toBeDefined();
    expect(
      statuses.filter((s) => s !== 200),
      'every answered request got 200',
    ).toEqual([]);
    expect(servedAfterSigterm, 'requests in flight at SIGTERM were answered').toBeGreaterThan(0);
    expect(
      failures.filter((f) => !f.afterSigterm || !CLEAN_REFUSALS.has(f.code)),
      'requests fail only after SIGTERM, by refusal',
    ).toEqual([]);
    expect(failures.length, 'every lane was eventually refused').toBe(LANES);
    expect(exitCode, `exit code within ${GRACE_MS} ms; stderr:\n${api.stderr()}`).toBe(0);
  });
});
