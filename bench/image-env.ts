/**
 * The environment the Docker image gives ondo's processes (the final stage's ENV lines), so a bench
 * measures the API as it is shipped: MALLOC_ARENA_MAX among them changes its memory by ≈ 50 MB.
 */
import { readFileSync } from 'node:fs';

export function imageEnvironment(dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8')): Record<string, string> {
  const finalStage = dockerfile.split(/^FROM\s/m).pop()!;
  const env: Record<string, string> = {};
  for (const [, assignments] of finalStage.matchAll(/^ENV\s+(.+)$/gm)) {
    for (const [, name, value] of assignments!.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[name!] = value!;
  }
  return env;
}
