/** register: casual or curt words to a customer (了解です, 〜してね, ちょっと, ですよね), each with its polite form. */
import { casualMatches } from '../casual-rewrite.js';
import { sentenceRule } from '../context.js';

export const register = sentenceRule('register', casualMatches);
