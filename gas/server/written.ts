/**
 * What the add-in last wrote where finding out what is there costs calls (a chart's data range can only be read back
 * through one Range call per chart): its spec, kept in DocumentProperties by chart id. A refresh whose spec is the
 * one recorded for that chart leaves the chart alone (it reads its cells, which the refresh rewrote), so an unchanged
 * dashboard costs one getCharts instead of an updateChart (and a dozen builder calls) per chart. Entries are recorded
 * only once a whole apply has succeeded; anything not recorded, or recorded differently, is written as before.
 */
import { hash32 } from '../../core/ids';

const KEY = 'okrGrid.written';

/** The record's key for a sheet a successful apply wrote (noted true) or deleted (forgotten): see byNameEnough. */
export const sheetKey = (name: string) => `sheet ${name}`;
/** A property value holds at most 9 kB: past this the record keeps only the last apply's entries. */
const MAX_CHARS = 8000;

/** The record keeps a hash of each spec, not the spec, so it stays small (32 bits: it is only compared per key). */
export class WrittenRecord {
  private was: Record<string, string> | null = null;
  private changes: Record<string, string | null> = {};

  private load(): Record<string, string> {
    if (!this.was) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(PropertiesService.getDocumentProperties().getProperty(KEY) || 'null');
      } catch {
        parsed = null;
      }
      this.was =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    }
    return this.was;
  }

  /** Whether `key` was recorded with exactly `spec` (any JSON-able value) by an earlier successful apply. */
  same(key: string, spec: unknown): boolean {
    return this.load()[key] === hash32(JSON.stringify(spec));
  }

  /** Records `spec` for `key` (or with null forgets `key`) once the apply succeeds. */
  note(key: string, spec: unknown): void {
    this.changes[key] = spec === null ? null : hash32(JSON.stringify(spec));
  }

  /** After the apply succeeded: the changes saved. A record that cannot be saved only costs the next run its calls. */
  commit(): void {
    if (!Object.keys(this.changes).length) return;
    try {
      const next = { ...this.load() };
      for (const [k, v] of Object.entries(this.changes)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      let text = JSON.stringify(next);
      if (text === JSON.stringify(this.load())) return;
      if (text.length > MAX_CHARS)
        text = JSON.stringify(Object.fromEntries(Object.entries(this.changes).filter(([, v]) => v !== null)));
      PropertiesService.getDocumentProperties().setProperty(KEY, text);
    } catch {
      // Nothing to undo: the spreadsheet is as planned either way.
    }
  }
}
