export { DEFAULT_REGULATION_PATH, incidentRulesOf, loadRegulation, parseRegulation } from './load.js';
export { DEFAULT_HOURS } from './schema.js';
export type { ColumnAliases, DayWindow, Hours, Points, Regulation, RuleSetting } from './types.js';
export { ConfigFileError, type ConfigProblem } from './yaml-file.js';
