/** A batch worker thread: loads the engine once (kuromoji takes ~1.5 s and ~400 MB), then triages task after task. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalysisEngine } from '../../analysis/analyze.js';
import { loadDrafting } from '../../drafting/drafting.js';
import type { WorkerData, WorkerMessage } from './pool.js';
import { triageTask, type BatchTask } from './task.js';

const port = parentPort!;
const { dictionariesDir, now } = workerData as WorkerData;

try {
  const engine = await loadAnalysisEngine({ dictionariesDir });
  const drafting = loadDrafting(engine.dictionaries);
  const at = new Date(now);
  port.on('message', (task: BatchTask) => {
    void triageTask(engine, drafting, task, at).then((outcome) => port.postMessage({ type: 'done', outcome } satisfies WorkerMessage));
  });
  const scenarioLabels = [...drafting.manual.templates.scenarios].map(([kind, template]): [string, string] => [kind, template.label]);
  port.postMessage({ type: 'ready', dictionaryVersion: engine.dictionaries.version, scenarioLabels } satisfies WorkerMessage);
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
}
