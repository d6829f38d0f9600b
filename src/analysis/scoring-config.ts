/** dictionaries/scoring.yaml: every weight, threshold and explanation the scorer uses, in one file. */
import { Type, type Static } from 'typebox';

const Dimension = Type.Number({ minimum: 0, maximum: 5 });

export const CategoryConfigSchema = Type.Object(
  {
    role: Type.Optional(
      Type.Union([
        Type.Literal('score'),
        Type.Literal('intensifier'),
        Type.Literal('negator'),
        Type.Literal('politeness'),
        Type.Literal('cushion'),
      ]),
    ),
    anger: Type.Optional(Dimension),
    urgency: Type.Optional(Dimension),
    /** Counts as a complaint signal for the polite-but-annoyed rule. */
    complaint: Type.Optional(Type.Boolean()),
    /** Any match makes the mail furious (a supervisor owns it). */
    furious: Type.Optional(Type.Boolean()),
    /** A broad layer under the manual: its matches give way to any overlapping match of another category. */
    underlay: Type.Optional(Type.Boolean()),
    /**
     * An underlay whose matches are whole facts (「3日で動かなくなった」): it gives way only to the
     * manual's complaint categories (a word of urgency or worry inside it, 動かない, measures
     * something else), and the broad layer's words inside its match are not counted again.
     */
    structural: Type.Optional(Type.Boolean()),
    /**
     * A fact that complains only beside its pair (scoring.yaml `pairs`: the company's answer cited, then
     * what came of it): alone it says nothing of the writer's mood, so it neither makes the quoted
     * history count nor takes the learned words inside it for its own.
     */
    onlyInPairs: Type.Optional(Type.Boolean()),
    /** Cap on the sum of this category's contributions in one mail: a bounded signal. */
    maxContribution: Type.Optional(Type.Number({ minimum: 0 })),
    /**
     * Its points raise anger up to the furious threshold, never across it: facts told calmly (a
     * broken promise, counted waits) make a mail angry; furious takes anger said in words.
     */
    belowFurious: Type.Optional(Type.Boolean()),
    /**
     * Its points raise anger up to the angry threshold, never across it: a learned word alone never
     * makes a calm mail angry.
     */
    belowAngry: Type.Optional(Type.Boolean()),
    /**
     * Words of the writer's own feeling (焦る, 不安, 心配; not negated) that make this category's facts a
     * worry: 「3回試したのですが届きません…少し焦っています」 asks for help, it complains of nothing.
     */
    unlessFelt: Type.Optional(Type.Array(Type.String())),
    /**
     * Counts only in a mail that also tells something negative in one of these categories: praise that
     * comments on a failure (さすがですね、これで3回目の変更) is irony; on its own it is praise.
     */
    needsEvidenceOf: Type.Optional(Type.Array(Type.String())),
    /**
     * A signed category's points toward the level in one mail, at most: its entries' `level` weights
     * (the learned layer's sparse fit) count toward the level up to this; the rest of its points move
     * anger within the level the mail then reads, never across a line. The broad fit ranks texts (a 1★
     * review above a 5★ one) while the manual, the thresholds and a few robust words decide the level.
     */
    levelPoints: Type.Optional(Type.Number({ minimum: 0 })),
    /**
     * Its entries may weigh below zero (words of satisfaction): they lower this category's own points
     * in the mail, never below zero and never another category's (beyond them, see satisfactionPoints).
     * Its words are no complaint signal.
     */
    signed: Type.Optional(Type.Boolean()),
    /**
     * A signed category's words of satisfaction beyond its words of dissatisfaction take up to this many
     * points off the mail's anger, within the level it reads (never across a line): praise outweighing
     * a reservation ranks a 5★ review below a 1★ one that reads the same level.
     */
    satisfactionPoints: Type.Optional(Type.Number({ minimum: 0 })),
    /** Regex entries of this category count only near a complaint signal unless standalone. */
    needsComplaintNearby: Type.Optional(Type.Boolean()),
    label: Type.Object({ ja: Type.String(), en: Type.String() }),
  },
  { additionalProperties: false },
);
export type CategoryConfig = Static<typeof CategoryConfigSchema>;

