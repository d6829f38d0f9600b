/**
 * docs/api.md's worked examples as ondo answers them. Each block between
 * `<!-- answer <operationId>/<example> <view> -->` and `<!-- /answer -->` is written from the answers
 * `npm run openapi` records from a running ondo (src/http/schemas/example-answers.json, which the
 * contract test compares with a live ondo) and the request examples of openapi/openapi.json, so the
 * page cannot show an answer ondo no longer gives. Views: `request` (the curl call), `response` (the
 * whole JSON body), `draft` (the draft's text), `routing` (one line: priority, reply-by, scenario, lint).
 */
import type { ExampleAnswers } from '../src/http/openapi-examples.js';

type Json = Record<string, unknown>;

const BLOCK = /<!-- answer (\S+)\/(\S+) (\w+) -->\n[\s\S]*?<!-- \/answer -->/g;

/** The request example `name` of the operation `operationId` in the OpenAPI document: its method, path and body. */
function requestExample(document: Json, operationId: string, name: string): { method: string; path: string; body: unknown } {
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (operation.operationId !== operationId) continue;
      const media = (operation.requestBody as { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } | undefined)
        ?.content?.['application/json'];
      const example = media?.examples?.[name];
      if (example) return { method, path, body: example.value };
    }
  }
  throw new Error(`openapi/openapi.json has no request example ${operationId}/${name}`);
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
const fenced = (lang: string, text: string) => `\`\`\`${lang}\n${text}\n\`\`\``;

function routingLine(answer: Json): string {
  const routing = answer.routing as { priority: string; replyByLabel: string; sla: { level: string; businessHours: number } };
  const scenario = answer.scenario as { primary: string; secondary: string[] };
  const lint = answer.lint as { ruleId: string }[];
  const secondary = scenario.secondary.length ? ` (secondary ${scenario.secondary.map((s) => `\`${s}\``).join(', ')})` : '';
  const findings = lint.length ? `lint: ${lint.map((f) => `\`${f.ruleId}\``).join(', ')}` : '`lint: []`';
  return (
    `Routing: \`"${routing.priority}"\`, reply by ${routing.replyByLabel} ` +
    `(${routing.sla.level} → ${routing.sla.businessHours} business hours), scenario \`${scenario.primary}\`${secondary}, ${findings}.`
  );
}

function render(view: string, operationId: string, name: string, answers: ExampleAnswers, document: Json): string {
  const answer = answers[operationId]?.[name];
  if (!answer) throw new Error(`no recorded answer to ${operationId}/${name} (src/http/schemas/example-answers.json)`);
  const value = answer.value as Json;
  switch (view) {
    case 'request': {
      const { method, path, body } = requestExample(document, operationId, name);
      const quoted = json(body).replace(/'/g, `'\\''`);
      return fenced(
        'sh',
        `curl -s${method === 'post' ? '' : ` -X ${method.toUpperCase()}`} http://127.0.0.1:3000${path} -H 'content-type: application/json' -d '${quoted}'`,
      );
    }
    case 'response':
      return fenced('json', json(value));
    case 'draft':
      return fenced('text', (value.draft as { text: string }).text);
    case 'routing':
      return routingLine(value);
    default:
      throw new Error(`docs/api.md: unknown answer view "${view}" (request, response, draft, routing)`);
  }
}

/** The page with every answer block written again from `answers` and the document's request examples. */
export function renderApiDocExamples(markdown: string, answers: ExampleAnswers, document: Json): string {
  return markdown.replace(
    BLOCK,
    (_, operationId: string, name: string, view: string) =>
      `<!-- answer ${operationId}/${name} ${view} -->\n${render(view, operationId, name, answers, document)}\n<!-- /answer -->`,
  );
}

/** The blocks a page has, as `operationId/example view`. */
export function apiDocAnswerBlocks(markdown: string): string[] {
  return [...markdown.matchAll(BLOCK)].map(([, operationId, name, view]) => `${operationId}/${name} ${view}`);
}
