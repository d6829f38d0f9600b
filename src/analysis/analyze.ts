/** The analysis engine: one tokenizer and one dictionary snapshot, analysing mails as pure calls. */
import { loadDictionaries, type Dictionaries } from './lexicon/load.js';
import { matchMail, type FieldMatches, type PreparedMail } from './mail-matches.js';
import { prepareText } from './match.js';
import { scoreTone, type ThreadContext } from './score.js';
import { loadTokenizer, type SharedKuromojiDictionary, type Tokenizer } from './tokenizer/index.js';
import type { ToneResult } from './tone-schema.js';
import { summarizeTone } from './evidence-summary.js';

export type { PreparedMail } from './mail-matches.js';

export interface MailText {
  subject?: string;
  body: string;
  /** From a raw mail's quoted history: earlier messages of this customer raise urgency. */
  thread?: ThreadContext;
}

export interface AnalysisEngine {
  readonly tokenizer: Tokenizer;
  readonly dictionaries: Dictionaries;
  prepare(mail: MailText): PreparedMail;
  /** Tokenizes and matches once: the tone and the raw matches (for scenario detection). */
  analyzeWithMatches(mail: MailText): { tone: ToneResult; fields: FieldMatches[] };
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
  const analyzeWithMatches = (mail: MailText) => {
    const dictionaries = current;
    const fields = matchMail(prepare(mail), dictionaries);
    return { tone: summarizeTone(scoreTone(fields, dictionaries, mail.thread)), fields };
  };
  return {
    tokenizer,
    get dictionaries() {
      return current;
    },
    prepare,
    analyzeWithMatches,
    analyze: (mail) => analyzeWithMatches(mail).tone,
    useDictionaries(next) {
      current = next;
    },
  };
}

/** Loads dictionaries first (fast, and fails start-up early on a broken file), then the tokenizer. */
export async function loadAnalysisEngine(
  options: { dictionariesDir?: string; kuromoji?: SharedKuromojiDictionary } = {},
): Promise<AnalysisEngine> {
  const dictionaries = loadDictionaries(options.dictionariesDir);
  return createAnalysisEngine(await loadTokenizer('fast', options.kuromoji), dictionaries);
}
