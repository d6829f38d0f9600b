/**
 * blame: told-you-so and your-fault phrasing — set phrases (だから, 先ほども申し上げた通り, お客様の
 * 操作ミス…) and the sentence shapes of blame-structure.ts (the customer as the agent of an error,
 * lectures about earlier guidance or future behaviour, doubting the customer).
 */
import { blameIn } from '../blame-structure.js';
import { sentenceRule } from '../context.js';

export const blame = sentenceRule('blame', blameIn);
