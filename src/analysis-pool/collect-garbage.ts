/**
 * One full garbage collection of this thread's isolate. An analysis thread ends its load with one:
 * compiling the manual leaves ≈ 50 MB of garbage beside ≈ 25 MB that stays, and V8 sets the next
 * collection's threshold from what the last one kept, so a collection that happens to run mid-load
 * (≈ 70 MB live) let the thread grow well past 100 MB before its next one — the ≈ 50 MB more RSS once
 * warm that session 9 measured came from where that collection fell, not from memory kept.
 *
 * A worker thread cannot be started with --expose-gc (V8 flags are per process), so the flag is
 * set here and `gc` taken from a new context, as Jest does; the flag stays set (setting it back while
 * another thread takes its `gc` would race), which only gives later new contexts a `gc` global.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