const PosRule = Type.Object(
  { pos: Type.String(), posDetail: Type.Optional(Type.String()), lemma: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type PosRule = Static<typeof PosRule>;

const ReasonText = Type.Object({ ja: Type.String(), en: Type.String() }, { additionalProperties: false });

/** Texts a frame rule carries as its own test: `calm` must read calm, `counts` must keep evidence. */
const FrameExamples = Type.Object(
  { calm: Type.Array(Type.String({ minLength: 1 })), counts: Type.Array(Type.String({ minLength: 1 })) },
  { additionalProperties: false },
);

/**
 * Clause-level polarity: frames in which a negative word does not describe the service now — a
 * hypothetical, a trouble already resolved, someone else's words in quotes. See analysis/frames.ts.
 */
const FramesSchema = Type.Object(
  {
    hypothetical: Type.Object(
      {
        /** Categories whose words this frame may cancel (threats and repeated contact never are). */
        categories: Type.Array(Type.String()),
        /** Clause connectives (as segmentClauses names them) that make a clause hypothetical. */
        connectives: Type.Array(Type.String()),
        /**
         * Concessive connectives (ても) that are hypothetical only when the next clause is not
         * negated: 「壊れても交換できる」 is a hypothetical, 「待っても届かない」 a fact.
         */
        concessives: Type.Array(Type.String()),
        /** Adverbs that make any clause they open a pure supposition (もし, 万が一), negated words included. */
        markers: Type.Array(Type.String()),
        /** Negated lemmas after a concessive that still accept (遅れても構いません). */
        acceptance: Type.Array(Type.String()),
        /**
         * Verbs of expecting (思う, 覚悟): a word before 〜(か)と思った in a past clause closed by a
         * connective (けど, が, たら) is what the writer feared, not what happened — 「不良品かと思って
         * 焦ったけど」「待たされるかと思ったら」.
         */
        supposing: Type.Optional(Type.Array(Type.String())),
        /**
         * Words of worry after 〜か (壊れていないか心配, 勝手に使われていないか不安): the word before them is a
         * possibility the writer fears, not what happened.
         */
        worries: Type.Optional(Type.Array(Type.String())),
        /**
         * Categories whose words, followed by the auxiliary of wish (何度も足を運びたくなる, 何度でも使いたい), tell a
         * wish, not effort spent: counts of effort and contact.
         */
        wishCategories: Type.Optional(Type.Array(Type.String())),
        /**
         * Nouns of the writer's intention (つもり): a clause that says 〜つもりだった/でした and hands over to
         * another (けど, が, のに) tells a plan that did not happen — 「もう使わないつもりだったけど、今回は
         * ちゃんと適用された」 — so its words are no complaint.
         */
        intentions: Type.Optional(Type.Array(Type.String())),
        /**
         * Categories that judge an outcome (最悪, ひどい): in the clause right after a condition opened by a
         * marker (もし…たら), they judge the supposed outcome, not what happened — 「もし乗り継ぎに間に合わな
         * かったら最悪じゃないですか」. Threats and pressure are not among them: they count in any frame.
         */
        outcomeCategories: Type.Optional(Type.Array(Type.String())),
        /**
         * Nouns that close a supposition a marker opened without a connective (もし裁判になった場合は…):
         * what stands between the marker and the noun is supposed, in any category, threats included
         * (「もし裁判になった場合の賠償金も補償の対象ですか」 asks about cover); with の after the noun
         * the supposition runs on to the clause end, and with は/、 after it the rest is the consequence.
         */
        caseNouns: Type.Optional(Type.Array(Type.String())),
        /** Categories besides `categories` that a supposed case (caseNouns) cancels: threats asked about, not made. */
        caseCategories: Type.Optional(Type.Array(Type.String())),
        examples: FrameExamples,
      },
      { additionalProperties: false },
    ),
    resolved: Type.Object(
      {
        categories: Type.Array(Type.String()),
        /** A past clause ending in one of these, followed in the sentence by relief, is resolved. */
        connectives: Type.Array(Type.String()),
        /** Or a past sentence followed by a sentence opening with one of these and relief. */
        contrastOpeners: Type.Array(Type.String()),
        /**
         * Words that name an earlier or other thing (前, 以前, 最初): a clause of a sentence that has one,
         * followed by a clause or a sentence opening with `comparisonOpeners` (これ, 今回) and no signal to
         * the end of that sentence, is a comparison — 「前の機種は1年で壊れたけど、これは3年使っても平気」.
         */
        earlier: Type.Optional(Type.Array(Type.String())),
        comparisonOpeners: Type.Optional(Type.Array(Type.String())),
        /** Lemmas of relief (解決, 落ち着く, 無事); they count only when not negated. */
        relief: Type.Array(Type.String()),
        /** Lemmas that are relief when negated (問題ない, 支障はありません). */
        reliefWhenNegated: Type.Array(Type.String()),
        /**
         * Benefactive auxiliaries (〜てくれた, 〜ていただけました): a favour done, in the past, is relief —
         * 「不良品が届いたけど、翌日には交換品を送ってくれた」. A request (〜てください) or a refusal
         * (〜てくれない) is not: the auxiliary must be affirmative and followed by た or て.
         */
        reliefFavours: Type.Optional(Type.Array(Type.String())),
        /**
         * Words of a fix (直る, 解消, ピカピカ): one later in the same clause, not negated, puts the trouble
         * named before it in the past — 「ひどい寝癖も一発で直ります」「汚れがひどかった換気扇がピカピカに」.
         */
        fixes: Type.Optional(Type.Array(Type.String())),
        /**
         * Praise after an adversative connective carries the sentence even in the present
         * (高いけど美味しい, 待たされたものの気分よく過ごせた): the earlier clause is a contrast.
         */
        praise: Type.Array(Type.String()),
        /** Lemmas that are praise when negated (後悔はしてない, 文句なし): they carry a contrast too. */
        praiseWhenNegated: Type.Optional(Type.Array(Type.String())),
        /**
         * A past worry (心配していたのですが、怖かったけど) is over when the rest of its sentence goes on
         * without a negation or another signal (…ピカピカの状態で受け取れました): worry words only.
         */
        worryCategories: Type.Array(Type.String()),
        /**
         * Categories of counted rounds (2回目の修正): one followed by で, with the rest of its sentence quiet, names
         * the means of a result (2回目の修正でイメージ通りになりました), not a round too many.
         */
        meansCategories: Type.Optional(Type.Array(Type.String())),
        /**
         * Adverbs of an instant (一瞬): a worry told with one right before it, in the past (一瞬焦りました), lasted
         * that instant and is over.
         */
        momentary: Type.Optional(Type.Array(Type.String())),
        /** What was expected or imagined (想像, 期待, 予想): 〜以上 after one is praise (想像以上の出来でした). */
        beyond: Type.Optional(Type.Array(Type.String())),
        examples: FrameExamples,
      },
      { additionalProperties: false },
    ),
    /** The writer's own symptoms or mistakes (ひどい肩こり, 私の説明不足), not the service's. */
    self: Type.Object(
      {
        categories: Type.Array(Type.String()),
        /** Symptom nouns right after the word (ひどい花粉症) or as its subject (肩こりがひどい). */
        symptoms: Type.Array(Type.String()),
        /** Words for the writer; 〜の before the word in its clause makes it theirs (こちらの確認不足). */
        owners: Type.Array(Type.String()),
        /** Categories the owner rule applies to (the symptom rule applies to all `categories`). */
        ownerCategories: Type.Array(Type.String()),
        /**
         * Judgements the writer passes on themself (バカ, 悪い, 不注意): with an owner as their subject
         * earlier in the clause (私がバカでした, 自分が悪い) they are self-blame in any category.
         */
        judgements: Type.Optional(Type.Array(Type.String())),
        /** Apologies (すみません, 申し訳): a sentence that ends in one tells the writer's own conduct. */
        apologies: Type.Array(Type.String()),
        /** Categories the apology rule applies to (feelings, not facts such as a late delivery). */
        apologyCategories: Type.Array(Type.String()),
        /**
         * Categories of contact and effort the apology rule applies to only when the sentence also tells a regret
         * (〜てしまう): 「何度もご連絡してしまい申し訳ありません」 is the writer's own doing, 「たびたび申し訳ない
         * のですが、いつ届きますか」 a cushion before pressing.
         */
        regretCategories: Type.Optional(Type.Array(Type.String())),
        /**
         * People other than the writer (父, 友達, 夫): a feeling word (`feelings`) whose clause has one of
         * them as its subject (父は…怒っておりました) is that person's feeling, not the writer's anger.
         */
        /**
         * The writer's own coming back (リピート, 宿泊, 来店): a count in a sentence that names one (リピート3回目です,
         * こちらで買うのは今回で3回目) counts the writer's loyalty, not contacts the service made necessary.
         */
        patronage: Type.Optional(Type.Array(Type.String())),
        /** Categories the patronage rule applies to (counts of contact). */
        patronageCategories: Type.Optional(Type.Array(Type.String())),
        /**
         * The writer's own going and staying (行く, 泊まる, 参加): a plan (予定, はず) of one of these verbs
         * (一緒に行く予定だった父) is the writer's, not an expectation the company set.
         */
        plans: Type.Optional(Type.Array(Type.String())),
        /** Categories the plan rule applies to (expectations). */
        planCategories: Type.Optional(Type.Array(Type.String())),
        thirdParties: Type.Optional(Type.Array(Type.String())),
        /** First lemmas of feeling entries (怒る, キレ, イライラ) the third-party rule applies to. */
        feelings: Type.Optional(Type.Array(Type.String())),
        /**
         * Categories read for whom they are aimed at (src/analysis/feeling-target.ts): a word whose target, agent or
         * cause is a third person (隣の人の騒音に, 上司に怒鳴られて, 夫が…解約してしまい) or the writer's own fault
         * (私のミスで) is not about the company.
         */
        targetCategories: Type.Optional(Type.Array(Type.String())),
        /**
         * Words that name the company, its staff, carrier or subcontractor, or what it did and delivered (店員, 配達員,
         * 委託先, 対応, 商品): a participant holding one keeps the word aimed at the company.
         */
        company: Type.Optional(Type.Array(Type.String())),
        /** The writer's own faults (ミス, 不注意): 「私のミスで」 makes the writer the cause. */
        faults: Type.Optional(Type.Array(Type.String())),
        examples: FrameExamples,
      },
      { additionalProperties: false },
    ),
    quoted: Type.Object(
      {
        categories: Type.Array(Type.String()),
        /**
         * Words of hearsay after a quotative と/って/という (遅いと聞いて, 壊れやすいという口コミ): the word
         * before them is someone else's, as if it stood in 「」.
         */
        hearsay: Type.Optional(Type.Array(Type.String())),
        /** Parts of a story (結末, 展開, 悪役): a word qualifying one (最悪な結末) judges fiction, not the service. */
        storyNouns: Type.Optional(Type.Array(Type.String())),
        examples: FrameExamples,
      },
      { additionalProperties: false },
    ),
    /** A word that measures what follows (腹が立つくらいうまい): the weight is on the rest of the clause. */
    degree: Type.Object(
      {
        categories: Type.Array(Type.String()),
        particles: Type.Array(Type.String()),
        /** Praise before 〜すぎて (うますぎて腹立つ): the word after it measures the praise. */
        excessPraise: Type.Array(Type.String()),
        examples: FrameExamples,
      },
      { additionalProperties: false },
    ),
    /**
     * A sentence that ends in laughter (笑, （笑）, ww) tells its trouble as a joke; one that says
     * its words are meant as praise (いい意味で, 褒め言葉) anywhere in it is not a complaint either.
     */
    joking: Type.Object(
      {
        categories: Type.Array(Type.String()),
        markers: Type.Array(Type.String()),
        /** Two-lemma sequences (「いい 意味」「褒める 言葉」) that turn the sentence's negative words into praise. */
        praiseMarkers: Type.Optional(Type.Array(Type.String())),
        examples: FrameExamples,
      },
      { additionalProperties: false },
    ),
    /**
     * Trouble with another provider (別の旅行会社で…, 他社では…): from the mention to the end of its
     * line, until the mail turns to the reader (御社) or compares (〜のに, 〜なら).
     */
    otherParty: Type.Object(
      {
        categories: Type.Array(Type.String()),
        /** 「別 の」「他 の」 open a mention when a provider noun follows within a few words. */
        openers: Type.Array(Type.String()),
        providers: Type.Array(Type.String()),
        /** Contacts from an unnamed sender (メール, 電話): another party only right after an opener (怪しいメール, 不審な電話). */
        contacts: Type.Optional(Type.Array(Type.String())),
        /** Words that are a mention by themselves (他社, 他店). */
        mentions: Type.Array(Type.String()),
        /** Words for the reader's own company: the scope ends there. */
        addressees: Type.Array(Type.String()),
        /**
         * Openers and mentions that point away or leave the name out (あの店, あっちの店, あそこ, 某大手): another provider
         * only in a text that also speaks of the reader's side (an addressee or `readerSide`: こちら, ここ), comparing the two.
         * A post addressed to nobody (某運送会社…二度と使わん) names the very provider it complains of.
         */
        distant: Type.Optional(Type.Array(Type.String())),
        readerSide: Type.Optional(Type.Array(Type.String())),
        /** Clause connectives that turn to the reader (他社ならすぐなのに、…): the scope ends with that clause. */
        turns: Type.Array(Type.String()),
        /**
         * Of `turns`, those that compare only when the comparison is told: the next clause opens on the reader's side
         * (`comparisonOpeners`: こちらの商品は, 今回は; or an addressee) or the clause tells a favour the other party did
         * (別の店ではすぐ返金してくれたのに). Otherwise the grievance with the other party goes on
         * (予約したのに当日用意されていなかった, 印刷が止まってるっていうのに謝罪の一言もなし).
         */
        toldTurns: Type.Optional(Type.Array(Type.String())),
        examples: FrameExamples,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type FramesConfig = Static<typeof FramesSchema>;

export const ScoringConfigSchema = Type.Object(
  {
    categories: Type.Record(Type.String(), CategoryConfigSchema),
    subjectWeight: Type.Number({ minimum: 1, maximum: 5 }),
    /** Each further match of the same entry counts this fraction of the previous one. */
    repeatDecay: Type.Number({ minimum: 0, maximum: 1 }),
    /** Sum of contributions at which a score reaches 63 (100 × (1 − e⁻¹)). */
    scale: Type.Object({ anger: Type.Number({ minimum: 1 }), urgency: Type.Number({ minimum: 1 }) }),
    levels: Type.Object({
      furious: Type.Object({ anger: Type.Number({ minimum: 0, maximum: 100 }) }),
      angry: Type.Object({ anger: Type.Number({ minimum: 0, maximum: 100 }) }),
      concerned: Type.Object({
        anger: Type.Number({ minimum: 0, maximum: 100 }),
        urgency: Type.Number({ minimum: 0, maximum: 100 }),
      }),
    }),
    politeButAnnoyed: Type.Object({
      /** Sum of complaint-category contributions needed. */
      minComplaint: Type.Number({ minimum: 0 }),
      /** Politeness markers (dictionary) needed to call the register polite. */
      minPoliteMarkers: Type.Number({ minimum: 0 }),
      /** Or this many polite auxiliaries (です・ます・ござる). */
      minPoliteAuxiliaries: Type.Number({ minimum: 0 }),
      politeAuxiliaries: Type.Array(Type.String()),
    }),
    negation: Type.Object({
      /** How many tokens after a match are searched for a negator. */
      window: Type.Integer({ minimum: 1, maximum: 12 }),
      /** Parts of speech a negator lemma must have (ん as a noun in 〜んです is not a negator). */
      negatorPos: Type.Array(Type.String()),
      /** Tokens that may stand between a match and its negator (て, いる, ます, …). */
      skip: Type.Array(PosRule),
      /** Nouns that deny the word before them as a negator does (不満ゼロ, 欠点は皆無). */
      nounNegators: Type.Optional(Type.Array(Type.String())),
      /**
       * Auxiliary adjectives that deny the word they follow (壊れにくい, 割れづらい): an affirmative entry
       * right before one is negated. Entries that complain when negated (分かる) are not affected.
       */
      hardly: Type.Optional(Type.Array(Type.String())),
    }),
    frames: FramesSchema,
    intensifier: Type.Object({
      window: Type.Integer({ minimum: 1, maximum: 12 }),
      maxMultiplier: Type.Number({ minimum: 1, maximum: 5 }),
    }),
    /** Thread signals of a raw mail: earlier customer messages found in the quoted history. */
    thread: Type.Object({
      /** Urgency added per earlier customer message (a third mail is urgent even if polite). */
      urgencyPerPriorContact: Type.Number({ minimum: 0, maximum: 100 }),
      /** From this many earlier messages on, the thread itself is a complaint signal. */
      complaintFromPriorContacts: Type.Integer({ minimum: 1 }),
      /** Complaint weight the thread adds when it is one. */
      complaintWeight: Type.Number({ minimum: 0, maximum: 100 }),
    }),
    scenarios: Type.Object({
      /** Score a scenario needs to be named (below it the mail is `other`). */
      minScore: Type.Number({ minimum: 0 }),
      /** A secondary scenario needs at least this fraction of the primary's score. */
      secondaryRatio: Type.Number({ minimum: 0, maximum: 1 }),
      /** A score from which a scenario counts as strongly evidenced (confidence's strength half is 1). */
      strongScore: Type.Number({ exclusiveMinimum: 0 }),
      /** Below this confidence the draft is the safe general reply rather than a scenario's. */
      minConfidence: Type.Number({ minimum: 0, maximum: 1 }),
      /** The learned signal (learned/scenarios.yaml): when it decides, and how its probabilities are tempered. */
      learned: Type.Optional(
        Type.Object({
          /** The manual's scenario stands from this confidence up; below it (or with none) the learned reading decides. */
          manualConfidence: Type.Number({ minimum: 0, maximum: 1.01 }),
          /** Softmax temperature over the scores (1 for the discriminative fit; naive Bayes counts are overconfident and need more). */
          temperature: Type.Number({ exclusiveMinimum: 0 }),
          /** What a word of the subject counts for against one of the body (the body's count once). */
          subjectWeight: Type.Number({ minimum: 1 }),
          /** The manual's candidates the learned reading chooses among: scores within this fraction of the top one. */
          candidateRatio: Type.Number({ minimum: 0, maximum: 1 }),
          /** A scenario the manual did not name is chosen only from this learned probability (or when the manual found nothing). */
          outsideProbability: Type.Number({ minimum: 0, maximum: 1.01 }),
          /** When the reading chose the primary, a manual candidate it gives less than this probability is no secondary scenario. */
          secondaryProbability: Type.Number({ minimum: 0, maximum: 1 }),
        }),
      ),
    }),
    /**
     * Facts that complain only together: an expectation set before (「…します」と伺いました, 当初) and what
     * is still not done (まだ…ておりません, 未着). Each pair adds `complaint` when every one of its
     * categories has evidence in the mail, and the complaint reason quotes both.
     */
    pairs: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ minLength: 1 }),
            categories: Type.Array(Type.String(), { minItems: 2 }),
            complaint: Type.Number({ minimum: 0, maximum: 100 }),
            /** Words of the writer's own feeling that make it a worry, not a complaint (心配, 不安), unless negated. */
            unlessFelt: Type.Optional(Type.Array(Type.String())),
            /**
             * The categories in the order the mail tells them, each within this many sentences after the one
             * before it in the same field (the company's answer cited, then what came of it); unset: anywhere.
             */
            withinSentences: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /**
     * A negative word asserted by a negated question (ひどくないですか, 壊れてるじゃないですか, 違うのではないですか)
     * is an accusation: it counts as a complaint, its weight times `multiplier`.
     */
    rhetorical: Type.Optional(Type.Object({ multiplier: Type.Number({ minimum: 1, maximum: 3 }) }, { additionalProperties: false })),
    /** Characters around a complaint signal within which symbols (！！, ？？) count. */
    symbolProximity: Type.Integer({ minimum: 0, maximum: 500 }),
    reasons: Type.Record(Type.String(), ReasonText),
  },
  { additionalProperties: false },
);
export type ScoringConfig = Static<typeof ScoringConfigSchema>;
