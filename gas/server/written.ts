/**
 * What the add-in last wrote where finding out what is there costs calls (a chart's data range can only be read back
 * through one Range call per chart): its spec, kept in DocumentProperties by chart id. A refresh whose spec is the
 * one recorded for that chart leaves the chart alone (it reads its cells, which the refresh rewrote), so an unchanged
 * dashboard costs one getCharts instead of an updateChart (and a dozen builder calls) per chart. Entries are recorded
 * only once a whole apply has succeeded; anything not recorded, or recorded differently, is written as before.
 */
const KEY = 'okrGrid.written';
/** A property value holds at most 9 kB: past this the record keeps only the last apply's entries. */
const MAX_CHARS = 8000;

/** A 53-bit hash of `text` (cyrb53): the record keeps these, not the specs, so it stays small. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

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
    return this.load()[key] === fingerprint(JSON.stringify(spec));
  }

  /** Records `spec` for `key` (or with null forgets `key`) once the apply succeeds. */
  note(key: string, spec: unknown): void {
    this.changes[key] = spec === null ? null : fingerprint(JSON.stringify(spec));
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
