import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Processes, not threads: a test may set process.env.TZ, which is the whole process's.
    pool: 'forks',
    // Test files share their process and its loaded modules (exceljs, the CLI in test/helpers/cli.ts) instead
    // of loading them afresh for each of the 60 files; no test mocks modules or leaves global state behind.
    isolate: false,
    // vitest's default leaves one of two cores idle; the CLI runs in-process, in a worker thread of each fork.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'tests', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/corpus/**'] } },
      // The bad-input corpus times some of its cases: it runs last, alone, so that no other file shares the CPU.
      { extends: true, test: { name: 'corpus', include: ['test/corpus/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
    // The JSON report is what .ci/run counts from.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
