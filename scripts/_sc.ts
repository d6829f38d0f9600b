import { readFileSync } from 'node:fs';
import { loadAnalysisEngine } from '../src/analysis/analyze.js';
import { loadDrafting } from '../src/drafting/drafting.js';
import { triage } from '../src/drafting/triage.js';
const engine = await loadAnalysisEngine();
const drafting = loadDrafting(engine.dictionaries);
for (const line of readFileSync(process.argv[2]!, 'utf8').split('\n').filter(Boolean)) {
  const m = JSON.parse(line);
  const r = triage(engine, drafting, { subject: m.subject, body: m.body });
  console.log(m.id, m.part, m.scenario ?? '', r.scenario.primary, m.level, '→', r.tone.level);
}
