/**
 * A full garbage collection, asked for between the phases of a long job that each make and drop a few hundred MB
 * (annual's months): V8 collects only when the heap has grown by half over what was live at the last collection,
 * so one phase's garbage would otherwise still be held while the next phase's is made (a year's peak 1.25 GB →
 * under 1 GB, bench/README.md). A collection of annual's ~150 MB live heap takes ~0.2 s.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  // V8 puts `gc` on the global object of contexts made after the flag is set (the way Node's own tests reach it).
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
