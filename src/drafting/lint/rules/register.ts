/** register: casual or curt words to a customer (了解です, 〜してね, ちょっと, ですよね), each with its polite form. */
import { sentenceRule } from '../context.js';

export const register = sentenceRule('register', (context, sentence) => context.matches('casual', sentence));
