import type { CommonOptions } from './context.js';

export async function closeCommand(_opts: CommonOptions): Promise<number> {
  throw new Error('not wired yet');
}
