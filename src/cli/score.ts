import type { CommonOptions } from './context.js';

export async function scoreCommand(_opts: CommonOptions): Promise<number> {
  throw new Error('not wired yet');
}
