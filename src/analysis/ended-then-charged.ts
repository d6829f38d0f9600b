/**
 * A subscription ended and then charged anyway (「解約したのに請求されています」) is one errand told two
 * ways, and the labelled mails named it either way. What the reply must do decides it: when the customer
 * asks about the contract's end itself (「解約させてください」「解約ができているか確認を」「解約と返金を」),
 * it is subscription-cancellation; when the end is done and what they ask for is the money
 * (「すぐに返金してください」「請求の停止と返金を」), it is billing — a wrong charge, as `billing` is defined.
 */
import { ownSentences } from './asks-of-us.js';
import type { ScenarioKind } from './scenario-schema.js';

/** The contract told as already ended: 解約したのに, 退会済み, 解約後の, 解約手続きを済ませ, 解約完了のメール. */
const ENDED =
  /(?:解約|退会|解除)(?:済み|済|後|した(?:のに|はず|にも|後|あと|のです|んです|ので|のですが|けど|が|[。、])|しています|しており|しているのに|手続き(?:を|は)?(?:済ませ|済み|完了|しました|した|して|とっ|取っ)|完了|が完了|の手続きを(?:済ませ|しました|した))/u;
/** A charge: 請求, 引き落とし, 課金, 決済, 更新料, 会費が. */
const CHARGED = /請求|引き落と|引き落し|引落|課金|決済|更新料|会費|料金|代金/u;
/** A sentence that asks something of us. */
const ASKS =
  /ください|下さい|お願い|願います|いただけ|頂け|いただきた|もらえ|ほしい|欲しい|たい(?:です|と|の|ので|ん|。)|たく|でしょうか|ますか|ですか|ませんか|[？?]/u;
/** …about the contract's end itself. */
const ABOUT_THE_END = /解約|退会|解除/u;

export function endedThenCharged(ownText: string): 'billing' | 'subscription-cancellation' | undefined {
  const text = ownText.normalize('NFKC');
  if (!ENDED.test(text) || !CHARGED.test(text)) return undefined;
  const asksAboutTheEnd =
    WHETHER_ENDED.test(text) || ownSentences(text).some((s) => ASKS.test(s) && ABOUT_THE_END.test(s) && !ENDED_ONLY.test(s));
  return asksAboutTheEnd ? 'subscription-cancellation' : 'billing';
}

/** 「解約できているか不安です」「解約がちゃんとできているかの確認を」: whether the end went through at all. */
const WHETHER_ENDED = /(?:解約|退会|解除)(?:が|は)?(?:ちゃんと|きちんと|本当に|正しく)?(?:でき|され|完了し)て(?:いる|いない|る|ない)か/u;

/** A sentence that names the end only as the past it argues from: 「解約したのに請求するのはおかしくないですか」. */
const ENDED_ONLY = /(?:解約|退会|解除)(?:済み|済|後|したのに|したはず|しているのに)/u;

/** Whether the rule speaks between these two scenarios. */
export function isEndedThenChargedPair(a: ScenarioKind, b: ScenarioKind): boolean {
  return (a === 'billing' && b === 'subscription-cancellation') || (a === 'subscription-cancellation' && b === 'billing');
}
