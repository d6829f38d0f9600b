import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, duration } from '../../src/cli/batch/progress.js';

/** A stderr stand-in that records what was written, synchronously. */
function sink(): { stream: Writable; text: () => string } {
  let written = '';
  const stream = { write: (chunk: string) => ((written += chunk), true) } as unknown as Writable;
  return { stream, text: () => written };
}

afterEach(() => vi.useRealTimers());

describe('batch progress', () => {
  it('prints a plain line with rate and ETA every interval when stderr is no terminal', () => {
    vi.useFakeTimers();
    let now = 0;
    const { stream, text } = sink();
    const progress = createProgress({ stream, tty: false, intervalMs: 2000, clock: () => now });
    progress.start();
    progress.setTotal(100);
    now = 10_000;
    progress.update(40, 2);
    vi.advanceTimersByTime(2000);
    vi.advanceTimersByTime(2000); // nothing changed: no second line
    progress.stop();
    expect(text()).toBe('ondo batch: 42% 42/100 mails, 4.2 mails/s, ETA 0:14, 2 skipped\n');
  });

  it('redraws one bar in place on a terminal and keeps it below logged messages', () => {
    vi.useFakeTimers();
    let now = 0;
    const { stream, text } = sink();
    const progress = createProgress({ stream, tty: true, clock: () => now });
    progress.start();
    progress.setTotal(100);
    now = 5_000;
    progress.update(50, 0);
    vi.advanceTimersByTime(100);
    progress.log('ondo batch: skipped row 7: empty body (本文)');
    progress.stop();
    const bar = `${'█'.repeat(12)}${'░'.repeat(12)}  50% 50/100 mails · 10.0 mails/s · ETA 0:05`;
    expect(text()).toContain(`\r\x1b[2K${bar}`);
    expect(text()).toContain(`\r\x1b[2Kondo batch: skipped row 7: empty body (本文)\n${bar}`);
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('draws the bar in # and - for a terminal whose charset has no block characters', () => {
    vi.useFakeTimers();
    let now = 0;
    const { stream, text } = sink();
    const progress = createProgress({ stream, tty: true, clock: () => now, blocks: false });
    progress.start();
    progress.setTotal(100);
    now = 5_000;
    progress.update(25, 0);
    vi.advanceTimersByTime(100);
    progress.stop();
    expect(text()).toContain(`\r\x1b[2K${'#'.repeat(6)}${'-'.repeat(18)}  25% 25/100 mails`);
  });

  it('reads durations as an agent would', () => {
    expect(duration(75)).toBe('1:15');
    expect(duration(3725)).toBe('1:02:05');
  });
});
