/**
 * Where consultations go instead of records.consultations, so that a month of a million is never held (score
 * and validate). Each file's rows go to a part of their own, which ends as plain data: a worker thread reads
 * a file into a part of a sink built from the same spec and posts that data back, and the sink of the main
 * thread merges every file's in file order. The loader still checks the streamed rows' staff names against
 * the staff list (which may come in a later file) from the row numbers it keeps per name.
 */
import type { Consultation } from './declarations.js';

export interface ConsultationSink {
  /** How a worker thread builds the same sink. */
  readonly spec: SinkSpec;
  /** A part for one file's rows. */
  part(): ConsultationPart;
  /** A part's data, each file's in file order; a file that failed gives none. */
  merge(data: unknown): void;
  /** After loading: the names whose consultations were excluded as unknown-staff; drop what came from them. */
  exclude(names: ReadonlySet<string>): void;
}

export interface ConsultationPart {
  add(c: Consultation): void;
  /** Every row of the file is in: what they add up to, as plain (cloneable) data. */
  done(): unknown;
}

/** A module (by URL) that exports `consultationSink(options)`, and the plain-data options to pass it. */
export interface SinkSpec {
  module: string;
  options: unknown;
}

/** validate reports the consultations' problems; it never needs their records. */
export const DISCARD_CONSULTATIONS: ConsultationSink = {
  spec: { module: import.meta.url, options: null },
  part: () => ({ add() {}, done: () => null }),
  merge() {},
  exclude() {},
};

export const consultationSink = (): ConsultationSink => DISCARD_CONSULTATIONS;
