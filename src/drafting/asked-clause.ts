/**
 * The customer's errand as they put it: the clause of their first asking sentence (〜したい, 〜てください,
 * 〜できますか, 〜について), quoted back word for word, so a draft whose scenario is a guess still answers
 * what they asked — 「2セット分だけキャンセルできますか」とのお尋ね — without naming a topic of its own.
 */

/**
 * A sentence that asks something of us: a request (〜てください, 〜ていただけますか, 〜たいのですが,
 * 〜をお願いします, 〜と助かります) or a question (〜でしょうか, 〜ますか, ？, 教えて, 知りたい).
 */
export const ASKING =
  /ください|下さい|[てで](?:くれ|ほし|欲し|もらえ|いただけ|頂け|いただき|頂き)|お願い(?:します|いたします|致します)|たい(?:の|ん)?です|でしょうか|ますか|ませんか|[？?]|幸いです|助かります|教え|知りたい/u;
/**
 * A question that accuses rather than asks (「なぜ…のですか」「何度同じことを言わせるんですか」
 * 「どういうことですか」): what it names is the grievance, not the errand.
 */
export const RHETORICAL =
  /なぜ|なんで|何で|どうして|何度|いい加減|ふざけ|じゃない(?:です)?か|ではないですか|つもり|どういうこと|ありえ|んですか|のか[？?]/u;
/** A request told, not made: 「迷惑メールフォルダを見てくださいという回答」「再起動してくださいと言われ」. */
export const REPORTED = /(?:ください|下さい|ほしい|ますか)(?:という|とのこと|と言われ|と言う|って言われ|って)/u;
/** The asking sentence is a question (〜でしょうか, 〜ますか, 教えて, 知りたい), not a request. */
export const QUESTION = /か[？?]?\s*$|[？?]|か[、。]|教え|知りたい/u;

export interface AskedClause {
  /** 「月1回に切り替えることはできますか」: the customer's own characters, without the sentence's end mark. */
  text: string;
  question: boolean;
}

/** Longest clause quoted back: a longer sentence is cut at a comma, from its end. */
const MAX_CLAUSE = 40;
/** Sentences read, from the start of the customer's own text. */
const MAX_SENTENCES = 40;
/**
 * A longer "sentence" (a run without 。！？ or a line break, as pasted logs or a comma chain are) is not
 * read: trimming it clause by clause joins its tail again for every clause, quadratic in its length
 * (40,000 characters of 「あ、」 took 11 s), and no clause of one is quoted back anyway.
 */
const MAX_SENTENCE_CHARS = 400;

/**
 * The sentence ends asking: a request (〜てください, 〜ていただけますか, 〜いただけると助かります, 〜をお願いします,
 * 〜たいです) or a question (〜でしょうか, 〜ますか, 〜ましたか, 教えて). An ask in the middle of a sentence that
 * ends as a report (「教えてもろて、ありがとうございました」「直していただきました」) is none.
 */
const ENDS_ASKING =
  /(?:ください|下さい|くださいませ|ほしい|欲しい|ほしいです|欲しいです|(?:いただけ|頂け|もらえ|くれ)(?:ます|ません)か|(?:いただけ|頂け|もらえ)(?:ない|ません)でしょうか|(?:いただけ|頂け|もらえ)(?:る|れば|ます)と(?:助かります|幸いです|ありがたいです|嬉しいです|うれしいです|安心です)|(?:いただき|頂き)たく(?:存じます)?|(?:いただき|頂き|し|させ)たい(?:の|ん)?(?:です)?(?:が)?|(?:ほしい|欲しい)(?:の|ん)です(?:が)?|たい(?:の|ん)?です(?:が)?|でしょうか|(?:ます|ません|ました|でした)か|お願い(?:します|いたします|致します|できますか|できませんか|できないでしょうか)|(?:です|ますと?)助かります|(?:と|れば|たら)助かります|幸いです|知りたいです|教えて)$/u;
/** An opinion put as a question (「…とは考えにくいのではないでしょうか」): no ask to quote. */
const OPINION = /(?:の|ん)?では(?:ない|なかろう)でしょうか|じゃない(?:でしょう|です)か|と思いませんか/u;
/**
 * Politeness and courtesy that no errand is in (「よろしくお願いします」「ご確認ください」), and sentences an
 * agent cannot quote back: an order in plain form (「〜しろ」「出せ」), a threat, or what we would have to
 * do if they are not answered (「〜なら返金しろ」).
 */
const NO_ERRAND =
  /ないでください|ないで下さい|質問させて|お聞きしたいこと|伺いたいこと|ありがと|お礼|お体|お身体|ご自愛|気をつけ|お伝え|伝えください|(?:ので|ため)[、,]?\s*(?:ご確認|ご査収)|よろしく|宜しく|お許し|お過ごし|お変わり|お元気|ご健勝|ご清栄|(?:し|せ|やれ|くれ|出せ|返せ|払え|答えろ|来い|寄越せ|よこせ)(?:ろ|よ)?[！!]*$|しろ|しなさい|せよ|ってこい|じゃねえ|だろ(?:う)?[がよ]?$|かよ|んだよ|晒す|訴え|弁護士|消費者センター|場合は/u;
