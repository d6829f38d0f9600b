/**
 * The playground at / : a Japanese page where agents paste a mail (or drop an .eml) to see its
 * level, evidence, triage and draft, and lint their own replies. It is plain HTML, CSS and browser
 * ES modules from src/http/playground, read once at start-up and served from memory (no CDN, no
 * bundler), and it calls the public API like any client. Beside it, /inbox: the review inbox, where
 * agents of a team without a helpdesk claim, edit and approve or reject drafts from the review
 * queue (same look, same modules, same API key; the header pieces both pages share are written once
 * in partials/). PLAYGROUND=off leaves both unmounted.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Where the page's files are: beside this module (src/http/playground under tsx and vitest, or
 * dist/http/playground if a build copies them there), else in src/ from the package root (a
 * checkout running dist/). `tsc` itself copies no HTML, CSS or browser JS.
 */
export const PLAYGROUND_DIRS = [
  fileURLToPath(new URL('../playground/', import.meta.url)),
  fileURLToPath(new URL('../../../src/http/playground/', import.meta.url)),
];
const PLAYGROUND_DIR = PLAYGROUND_DIRS.find((dir) => existsSync(join(dir, 'index.html')));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

export interface PlaygroundOptions {
  enabled: boolean;
  /** Folder holding index.html and assets/; default: the one shipped with ondo. */
  dir?: string;
}

/** Labels the page shows for the manual's own codes, read from the dictionaries so new entries show with their names. */
export interface PlaygroundLabels {
  categories: Record<string, string>;
  scenarios: Record<string, string>;
  /** Hints for each template's 【placeholders】, by scenario. */
  placeholders: Record<string, Record<string, string>>;
  /** What this server has on, so the page offers only what works (FEEDBACK for 「判定が違う」). */
  features: { feedback: boolean };
}

export function playgroundLabels(app: FastifyInstance): PlaygroundLabels {
  const categories = Object.fromEntries(
    Object.entries(app.analysis.dictionaries.config.categories).map(([name, category]) => [name, category.label.ja]),
  );
  const scenarios: PlaygroundLabels['scenarios'] = {};
  const placeholders: PlaygroundLabels['placeholders'] = {};
  for (const [scenario, template] of app.drafting.manual.templates.scenarios) {
    scenarios[scenario] = template.label;
    if (template.placeholders) placeholders[scenario] = { ...template.placeholders };
  }
  return { categories, scenarios, placeholders, features: { feedback: app.feedback.enabled } };
}

function readStatic(path: string, body: Buffer = readFileSync(path)): StaticFile {
  const type = CONTENT_TYPES[extname(path)];
  if (!type) throw new Error(`playground: no content type for ${path}`);
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** A line `<!-- partial:name -->` in a page: replaced by partials/name.html, indented as the line was. */
const PARTIAL = /^([ \t]*)<!-- partial:([a-z-]+) -->$/gm;

/** A page with the pieces both pages share (the header's API key field) put in place, once, at start-up. */
function readPage(dir: string, name: string): StaticFile {
  const path = join(dir, name);
  const html = readFileSync(path, 'utf8').replace(PARTIAL, (_line, indent: string, partial: string) =>
    readFileSync(join(dir, 'partials', `${partial}.html`), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => indent + line)
      .join('\n'),
  );
  return readStatic(path, Buffer.from(html));
}

function readPlayground(dir: string): { page: StaticFile; inbox: StaticFile; assets: ReadonlyMap<string, StaticFile> } {
  try {
    const assetsDir = join(dir, 'assets');
    const assets = new Map(
      readdirSync(assetsDir)
        .filter((name) => !name.endsWith('.d.ts') && CONTENT_TYPES[extname(name)] !== undefined)
        .map((name) => [name, readStatic(join(assetsDir, name))] as const),
    );
    return { page: readPage(dir, 'index.html'), inbox: readPage(dir, 'inbox.html'), assets };
  } catch (err) {
    throw new Error(
      `the playground page cannot be read from ${dir} (${err instanceof Error ? err.message : String(err)}); set PLAYGROUND=off to run without it`,
      { cause: err },
    );
  }
}

/** Sends a file from memory; browsers revalidate it (no-cache) and get 304 while it is unchanged. */
function sendStatic(request: FastifyRequest, reply: FastifyReply, file: StaticFile) {
  reply.header('cache-control', 'no-cache').header('etag', file.etag);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}

export default fp<PlaygroundOptions>(
  async function playground(app: FastifyInstance, { enabled, dir = PLAYGROUND_DIR }) {
    if (!enabled) {
      app.log.info('playground off (PLAYGROUND=off): / is not served');
      return;
    }
    if (!dir || !existsSync(join(dir, 'index.html'))) {
      // An image that ships dist/ without the page's files: the API still serves; say what is missing.
      app.log.warn(
        { looked: dir ? [dir] : PLAYGROUND_DIRS },
        'playground files not found: / is not served (copy src/http/playground to dist/http/playground, or set PLAYGROUND=off)',
      );
      return;
    }
    const { page, inbox, assets } = readPlayground(dir);

    // A UI, not part of the API: kept out of the OpenAPI document.
    app.get('/', { schema: { hide: true } }, (request, reply) => sendStatic(request, reply, page));
    app.get('/inbox', { schema: { hide: true } }, (request, reply) => sendStatic(request, reply, inbox));
    app.get('/assets/labels.json', { schema: { hide: true } }, async () => playgroundLabels(app));
    app.get<{ Params: { name: string } }>('/assets/:name', { schema: { hide: true } }, (request, reply) => {
      const file = assets.get(request.params.name);
      return file ? sendStatic(request, reply, file) : reply.callNotFound();
    });
  },
  { name: 'playground', dependencies: ['analysis', 'drafting', 'feedback'] },
);
