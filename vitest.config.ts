import { defineConfig } from 'vitest/config';

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
    include: ['test/**/*.test.ts'],
    // The JSON report is what .ci/run counts from.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