/**
 * A clause that tells what someone said or blames (「『元からあった傷ちゃいますか』やて」「業者の都合と言うなら」
 * 「通信環境のせいにする前に」「誰が押したん」): the grievance, not an errand to quote back.
 */
const TOLD = /[「」『』]|言う|言わ|言っ|言い|いう|って言|と案内|やて|のせい|誰が|誰の/u;
/** A clause that starts on a particle, its noun left on the line before. */
const PARTICLE_START = /^\s*[をがはにでとのもへや][^ぁ-ん]/u;
/**
 * What opens a clause without being the errand: a connective or a cushion (「あと」「お手数ですが」「確認なのですが」),
 * or a clause that only leads into the ask (〜ですが, 〜けど, 〜ところ).
 */
const PREFACE =
  /^(?:あと|それと|また|だから|それで|じゃあ|では|ちなみに|なお|あの|えっと|あのう|さて|ところで|つきましては|そこで|なので|ですので|念のため|できれば|可能であれば|できましたら|せめて|すみません|すいません|恐れ入りますが|お手数ですが|お手数をおかけしますが|お忙しいところ[^、,]*|大変恐縮ですが|恐縮ですが|申し訳ありませんが|申し訳ございませんが|[^、,]*(?:ですが|ますが|のですが|んですが|のですけど|けど|けれど|けれども|ところ))$/u;
/**
 * Words of any ask, which do not say what this one is about (確認, 対応, お願い, 教えて, 下さい), and words
 * of time and courtesy around it: what is left of a clause without them is its errand.
 */
const ANY_ASK =
  /確認|対応|連絡|回答|返信|返事|説明|検討|至急|早急|今日|本日|明日|今すぐ|大丈夫|可能|状況|内容|詳細|方法|手続き?|以上|[願下頂致申存伺教知助幸思考欲何今事件様方]/gu;
/** Characters that carry meaning: kanji, katakana, letters and digits. */
const CONTENT = /[一-龥々ァ-ヶーｦ-ﾟA-Za-z0-9Ａ-Ｚａ-ｚ０-９]/gu;

/**
 * The first asking sentence of the customer's own text that says what it asks for in words of its own,
 * as a clause of at most MAX_CLAUSE characters; none when no sentence does or none can be quoted.
 * `unquotable`: the mail's words of anger and insult (tone evidence), never quoted back.
 */
export function readAskedClause(ownText: string, unquotable: ReadonlyArray<{ text?: string }> = []): AskedClause | undefined {
  const sentences = ownText.split(/(?<=[。！？!?\n])/u, MAX_SENTENCES);
  for (const sentence of sentences) {
    if (sentence.length > MAX_SENTENCE_CHARS || /^\s*[>＞]/u.test(sentence)) continue;
    const clause = clauseOf(sentence, unquotable);
    if (clause) return clause;
  }
  return undefined;
}

function clauseOf(sentence: string, unquotable: ReadonlyArray<{ text?: string }>): AskedClause | undefined {
  // Someone else's words in 「」 ask nothing of us (「よくある質問をご覧ください」と案内されましたが…).
  const read = sentence.normalize('NFKC').replace(/「[^「」\n]*」|『[^『』\n]*』/gu, '「」');
  const ended = read.replace(/[。．.！!？?\s…]+$/u, '');
  if (!ENDS_ASKING.test(ended) || OPINION.test(read) || RHETORICAL.test(read) || REPORTED.test(read) || NO_ERRAND.test(ended))
    return undefined;
  const trimmed = sentence
    .trim()
    .replace(/^[・\-*■●◆○◇※]\s*/u, '')
    .replace(/[。．.！!？?\s]+$/u, '');
  const segments = trimmed.split(/(?<=[、,，])/u);
  // Prefaces go first; then, while too long, whole clauses from the start.
  let from = 0;
  while (
    from < segments.length - 1 &&
    PREFACE.test(segments[from]!.replace(/[、,，]$/u, '').trim()) &&
    hasErrand(segments.slice(from + 1).join(''))
  )
    from++;
  while (from < segments.length - 1 && segments.slice(from).join('').length > MAX_CLAUSE && hasErrand(segments.slice(from + 1).join('')))
    from++;
  // A sentence broken at a line (「…の\nを確認のうえ、…」) starts on a particle: its first clause is not whole.
  if (PARTICLE_START.test(segments[from]!) && from < segments.length - 1) from++;
  const text = segments.slice(from).join('').trim();
  if (text.length > MAX_CLAUSE || !hasErrand(text) || TOLD.test(text) || !balanced(text) || PARTICLE_START.test(text)) return undefined;
  if (unquotable.some((e) => e.text && text.includes(e.text))) return undefined;
  return { text, question: QUESTION.test(read) };
}

/** At least two characters of meaning left once the words of any ask are taken out (「月1回に切り替える」, not 「ご確認ください」). */
function hasErrand(clause: string): boolean {
  return (clause.replace(ANY_ASK, '').match(CONTENT)?.length ?? 0) >= 2;
}

/** Every bracket the clause opens it closes (a sentence cut at a line break inside 「（自動…」 is not quoted). */
function balanced(clause: string): boolean {
  const opened = clause.match(/[（(【［[]/gu)?.length ?? 0;
  const closed = clause.match(/[）)】］\]]/gu)?.length ?? 0;
  return opened === closed;
}
