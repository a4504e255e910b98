/** Loads the regulation file for the commands (wired to src/regulation once it lands). */
import type { CommonOptions, DataSettings } from './context.js';

export async function dataSettings(_opts: CommonOptions): Promise<DataSettings> {
  return {};
}
