import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/analysis/tokenizer/index.js';
import { nameWords, readCustomerName } from '../../src/drafting/customer-name.js';

const words = nameWords(await loadTokenizer());

describe('readCustomerName', () => {
  it.each([
    ['こんにちは、大川といいます。\n寝袋について質問です。', '大川'],
    ['本日のお通夜用に供花をお願いした浅野です（注文番号 FL-6620）。', '浅野'],
    ['11月22日から2泊でお世話になりました高木恵美です。', '高木'],
    ['小学3年の坂本ゆいの母です。\n月謝について伺います。', '坂本'],
    ['隣の家の者です。辻と申します。\n工事の音について。', '辻'],
    ['これで3回目の連絡です。\n交換はどうなっていますか。\n松井', '松井'],
    ['レジが使えません。\n至急対応してください。\n居酒屋たけ 店主 武田', '武田'],
    ['荷物が壊れていました。\n\n宿泊者 村上 誠', '村上'],
    ['口座を変更したいです。\n\n契約者：森 和也', '森'],
    // 「日程調整です」 after 「の」 is the errand, not a name (an action noun): the signature names the writer.
    ['お世話になっております。\n用件は、エアコンの修理の日程調整です。\n\n岡本', '岡本'],
    // The shop's own name (灯) comes before the role; the writer after it.
    ['看板の文字の修正をお願いします。\n「営業中」を「準備中」にする1行の変更です。\n\n喫茶 灯 店主 田村', '田村'],
    // A katakana name with a verb of naming; the Kansai copula as the first words.
    ['こんにちは。キムと申します。\nレンタカーを借りたいです。', 'キム'],
    // The writer as the subject of 「私は〜です」: a katakana proper noun.
    ['こんにちは。わたしはジョーンズです。\nアカウントを消したいです。', 'ジョーンズ'],
    // A reply signed above the mail it quotes, with a customer number under the name.
    ['まだ返金されていません。\n\n森本 隆之\nお客様番号：7730-2291-05\n\n> 平素よりご利用いただき、\n> 誠にありがとうございます。', '森本'],
    ['山根や。12月9日の引越し、朝9時の約束で、来たの昼の2時やで。', '山根'],
    // A name after the number the writer gives first; a given name in katakana under an older letter.
    ['契約番号 K-5520196 井上です。\n\n9月30日　自転車事故で入院', '井上'],
    ['敬具\n佐々木 トミ', '佐々木'],
    // What the writer is (大学生) is no name, and nor is where a thing is (その中です): the signature names them.
    ['夜中にすみません、大学生です。\nクーポンが使えません。\n\n山口', '山口'],
    ['水着もドレスも全部その中です。\n補償を求めます。\n\n青木', '青木'],
    // A judgement after 「。」 is no name (最低です, 大満足です); a prefecture signed before the name.
    ['スタッフに笑われました。最低です。\n今日で辞めます。\n\n中島', '中島'],
    ['とてもきれいなベージュでした。大満足です！\nまた注文します。\n\n北海道 斉藤', '斉藤'],
    // 「3か月の家です」 is the house, not a writer: the signature names them.
    ['床に傷をつけられました。\n新築してまだ3か月の家です。\n秋山', '秋山'],
    // A status or a department before the name is no name (元 + noun, 〜者, an action noun like 広報).
    ['退会したのにメールが届く。\n元会員　加藤', '加藤'],
    ['敷金を返してください。\n\n元入居者　石井', '石井'],
    ['修正版をお願いします。\n株式会社アオバ　広報　原田', '原田'],
    // A label before the name and a note after it.
    ['2セットだけキャンセルできますか？\n母：遠藤 和子（代理で息子が送っています）', '遠藤'],
    // A katakana sign-off kuromoji knows as a name.
    ['返品できますか？\n注文番号 M-66713\nグエン', 'グエン'],
    // A foreign full name joined by 「・」 introduces the writer with です; the first part is the salutation.
    ['こんにちは。グエン・ヴァン・ナムです。\n部屋の契約について質問です。', 'グエン'],
    // A line that labels the name.
    ['結婚で姓が変わりました。\n新しい氏名：佐藤 美咲（旧姓 鈴木）\n必要な書類を送ってください。', '佐藤'],
    // A form's or a signature's field that labels the writer: 【お名前】, 契約者：, ご担当者：, and 名義： after a phone number.
    ['【お名前】高橋 由美\n【お問い合わせ内容】\n配送日を変えたいです。', '高橋'],
    ['洗面所の水が止まりません。\n\n契約者：石井 大輔\n連絡先：090-1111-2222', '石井'],
    ['会社名：株式会社みなと\nご担当者：岡本\nメール：okamoto@example.jp', '岡本'],
    ['全部解約します。\n080-2222-3333　名義：藤田 誠', '藤田'],
    // A note, a phone number or an address under the name is stepped over.
    ['領収書の再発行をお願いします。\n\n菅野 和子\n（診察券番号　００３１７５）', '菅野'],
    ['本日中に責任者から電話をください。\n\n坂口 拓也\n070-5561-2093', '坂口'],
    // 「初期不良です」 opens a line but is no name: the signature is.
    ['左耳から音が出ません。\n初期不良です。\n返金か交換をお願いします。\n\n渡部', '渡部'],
    // A role before the name that is a common noun, not a proper one (新郎 is not a family name).
    ['明日の式に間に合わないのですか。\n\n注文番号 GF-22871\n新郎　佐々木', '佐々木'],
    ['見積もりのご返信をお待ちしております。\n\n有限会社アオバ設計　総務　工藤', '工藤'],
    // A phone number, or a shop and a slash, on the signature's own line.
    ['新しい住所に変更できますか？\n\n遠藤 080-4471-9026', '遠藤'],
    ['運営さんから連絡していただけますか？\n\nショップ名 little bloom／杉本', '杉本'],
    ['自動で完了になる仕組みはありますか？\n\n出品者名：hinata_design（小林）', '小林'],
    // The signature beats 「陽太の母です」: 陽太 is the child's given name.
    ['5年生の陽太の母です。\nコースを変更したいと考えています。\n\n佐野', '佐野'],
    ['ガイドの方が親切でした。\n\nグエン・ティ・ラン', 'グエン'],
    // A clause in the polite 〜ております before the name.
    ['10月から休会の手続きをしております西村です。\n今月も会費が引き落とされていました。', '西村'],
    // The writer named as such, and older letters' closing words.
    ['わたくしは山田と申す者です。\n年金の書類について伺います。', '山田'],
    ['私の名前はリーです。\n部屋を借りたいです。', 'リー'],
    ['書類をお送りください。\n\n山田太郎拝', '山田'],
    ['書類をお送りください。\n\n松本より', '松本'],
    // A Western name under an English closing, family name last; an English title under a kanji name.
    ['館内の案内表示がもう少し英語でもあると助かります。\n\nBest regards,\nEmily Miller', 'Miller'],
    ['見積もりをいただけますと助かります。\n\nBest regards,\nYuki Kondo\n近藤 由紀\nIT Manager, Japan Branch', '近藤'],
    // A role and a name signed in the middle, the mail still talking after it.
    ['ログインできません。\n支店：新宿西口支店\n代表 村上\n\nすぐに折り返し電話をください。', '村上'],
    // Signatures in hiragana.
    ['まごと ビデオでんわが できるようになりました\n\nやまもと きみこ', 'やまもと'],
    ['じかんを かえたいです\nどうしたら よいでしょうか\nおおたけ', 'おおたけ'],
    // Under a closing line, a hiragana signature kuromoji splits into other words (た|なか, き|むら, わ|た|なべ).
    ['くすりの ふくろの じが おおきくなりました。\nこれからも よろしく おねがいします。\nたなか', 'たなか'],
    ['いつも ありがとう ございます。\nよろしく おねがいします。\nわたなべ ともこ', 'わたなべ'],
    // A progressive in dialect (〜しとる) before the self-introduction.
    ['いつもお米を送ってもらっとる加藤です。\n届け先を変えてもらいたいんだわ。', '加藤'],
    // A business named after the family, then the writer's name.
    ['すぐに全額返金してください。\n斎藤工房　斎藤', '斎藤'],
    // A child's full name without a space, which kuromoji reads as a family and a given name.
    ['中3の森田蓮の母です。\nコースを変えたいです。', '森田'],
    // A business signature at the top: the company with its legal form, then the name.
    ['契約番号 BZ-00418\n有限会社大西工務店 大西\n\n障害の原因を回答してください。', '大西'],
    // A bracketed last line that labels the name (「会員名義」).
    ['金曜までに教えてほしいです。\n（会員名義 真田 葵）', '真田'],
    // The household named: 「うちは吉田です」.
    ['うちに隣の荷物が届いています。\nうちは吉田です。都合のいい時に来てもらえれば渡します。', '吉田'],
    // After 「の」 a family name that kuromoji reads as one word (荒木), though not as a proper noun.
    ['定期番号 SP-118203 の荒木です。\n定期便を解約したいです。', '荒木'],
    // A relative named before the writer: the name is the writer's, not the title's.
    ['上司の指示で連絡しました。上司の山本です。', '山本'],
    // Inquiry forms: bullets, brackets, a note on the label, a space or the next line before the value.
    ['■お名前：西田 美穂\n■電話番号：090-1234-5678\n■内容：\n予約日を変更したいです。', '西田'],
    ['[お名前] 原 和也\n[ご質問] 配送料はいくらですか。', '原'],
    ['お名前（漢字）：安藤 さくら\nお名前（フリガナ）：アンドウ サクラ\nお問い合わせ：解約したいです。', '安藤'],
    ['・氏名　：　三浦 翔太\n・お問い合わせ種別：商品について\n・本文：サイズ交換は可能ですか？', '三浦'],
    ['会社名：有限会社ミドリ商会\nご担当者名：野村 修\n電話番号：03-1111-2222\nお見積りをお願いしたく、ご連絡しました。', '野村'],
    ['【会社名】株式会社ソラ\n【部署名】総務部\n【ご担当者名】北村 明\n【お問い合わせ内容】\n請求書払いに対応していますか。', '北村'],
    ['お名前\n大塚 みなみ\nお問い合わせ内容\nキャンセル料について知りたいです。', '大塚'],
    // A business signature with the name above its company, department and phone lines.
    ['見積書の件、ご確認いただけますか。\n\n杉山 健一\n株式会社トウヨウ建設 工務部\nTEL 03-5555-1212', '杉山'],
    ['注文の件でご相談です。\n\n――――――――――\n株式会社エムズ 購買部\n田口 恭子\nTEL：03-1234-5678\n――――――――――', '田口'],
    // A company and a space before 「〜と申します」, with a family name kuromoji knows.
    ['ミドリ商会 野村と申します。\n請求書の件でご連絡しました。', '野村'],
    // One kanji after a clause is a thing (「一度の日です」); after an organisation it is the writer (南).
    ['挙式した者です。\n一生に一度の日です。\n返金を求めます。\n\n藤原', '藤原'],
    ['いつもお世話になります。有限会社ミナミ会計事務所の南です。\nライセンスキーが届きません。', '南'],
  ])('reads the writer of 「%s」', (body, name) => {
    expect(readCustomerName(body, words)).toBe(name);
  });

  it.each([
    // 「七十八歳の者です」 once gave 「者様」.
    ['七十八歳の者です。\n息子に頼まれて連絡しました。'],
    ['先日ご連絡した、食器セットの破損の件です。\n誠意あるご対応をお願いいたします。'],
    ['本人もかなり落ち込んでいる様子です。'],
    ['無料期間中に解約しました。\n一利用者より'],
    ['用件は、給湯器の修理の日程調整です。\nお湯が出ない状態が続いております。'],
    // Katakana before です is a thing (a SIM card), and や later in a mail is no introduction.
    ['SIMカードです。\n設定の仕方がわかりません。'],
    // 「私は〜です」 with what the writer is, not who.
    ['私はファンです。\n新作はいつ出ますか。'],
    ['私はリピーターです。\n今回の対応は残念でした。'],
    ['ほんまにありえへん。\n最悪や。'],
    // A katakana word alone on the last line that is no name.
    ['よろしくお願いします。\nサンキュー'],
    // Hiragana last lines that are greetings, not signatures.
    ['いつもありがとう。\nよろしく'],
    ['またお願いします。\nおやすみ'],
    ['お元気で。\nまたね'],
    // Under a closing line, hiragana that is a closing or a verb is still no signature.
    ['よろしく おねがいします。\nかしこ'],
    ['よろしく おねがいします。\nいそぎます'],
    ['よろしく おねがいします。\nごめんなさい'],
    // Two capitalised words with no closing above them are no signature; nor two nouns on a line mid-mail.
    ['Please check.\nThank You'],
    ['荷物が届きません。\n配送 状況\nよろしく。'],
    // A compound after 「の」 is the thing the mail is about (光|回線), not a writer.
    ['契約番号 NK-0093、住所 さいたま市南区〇〇2-14-7 の光回線です。\nつながりません。'],
    // Whom the writer relays or signs for, by relation or title, is never their name.
    ['上司がかなり怒っておりまして、「今日中に回答をもらえ」とのことです。\n営業部 上司'],
    ['母の代わりに連絡しました。母です。'],
    ['注文の担当者です。納品が遅れています。'],
    ['担当者の方から連絡がありません。\n担当者'],
    ['よろしくお願いします。\n上司'],
    // The addressee's company at the top (御中) names no writer.
    ['株式会社西日本資材 営業部 御中\n\n断熱材が届いていません。'],
    ['うちは大家族です。量が足りません。'],
    // A form's name field that holds a business, a department, a note or someone addressed.
    ['【お名前】山田商店\n配送について。'],
    ['ご担当者名：総務部\n請求書の再発行をお願いします。'],
    ['お名前：匿名\n意見です。'],
    ['氏名：未記入\n解約したいです。'],
    ['ご担当者名：佐藤 様\n先日の件です。'],
    // At a line start, an action noun or an adjective's stem is what the line is about.
    ['質問です。\n送料はいくらですか。'],
    ['緊急です！\nログインできません。'],
  ])('falls back to none for 「%s」', (body) => {
    expect(readCustomerName(body, words)).toBeUndefined();
  });

  it('reads a body of spaces alone, or a long run of them, at once and as no name', () => {
    const started = performance.now();
    expect(readCustomerName('　'.repeat(20_000), words)).toBeUndefined();
    expect(readCustomerName(`お名前${'　'.repeat(20_000)}\n質問です。`, words)).toBeUndefined();
    const run = '　'.repeat(20_000);
    // A form's label, a phone number's spaces and a closing word's (拝) each once walked a run from every character.
    expect(readCustomerName(`【${run}お名前】${run}：${run}\n${run}山田${run}x`, words)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
