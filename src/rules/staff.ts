/** Lookups over the staff list (docs/inputs.md#staff): who is active on a day, roles, direct supervisors. */
import { compareSource } from '../core/issues.js';
import { startOfDay, type Wall } from '../core/time.js';
import type { StaffRecord } from '../logs/declarations.js';

export type Role = StaffRecord['role'];

export class StaffDirectory {
  /** The staff list in source order (file, sheet, row). */
  readonly list: readonly StaffRecord[];
  private readonly byName = new Map<string, StaffRecord>();
  private readonly activeMemo = new Map<string, readonly StaffRecord[]>();

  constructor(staff: readonly StaffRecord[]) {
    this.list = [...staff].sort((a, b) => compareSource(a.source, b.source));
    for (const s of this.list) if (!this.byName.has(s.name)) this.byName.set(s.name, s);
  }

  get(name: string): StaffRecord | undefined {
    return this.byName.get(name);
  }

  roleOf(name: string): Role | undefined {
    return this.byName.get(name)?.role;
  }

  supervisorOf(name: string): string | undefined {
    return this.byName.get(name)?.supervisor || undefined;
  }

  /** active_from ≤ day ≤ active_to, either bound may be blank. */
  isActiveOn(person: StaffRecord | string, t: Wall): boolean {
    const s = typeof person === 'string' ? this.byName.get(person) : person;
    if (!s) return false;
    const day = startOfDay(t);
    return (s.active_from === undefined || s.active_from <= day) && (s.active_to === undefined || day <= s.active_to);
  }

  /** Active on any day of [start, end]. */
  isActiveIn(s: StaffRecord, start: Wall, end: Wall): boolean {
    return (s.active_from === undefined || s.active_from <= end) && (s.active_to === undefined || startOfDay(start) <= s.active_to);
  }

  /** The people of a role active on t's day, in list order (memoised per role and day). */
  activeOn(role: Role, t: Wall): readonly StaffRecord[] {
    const key = `${role}\u0000${startOfDay(t)}`;
    let out = this.activeMemo.get(key);
    if (!out) {
      out = this.list.filter((s) => s.role === role && this.isActiveOn(s, t));
      this.activeMemo.set(key, out);
    }
    return out;
  }

  activeIn(start: Wall, end: Wall): StaffRecord[] {
    return this.list.filter((s) => this.isActiveIn(s, start, end));
  }
}
