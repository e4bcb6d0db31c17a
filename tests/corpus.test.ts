/**
 * The real-world corpus (tests/fixtures/real): every sheet must read as the person-written expectation beside it.
 * Sheets the reader still misreads are in the ledger known-misreads.ts; the test asserts they STILL misread, so a
 * reader change that fixes one fails here until it is removed from the ledger (issue 10's goal: an empty ledger).
 */
import { REAL_SHEETS } from './fixtures/real';
import { compareReading } from './fixtures/real/compare';
import { KNOWN_MISREADS } from './fixtures/real/known-misreads';
import { readReal } from './fixtures/real/read';
import { REQUIRED_CLASSES } from './fixtures/real/types';

describe('real-world corpus', () => {
  it('holds at least 30 sheets with unique ids, English and Chinese', () => {
    expect(REAL_SHEETS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(REAL_SHEETS.map((s) => s.id)).size).toBe(REAL_SHEETS.length);
    expect(REAL_SHEETS.some((s) => s.lang === 'zh')).toBe(true);
    expect(REAL_SHEETS.some((s) => s.lang === 'en')).toBe(true);
  });

  it.each([...REQUIRED_CLASSES])('covers layout class %s', (cls) => {
    expect(REAL_SHEETS.filter((s) => (s.layoutClass as string[]).includes(cls)).map((s) => s.id)).not.toEqual([]);
  });

  it('every sheet names its source and expects at least one objective', () => {
    for (const s of REAL_SHEETS) {
      expect(s.source.url).toMatch(/^(https?:\/\/|github:)/);
      expect(s.source.what.length).toBeGreaterThan(10);
      expect(s.expect.objectives.length).toBeGreaterThan(0);
      if (s.expect.form === 'table') expect(s.expect.headerRow).toBeDefined();
    }
  });

  it('the ledger names only corpus sheets', () => {
    const ids = new Set(REAL_SHEETS.map((s) => s.id));
    expect(KNOWN_MISREADS.filter((id) => !ids.has(id))).toEqual([]);
  });

  const cases = REAL_SHEETS.map((s) => [s.id, s] as const);
  it.each(cases)('%s reads as a person reads it', (id, sheet) => {
    const { differences } = compareReading(readReal(sheet), sheet.expect);
    if (KNOWN_MISREADS.includes(id)) {
      // Still misread: when this fails, the reader got it right; remove the id from known-misreads.ts.
      expect(differences.length).toBeGreaterThan(0);
    } else {
      expect(differences).toEqual([]);
    }
  });
});
