/** The regulation file of `--rules` (or the default one), and what the data layer needs of it. */
import { incidentRulesOf, loadRegulation, type Regulation } from '../regulation/index.js';
import type { CommonOptions, DataSettings } from './context.js';

export function regulationOf(opts: CommonOptions): Regulation {
  return opts.rules ? loadRegulation(opts.rules) : loadRegulation();
}

export async function dataSettings(opts: CommonOptions, regulation = regulationOf(opts)): Promise<DataSettings> {
  return { aliases: regulation.columns, incidentRules: incidentRulesOf(regulation) };
}
