/** `ondo analyze`: scores one mail (plain text, or a raw .eml) and prints the JSON result. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadAnalysisEngine } from '../analysis/analyze.js';
import { readRawMail } from '../mail/index.js';

export const ANALYZE_USAGE = `  ondo analyze [file] [--subject 件名] [--raw] [--dictionaries dir]
      Scores a mail and prints the JSON result. The file (or stdin) is plain text, or a raw
      RFC 822 mail when it ends in .eml or --raw is given (quoted history and signature are removed).`;

export async function analyzeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { subject: { type: 'string' }, raw: { type: 'boolean' }, dictionaries: { type: 'string' } },
  });
  const file = positionals[0];
  const bytes = readFileSync(file === undefined || file === '-' ? 0 : file);
  const isRaw = values.raw === true || (file?.toLowerCase().endsWith('.eml') ?? false);
  const mail = isRaw ? await readRawMail(bytes) : undefined;
  const text = mail?.text ?? { body: bytes.toString('utf8') };
  if (text.body.trim() === '') {
    console.error('ondo analyze: the mail is empty');
    return 2;
  }
  const engine = await loadAnalysisEngine({ dictionariesDir: values.dictionaries });
  const tone = engine.analyze({ ...text, subject: values.subject ?? text.subject });
  console.log(JSON.stringify(mail ? { ...tone, mail: mail.info } : tone, null, 2));
  return 0;
}
