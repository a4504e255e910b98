// placeholder: being written (loadData)
import type { Issue } from '../core/issues.js';
import type { LogKey, Records } from './declarations.js';

export interface TableInfo {
  file: string;
  sheet: string;
  log: LogKey;
  /** Data rows read (blank and total rows not included), used or excluded. */
  rows: number;
  excluded: number;
}

export interface Dataset {
  tables: TableInfo[];
  records: Records;
  issues: Issue[];
}
