/** A dictionary problem, reported with the file, the entry and what is wrong. */
export class DictionaryError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly entryId?: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}${entryId ? ` (entry ${entryId})` : ''}: ${problem}`);
    this.name = 'DictionaryError';
  }
}
