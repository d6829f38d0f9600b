/**
 * Batch progress on stderr: a redrawn bar with rate and ETA on a terminal, a plain line every few
 * seconds otherwise (CI logs, `2> file`), so that neither floods nor goes silent.
 */
import type { TextSink } from '../terminal-text.js';

export interface ProgressOptions {
  stream: TextSink;
  /** Redraw one line in place; false prints a line every intervalMs. */
  tty: boolean;
  intervalMs?: number;
  clock?: () => number;
  /** The bar's characters; false for a terminal whose charset has no █ ░ (it gets # and -). */
  blocks?: boolean;
}

export interface Progress {
  /** Processing starts (the workers have loaded): the rate counts from here. */
  start(): void;
  setTotal(total: number): void;
  /** Mails triaged and rows skipped so far. */
  update(triaged: number, skipped: number): void;
  /** A message above the bar. */
  log(line: string): void;
  stop(): void;
}

const BAR_WIDTH = 24;
const TTY_REDRAW_MS = 100;

export function createProgress({
  stream,
  tty,
  intervalMs = 2000,
  clock = () => performance.now(),
  blocks = true,
}: ProgressOptions): Progress {
  const [full, empty] = blocks ? ['█', '░'] : ['#', '-'];
  let started: number | undefined;
  let total: number | undefined;
  let triaged = 0;
  let skipped = 0;
  let drawn = '';
  let changed = false;

  const line = (): string => {
    if (started === undefined) return 'ondo batch: loading the tokenizer in the workers…';
    const done = triaged + skipped;
    const seconds = (clock() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const share = total ? Math.min(1, done / total) : undefined;
    const parts = [
      total === undefined ? `${done} mails` : `${done}/${total} mails`,
      `${rate.toFixed(1)} mails/s`,
      share === undefined || rate === 0 ? 'ETA --:--' : `ETA ${duration((total! - done) / rate)}`,
      ...(skipped ? [`${skipped} skipped`] : []),
    ];
    if (!tty) return `ondo batch: ${share === undefined ? '' : `${Math.floor(share * 100)}% `}${parts.join(', ')}`;
    const filled = Math.round((share ?? 0) * BAR_WIDTH);
    const percent = share === undefined ? '  ?%' : `${String(Math.floor(share * 100)).padStart(3)}%`;
    return `${full.repeat(filled)}${empty.repeat(BAR_WIDTH - filled)} ${percent} ${parts.join(' · ')}`;
  };
  const clear = () => tty && drawn && stream.write('\r\x1b[2K');
  const draw = () => {
    drawn = line();
    stream.write(tty ? `\r\x1b[2K${drawn}` : `${drawn}\n`);
    changed = false;
  };
  const timer = setInterval(() => changed && draw(), tty ? TTY_REDRAW_MS : intervalMs);
  timer.unref();
  if (tty) draw();

  return {
    start() {
      started = clock();
      changed = true;
    },
    setTotal(count) {
      total = count;
      changed = true;
    },
    update(nowTriaged, nowSkipped) {
      triaged = nowTriaged;
      skipped = nowSkipped;
      changed = true;
    },
    log(message) {
      clear();
      stream.write(`${message}\n`);
      if (tty && drawn) stream.write(drawn);
    },
    stop() {
      clearInterval(timer);
      if (tty) {
        clear();
        drawn = '';
      }
    },
  };
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}
