/**
 * Where consultations go instead of records.consultations, so that a month of a million is never held (score
 * and validate). Each file's rows go to a part of their own, which ends as plain data: a worker thread reads
 * a file into a part of a sink built from the same spec and posts that data back, and the sink of the main
 * thread merges every file's in file order. The loader still checks the streamed rows' staff names against
 * the staff list (which may come in a later file) from the row numbers it keeps per name.
 */
import type { PassSpec } from '../score/passes.js';
import type { Consultation } from './declarations.js';

/** `Partial`: what a part adds up to (src/score/passes.ts declares each pass's). */
export interface ConsultationSink<Partial = unknown> {
  /** How a worker thread builds the same sink (src/score/passes.ts). */
  readonly spec: PassSpec;
  /** A part for one file's rows. */
  part(): ConsultationPart<Partial>;
  /** A part's result, each file's in file order; a file that failed gives none. */
  merge(part: Partial): void;
  /** After loading: the names whose consultations were excluded as unknown-staff; drop what came from them. */
  exclude(names: ReadonlySet<string>): void;
}

export interface ConsultationPart<Partial = unknown> {
  add(c: Consultation): void;
  /** Every row of the file is in: what they add up to, as plain (cloneable) data. */
  done(): Partial;
}

/** validate reports the consultations' problems; it never needs their records. */
export const DISCARD_CONSULTATIONS: ConsultationSink<null> = {
  spec: { pass: 'discard', options: null },
  part: () => ({ add() {}, done: () => null }),
  merge() {},
  exclude() {},
};
