/**
 * Runs of each property test: 300 by default (fast-check's own default is 100); FC_NUM_RUNS=5000 npm test searches
 * harder before a release.
 */
export const PROPERTY_RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
