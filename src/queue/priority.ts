/** One priority table for the queue layer: P1 ranks 1 (BullMQ's highest job priority and the review queue's first). */
import type { Priority } from '../drafting/routing.js';

export const PRIORITY_RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };
