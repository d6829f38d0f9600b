#!/usr/bin/env node
/** The ondo command line: quick trials and support-lead tools without a server. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadAnalysisEngine } from './analysis/analyze.js';

const USAGE = `usage:
  ondo analyze [file] [--subject 件名] [--dictionaries dir]
      Scores a mail (plain text from file, or stdin) and prints the JSON result.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return analyzeCommand(rest);
    case undefined:
    case '-h':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

async function analyzeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { subject: { type: 'string' }, dictionaries: { type: 'string' } },
  });
  const body = readInput(positionals[0]);
  if (body.trim() === '') {
    console.error('ondo analyze: the mail is empty');
    return 2;
  }
  const engine = await loadAnalysisEngine({ dictionariesDir: values.dictionaries });
  const result = engine.analyze({ subject: values.subject, body });
  console.log(JSON.stringify(result, null, 2));
  return 0;
}

function readInput(file: string | undefined): string {
  return readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`ondo: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
