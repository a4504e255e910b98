// Test-only entry point: writes a big file slowly through ecops's atomic writer (dist/output/files.js), saying
// "writing" on stdout once it is part-way, so a test can SIGKILL it mid-write. Usage: node slow-writer.mjs TARGET
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeAtomically } from '../../dist/output/files.js';

const [target] = process.argv.slice(2);
await writeAtomically(target, async (tmp) => {
  const fh = await open(tmp, 'w');
  try {
    for (let i = 0; i < 10_000; i++) {
      await fh.write(Buffer.alloc(64 * 1024, 0x4e));
      if (i === 8) process.stdout.write('writing\n');
      await sleep(5);
    }
  } finally {
    await fh.close();
  }
});
