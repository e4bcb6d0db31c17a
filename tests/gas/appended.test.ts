/**
 * Issue 13, item 1: on a user's sheet the add-in changes no width of a column that was there (Sheets reads widths one
 * column at a time: each would cost a call for the undo), and reads nothing for the undo in the rows and columns a
 * command appended (the undo deletes them). Through the BUILT bundle: the user's widths stay, appended columns get the
 * plan's widths, and a failure at every write of such a convert puts the sheet back exactly.
 */
import * as fx from '../../fixtures/sheets';
import type { FakeSheet } from '../fakes/spreadsheet-app';
import { loadProject, plain, type LoadedProject } from './harness';

const NAME = 'Team';
/** Calls that change the spreadsheet (as in the fault table). */
const WRITE = /^(Range|Sheet|Spreadsheet|Banding)\.(set|insert|update|delete|clear|apply|remove|hide|activate)/;

const grid = fx.generatedTable(20);
const width = grid[0].length;

/** The user's sheet; `tight`: its grid ends at its last column (Sheets' own sheets have 26). */
function project(tight: boolean): LoadedProject {
  const p = loadProject({ evaluate: undefined }, (b) => {
    const s = b.addSheet(NAME, grid);
    // The user's own widths (0-based columns), on their last column and, when there is room, the empty ones after it.
    s.widths = tight ? { [width - 1]: 180 } : { [width - 1]: 180, [width]: 150, [width + 1]: 60 };
    if (tight) s.maxCols = width;
  });
  p.book.active = p.book.sheet(NAME);
  return p;
}

const convert = (p: LoadedProject) => plain(p.call('panelRun', 'convert')) as { ok: boolean; summary: { en: string } };
const state = (s: FakeSheet) => plain(s.state());

test('a column that was there keeps its width: none read, none set', () => {
  const p = project(false);
  p.book.log.reset();
  expect(convert(p).ok).toBe(true);
  const s = p.book.sheet(NAME);
  expect(s.maxCols).toBe(26);
  expect(s.widths).toEqual({ [width - 1]: 180, [width]: 150, [width + 1]: 60 });
  expect([p.book.log.count('Sheet.getColumnWidth'), p.book.log.count('Sheet.setColumnWidths')]).toEqual([0, 0]);
});

test('columns convert appends get the plan’s widths, without a width read', () => {
  const p = project(true);
  p.book.log.reset();
  expect(convert(p).ok).toBe(true);
  const s = p.book.sheet(NAME);
  expect(s.maxCols).toBeGreaterThan(width);
  expect(p.book.log.count('Sheet.insertColumnsAfter')).toBe(1);
  expect(p.book.log.count('Sheet.getColumnWidth')).toBe(0);
  // The owned Score column (90 px in the plan) among the appended ones; the user's last column as it was.
  const header = s.grid[0].map((c) => c.value);
  expect(header.indexOf('OKR Score')).toBeGreaterThanOrEqual(width);
  expect(s.widths[header.indexOf('OKR Score')]).toBe(90);
  expect(s.widths[width - 1]).toBe(180);
  // Nothing read for the undo in the appended columns: no header style, number formats or dropdowns read there.
  expect(p.book.log.count('Range.getTextStyles')).toBe(0);
});

test('a failure at each write of a convert that appends columns puts the sheet back exactly', () => {
  const probe = project(true);
  probe.book.log.trace = [];
  expect(convert(probe).ok).toBe(true);
  const seen: Record<string, number> = {};
  const writes: { method: string; nth: number }[] = [];
  for (const m of probe.book.log.trace) {
    seen[m] = (seen[m] ?? 0) + 1;
    if (WRITE.test(m)) writes.push({ method: m, nth: seen[m] });
  }
  expect(writes.map((w) => w.method)).toEqual(expect.arrayContaining(['Sheet.setColumnWidths']));
  const failures: string[] = [];
  for (const w of writes) {
    const p = project(true);
    const before = state(p.book.sheet(NAME));
    p.book.log.failOn(w);
    const res = convert(p);
    const back =
      !res.ok &&
      /put back/.test(res.summary.en) &&
      JSON.stringify(state(p.book.sheet(NAME))) === JSON.stringify(before);
    if (!back) failures.push(`${w.method} #${w.nth}: ${res.ok ? 'reported success' : res.summary.en}`);
  }
  expect(failures).toEqual([]);
});
