/** The token shape the rest of ondo sees, independent of the tokenizer engine behind it. */

export interface Token {
  /** Text as it appears in the tokenized string. */
  surface: string;
  /** Dictionary form (基本形); the surface when the dictionary has none (unknown words, ムカ). */
  lemma: string;
  /** Part of speech (品詞), e.g. 動詞, 助動詞, 名詞. */
  pos: string;
  /** First sub-category (品詞細分類1), e.g. 自立, 非自立, 接続助詞. */
  posDetail: string;
  /** 0-based UTF-16 offsets into the tokenized string: [start, end). */
  start: number;
  end: number;
}

export interface Tokenizer {
  /** Engine name, reported by /readyz and the benchmark. */
  readonly engine: string;
  tokenize(text: string): Token[];
}
