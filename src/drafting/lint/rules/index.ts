/** Every lint rule, in the order findings on the same text are listed. */
import type { LintRule } from '../context.js';
import { bareCommand } from './bare-command.js';
import { bareRefusal } from './bare-refusal.js';
import { blame } from './blame.js';
import { noEmpathy } from './no-empathy.js';
import { noThanks } from './no-thanks.js';
import { refusalFirst } from './refusal-first.js';
import { register } from './register.js';
import { vagueTiming } from './vague-timing.js';

export const LINT_RULES: readonly LintRule[] = [refusalFirst, bareRefusal, blame, register, bareCommand, vagueTiming, noEmpathy, noThanks];
