/** What every batch reader gives: a stream of mails or reported rows, and how many there are. */
import type { BatchTask } from '../task.js';

export type InputKind = 'jsonl' | 'csv' | 'eml' | 'mbox';

/** A mail to triage, or a row that cannot be one; label says where it is ("row 12 (line 14)", "0042.eml"). */
export type InputItem = { label: string; task: BatchTask } | { label: string; problem: string };

export interface BatchInput {
  readonly kind: InputKind;
  items(): AsyncGenerator<InputItem>;
  /** How many items there are, for the progress bar; read alongside the run. */
  count(): Promise<number>;
}

/** The input as a whole cannot be read: no such file, a CSV without a body column, not an mbox. */
export class InputError extends Error {
  override name = 'InputError';
}

export async function countItems(items: AsyncIterable<InputItem>): Promise<number> {
  let count = 0;
  for await (const _ of items) count++;
  return count;
}
