/**
 * The consultation passes a reading thread can build (src/logs/worker.ts), by name: each with its options (plain
 * data, posted to the thread) and its part's result (plain data, posted back and merged in file order).
 */
import type { ConsultationSink } from '../logs/sink.js';
import type { YearPartial, YearPassOptions } from './annual.js';
import type { ConsultationPartial, MonthPassOptions } from './consultations.js';

export interface Passes {
  /** validate's: the consultations are checked and dropped. */
  discard: { options: null; partial: null };
  /** score's: one month (ConsultationPass). */
  month: { options: MonthPassOptions; partial: ConsultationPartial };
  /** annual's: the twelve months of a year (YearPass). */
  year: { options: YearPassOptions; partial: YearPartial };
}

export type PassName = keyof Passes;

/** How a thread builds the same pass as this one: its name and options. */
export type PassSpec<K extends PassName = PassName> = { [P in K]: { pass: P; options: Passes[P]['options'] } }[K];

type PassSink<K extends PassName> = ConsultationSink<Passes[K]['partial']>;

/** Loaded on demand: a thread imports only the pass it builds. */
const BUILDERS: { [K in PassName]: () => Promise<(options: Passes[K]['options']) => PassSink<K>> } = {
  discard: async () => {
    const { DISCARD_CONSULTATIONS } = await import('../logs/sink.js');
    return () => DISCARD_CONSULTATIONS;
  },
  month: async () => (await import('./consultations.js')).monthPass,
  year: async () => (await import('./annual.js')).yearPass,
};

export async function buildPass<K extends PassName>(spec: PassSpec<K>): Promise<PassSink<K>> {
  const build = await BUILDERS[spec.pass]();
  return build(spec.options);
}
