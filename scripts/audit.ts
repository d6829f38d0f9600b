/**
 * `npm run audit`: `npm audit --omit=dev`; a high or critical advisory fails it (exit 1).
 *
 * Some registries and proxies do not serve npm's audit endpoint (the machines ondo was built on
 * answer 405). Then the script says so, exits 2 — an audit that did not run is not a pass — and
 * reports what package metadata alone can tell: production packages their authors deprecated, and
 * packages behind the newest release of their own major line (where security fixes ship).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface AuditReport {
  /** What went wrong when the audit endpoint refused the request (npm 11). */
  message?: string;
  error?: { summary?: string };
  metadata?: { vulnerabilities: Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number> };
}

interface Packument {
  versions?: Record<string, { deprecated?: string }>;
}

const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
const report = parseReport(audit.stdout);
if (report?.metadata) {
  const found = report.metadata.vulnerabilities;
  console.log(
    `npm audit --omit=dev: ${Object.entries(found)
      .map(([level, n]) => `${n} ${level}`)
      .join(', ')}`,
  );
  process.exit(found.high + found.critical > 0 ? 1 : 0);
}

const reason =
  report?.message ||
  report?.error?.summary ||
  audit.stderr
    .trim()
    .split('\n')
    .find((line) => line.includes('audit')) ||
  `npm exited ${audit.status}`;
console.log(
  `npm audit could not run: ${reason}\nChecking production packages against registry metadata instead (this is not an advisory audit).\n`,
);
const outcome = await metadataCheck();
console.log(
  `${outcome.checked} production packages: ${outcome.deprecated.length} deprecated, ${outcome.behind.length} behind the newest release of their major line, ${outcome.unreadable.length} unreadable`,
);
for (const line of outcome.deprecated) console.log(`  deprecated  ${line}`);
for (const line of outcome.behind) console.log(`  behind      ${line}`);
for (const line of outcome.unreadable) console.log(`  unreadable  ${line}`);
process.exit(2);

function parseReport(stdout: string): AuditReport | undefined {
  try {
    return JSON.parse(stdout) as AuditReport;
  } catch {
    return undefined;
  }
}

/** Production packages from package-lock.json, as installed (name → versions). */
function productionPackages(): Map<string, Set<string>> {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { version?: string; name?: string; dev?: boolean; devOptional?: boolean }>;
  };
  const packages = new Map<string, Set<string>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || entry.dev || entry.devOptional || !entry.version) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages.set(name, (packages.get(name) ?? new Set()).add(entry.version));
  }
  return packages;
}

/** [major, minor, patch] of a plain release, undefined for prereleases. */
function release(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** The newest release a caret range on `version` would take: same major, or same minor below 1.0. */
function newestInLine(version: string, published: string[]): string | undefined {
  const base = release(version);
  if (!base) return undefined;
  const sameLine = published
    .map((v) => [v, release(v)] as const)
    .filter(
      (entry): entry is readonly [string, [number, number, number]] =>
        entry[1] !== undefined && entry[1][0] === base[0] && (base[0] > 0 || entry[1][1] === base[1]),
    );
  sameLine.sort(([, a], [, b]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return sameLine.at(-1)?.[0];
}

async function metadataCheck() {
  const registry = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout.trim().replace(/\/$/, '');
  const packages = [...productionPackages()];
  const deprecated: string[] = [];
  const behind: string[] = [];
  const unreadable: string[] = [];
  const inspect = async ([name, versions]: [string, Set<string>]) => {
    const response = await fetch(`${registry}/${name.replace('/', '%2f')}`).catch(() => undefined);
    if (!response?.ok) return void unreadable.push(`${name} (${response?.status ?? 'no answer'})`);
    const packument = (await response.json()) as Packument;
    const published = Object.keys(packument.versions ?? {});
    for (const version of versions) {
      const note = packument.versions?.[version]?.deprecated;
      if (note) deprecated.push(`${name}@${version}: ${note}`);
      const newest = newestInLine(version, published);
      if (newest && newest !== version) behind.push(`${name} ${version} → ${newest}`);
    }
  };
  // A few requests at a time: polite to the registry, quick enough for a couple of hundred packages.
  for (let i = 0; i < packages.length; i += 8) await Promise.all(packages.slice(i, i + 8).map(inspect));
  return { checked: packages.length, deprecated, behind, unreadable };
}
