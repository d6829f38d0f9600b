import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClientTypes } from '../contract/client-types.js';

const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
let types: string;

beforeAll(async () => {
  types = await generateClientTypes(document);
});

describe('openapi-typescript types generated from openapi/openapi.json', () => {
  it('are the committed test/contract/ondo-api.ts the contract test is type-checked against (`npm run openapi`)', () => {
    expect(readFileSync(new URL('../contract/ondo-api.ts', import.meta.url), 'utf8')).toBe(types);
  });

  it('name the shared shapes as components', () => {
    for (const name of [
      'ToneResult',
      'Evidence',
      'Reason',
      'Scenario',
      'Routing',
      'Draft',
      'LintFinding',
      'TriageResult',
      'TriageJob',
      'Review',
      'Delivery',
      'Problem',
      'MailInput',
    ]) {
      expect(types, name).toMatch(new RegExp(`^ {8}${name}: \\{`, 'm'));
    }
  });

  it('name every operation, and reference the components rather than inlining them', () => {
    expect(types).not.toMatch(/operations = Record<string, never>/);
    const paths = Object.values<Record<string, { operationId: string }>>(document.paths);
    const operationIds = paths.flatMap((path) => Object.values(path).map((op) => op.operationId));
    expect(operationIds).toHaveLength(new Set(operationIds).size);
    for (const id of operationIds) expect(types, id).toMatch(new RegExp(`^ {4}${id}: \\{`, 'm'));
    expect(types).toContain('"application/json": components["schemas"]["AnalyzeResult"]');
    expect(types).toContain('"application/problem+json": components["schemas"]["Problem"]');
  });
});
