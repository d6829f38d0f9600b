import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiDocAnswerBlocks, renderApiDocExamples } from '../../scripts/api-doc-examples.js';
import { EXAMPLE_ANSWERS } from '../../src/http/openapi-examples.js';

const page = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));

/**
 * docs/api.md's worked examples are the answers `npm run openapi` recorded from a running ondo (which
 * test/contract/examples.test.ts compares with a live one): an example that shows an anger ondo no
 * longer answers fails here. When it does, run `npm run openapi` and commit docs/api.md.
 */
describe("docs/api.md's worked examples", () => {
  it('show the triage call (request, draft, routing, whole response) and the analysis of the README', () => {
    expect(apiDocAnswerBlocks(page)).toEqual([
      'triageMail/reply request',
      'triageMail/reply draft',
      'triageMail/reply routing',
      'triageMail/reply response',
      'analyzeMail/politeButAnnoyed response',
    ]);
  });

  it('are the recorded answers, as npm run openapi writes them', () => {
    expect(renderApiDocExamples(page, EXAMPLE_ANSWERS, document)).toBe(page);
  });

  it('rewrite a block that shows a stale answer', () => {
    const stale = page.replace(/"anger": \d+/, '"anger": 46');
    expect(stale).not.toBe(page);
    expect(renderApiDocExamples(stale, EXAMPLE_ANSWERS, document)).toBe(page);
  });

  it('name an example the recorded answers do not have', () => {
    const unknown = '<!-- answer triageMail/nonesuch response -->\n```json\n{}\n```\n<!-- /answer -->\n';
    expect(() => renderApiDocExamples(unknown, EXAMPLE_ANSWERS, document)).toThrow(/triageMail\/nonesuch/);
  });
});
