/**
 * ecops as a library (docs/api.md): each command of the CLI as a function that takes the command's options and
 * returns what its `--json` prints. Nothing is printed; a problem that stops a command is thrown as a UsageError
 * (StrictError for `strict`), with its message in Chinese and English and the CLI's exit status.
 */
export { validate, type ValidateInput, type ValidateOutput } from './api/validate.js';
export { score, type ScoreInput, type ScoreJson, type ScoreOutput } from './api/score.js';
export { reconcile, type ReconcileInput, type ReconcileOutput } from './api/reconcile.js';
export { close, type CloseInput, type CloseOutput } from './api/close.js';
export { stock, type StockInput, type StockOutput } from './api/stock.js';
export { annual, type AnnualInput, type AnnualOutput } from './api/annual.js';
export { inspect, inspectCells, type InspectInput, type InspectOutput } from './api/inspect.js';
export type { DataOptions, OutputOptions } from './api/inputs.js';
export type { FileProgress } from './logs/load.js';
export type { IssueJson } from './core/issues.js';
export type { Bilingual, Lang } from './core/lang.js';
export { StrictError, UsageError } from './core/issues.js';
