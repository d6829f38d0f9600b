#!/usr/bin/env node
/** The ondo command line: quick trials and support-lead tools without a server. */
import { analyzeCommand, ANALYZE_USAGE } from './cli/analyze.js';
import { batchCommand, BATCH_USAGE } from './cli/batch/command.js';
import { dictCommand, DICT_USAGE } from './cli/dict/command.js';
import { keyCommand, KEY_USAGE } from './cli/key.js';
import { learnCommand, LEARN_USAGE } from './cli/learn/command.js';
import { terminalFor } from './cli/terminal-text.js';
import { terminalCharset } from './config.js';

/** Usage and errors in the terminal's charset (a ja_JP.eucJP terminal gets EUC-JP, not UTF-8 mojibake). */
const terminal = terminalFor(terminalCharset(), process.stdout, process.stderr);

const USAGE = `usage:
${ANALYZE_USAGE}
${BATCH_USAGE}
${DICT_USAGE}
${KEY_USAGE}
${LEARN_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return analyzeCommand(rest);
    case 'batch':
      return batchCommand(rest, terminal);
    case 'dict':
      return dictCommand(rest);
    case 'key':
      return keyCommand(rest);
    case 'learn':
      return learnCommand(rest);
    case undefined:
    case '-h':
    case '--help':
      terminal.out.write(`${USAGE}\n`);
      return command ? 0 : 2;
    default:
      terminal.err.write(`unknown command: ${command}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    terminal.err.write(`ondo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
