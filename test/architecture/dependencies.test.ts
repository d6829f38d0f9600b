/**
 * Dependencies run one way. Each top-level part of src/ has a README with a line
 * `May import: \`a\`, \`b\`` (or `May import: nothing`); this test reads those lines as the rule
 * and fails on any import against it, type-only imports and dynamic import() included, and on
 * any import cycle between files. src/README.md's table repeats each rule beside the part's layer
 * (the root files' rules are only there): a part may import only parts of a lower layer, so the
 * rules cannot loop. There is no exceptions list: fix the import, or change the rule in the README
 * and say why there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** The part a file of src/ belongs to: its top-level folder, `config` for config.ts, `entry` for the other root files. */
function partOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split('/');
  if (rest.length > 0) return first!;
  return first === 'config.ts' ? 'config' : 'entry';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Relative imports of a file, resolved to files of src/ (`./x.js` is `./x.ts`): every import for
 * the direction rule; for the cycle check only those that load a module at run time (a cycle
 * through `import type` is erased by the compiler).
 */
function importsOf(file: string, runtimeOnly: boolean): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!runtimeOnly || !isTypeOnly(node)) specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      ts.isStringLiteral(node.arguments[0]!)
    ) {
      specifiers.push(node.arguments[0].text);
    } else if (
      ts.isImportTypeNode(node) &&
      !runtimeOnly &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((name) => name.startsWith('.')).map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
    return node.isTypeOnly || (!!named && named.every((e) => e.isTypeOnly));
  }
  const clause = node.importClause;
  if (!clause) return false; // import './x.js' runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** What a rule allows: `anything`, or the parts named in backticks (a parenthesised note is no part). */
function parseAllowed(text: string): Set<string> | 'anything' {
  const rule = text.replace(/\([^)]*\)/g, '').trim();
  if (/^anything/.test(rule)) return 'anything';
  return new Set([...rule.matchAll(/`([\w-]+)`/g)].map((m) => m[1]!));
}

/** The table of src/README.md: each part's layer and what it may import. */
function readTable(): Map<string, { layer: number; allowed: Set<string> | 'anything' }> {
  const rows = new Map<string, { layer: number; allowed: Set<string> | 'anything' }>();
  for (const line of readFileSync(join(SRC, 'README.md'), 'utf8').split('\n')) {
    const [, layer, part, , mayImport] = line.split('|').map((cell) => cell.trim());
    if (!layer || !/^\d+$/.test(layer) || !part || mayImport === undefined) continue;
    const name = part.includes('`config.ts`') ? 'config' : part.includes('`server.ts`') ? 'entry' : part.replace(/[`/]/g, '');
    rows.set(name, { layer: Number(layer), allowed: parseAllowed(mayImport) });
  }
  return rows;
}
const table = readTable();

/** What a part may import besides itself: its README's `May import:` line (the root files: their row of the table). */
function allowedImports(part: string): Set<string> | 'anything' {
  if (part === 'entry' || part === 'config') {
    const row = table.get(part);
    if (!row) throw new Error(`src/README.md's table has no row for ${part}`);
    return row.allowed;
  }
  const readme = join(SRC, part, 'README.md');
  const line = readFileSync(readme, 'utf8').match(/^May import: (.*)$/m);
  if (!line) throw new Error(`${relative(SRC, readme)} has no "May import:" line`);
  return parseAllowed(line[1]!);
}

const files = sourceFiles(SRC);
const graphOf = (runtimeOnly: boolean) =>
  new Map(files.map((file) => [file, importsOf(file, runtimeOnly).filter((target) => files.includes(target))]));
const graph = graphOf(false);

describe('src/ dependencies', () => {
  it('every top-level folder states in its README what it may import', () => {
    const parts = new Set(files.map(partOf));
    const missing = [...parts].filter((part) => {
      try {
        allowedImports(part);
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });

  it('no file imports a part its README does not allow', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = partOf(file);
      const allowed = allowedImports(from);
      if (allowed === 'anything') continue;
      for (const target of targets) {
        const to = partOf(target);
        if (to !== from && !allowed.has(to)) wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)} (${from} may not import ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("src/README.md's table has a row for every part, repeating its folder's May import line", () => {
    const parts = [...new Set(files.map(partOf))].sort();
    expect([...table.keys()].sort()).toEqual(parts);
    const drifted = parts.filter((part) => {
      const [row, rule] = [table.get(part)!.allowed, allowedImports(part)];
      return row === 'anything' || rule === 'anything' ? row !== rule : [...row].sort().join() !== [...rule].sort().join();
    });
    expect(drifted).toEqual([]);
  });

  it('the rules run one way: a part may import only parts of a lower layer (analysis ← drafting ← queue ← integrations ← http, cli)', () => {
    const upward: string[] = [];
    for (const [part, { layer, allowed }] of table) {
      if (allowed === 'anything') continue;
      for (const target of allowed) {
        const below = table.get(target);
        if (!below || below.layer >= layer) upward.push(`${part} (layer ${layer}) may import ${target} (layer ${below?.layer ?? 'none'})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("no file imports the analysis thread's entry at run time (its import loads a whole engine: the main thread once did, 1 s of start-up)", () => {
    const entry = join(SRC, 'analysis-pool/analysis-thread.ts');
    const importers = [...graphOf(true)].filter(([, targets]) => targets.includes(entry)).map(([file]) => relative(SRC, file));
    expect(importers).toEqual([]);
  });

  it('no import cycle between files', () => {
    const cycles = cyclesOf(graphOf(true)).map((cycle) => cycle.map((f) => relative(SRC, f)).join(' → '));
    expect(cycles).toEqual([]);
  });
});

/** Strongly connected components of more than one node (Tarjan), or a node importing itself. */
function cyclesOf(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) cycles.push(component.reverse());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
