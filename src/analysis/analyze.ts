/** The analysis engine: one tokenizer and one dictionary snapshot, analysing mails as pure calls. */
import { loadDictionaries, type Dictionaries } from './lexicon/load.js';
import { prepareText, type PreparedText } from './match.js';
import { scoreTone } from './score.js';
import { loadTokenizer, type Tokenizer } from './tokenizer/index.js';
import type { ToneResult } from './tone-schema.js';

export interface MailText {
  subject?: string;
  body: string;
}

/** A mail tokenized once; tone scoring and scenario detection both read it. */
export interface PreparedMail {
  subject?: PreparedText;
  body: PreparedText;
}

export interface AnalysisEngine {
  readonly tokenizer: Tokenizer;
  readonly dictionaries: Dictionaries;
  prepare(mail: MailText): PreparedMail;
  analyze(mail: MailText): ToneResult;
  /** Swaps in another dictionary snapshot (hot reload); in-flight calls finish on the old one. */
  useDictionaries(next: Dictionaries): void;
}

export function createAnalysisEngine(tokenizer: Tokenizer, dictionaries: Dictionaries): AnalysisEngine {
  let current = dictionaries;
  const prepare = (mail: MailText): PreparedMail => ({
    subject: mail.subject ? prepareText(mail.subject, tokenizer) : undefined,
    body: prepareText(mail.body, tokenizer),
  });
  return {
    tokenizer,
    get dictionaries() {
      return current;
    },
    prepare,
    analyze: (mail) => scoreTone(prepare(mail), current),
    useDictionaries(next) {
      current = next;
    },
  };
}

/** Loads dictionaries first (fast, and fails start-up early on a broken file), then the tokenizer. */
export async function loadAnalysisEngine(options: { dictionariesDir?: string } = {}): Promise<AnalysisEngine> {
  const dictionaries = loadDictionaries(options.dictionariesDir);
  return createAnalysisEngine(await loadTokenizer(), dictionaries);
}
