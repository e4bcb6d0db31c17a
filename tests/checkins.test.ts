/**
 * Check-ins in core: the log keyed by (cycle, KR, date), the findings read from it, the dashboard's numbers and charts,
 * and the restore of a dashboard. Expected values follow from the fixture's documented facts and the domain rules.
 */
import { editChecksIn, restorePlan, runCommand } from '../core/commands';
import { DEFAULT_SETTINGS, resolveSettings } from '../core/settings';
import { applyPlan, bookFromSnapshot, canonicalBook, workbookSnapshot, type SimBook } from './simulate';
import { CHECKIN_SHEET, readLog } from '../core/checkins';
import { CHART_NAMES, DASHBOARD_SHEET, DATA_ROW, SECTION_COL } from '../core/dashboard';
import { isoToSerial } from '../core/values';
import { englishTable, snapshotOf } from '../fixtures/sheets';
import { readsFor, type CommandName } from '../core/commands';

const EN = 'Q4 OKRs';
const S = DEFAULT_SETTINGS;

function book(grid = englishTable): SimBook {
  return bookFromSnapshot({
    host: 'sheets',
    active: snapshotOf(EN, grid),
    sheetNames: [EN],
    others: {},
    today: '2026-10-05',
  });
}

function run(
  b: SimBook,
  cmd: CommandName,
  today: string,
  settings = S,
): { b: SimBook; res: ReturnType<typeof runCommand> } {
  const snap = workbookSnapshot({ ...b, today }, EN, readsFor(cmd, settings));
  const res = runCommand(cmd, snap, settings);
  return { b: res.ok ? applyPlan({ ...b, today }, res.plan) : b, res };
}

const logOf = (b: SimBook, name = CHECKIN_SHEET.en) =>
  readLog(workbookSnapshot(b, name, { formulas: true, notes: false, backgrounds: false, others: [] }).active);
const sheet = (b: SimBook, name: string) => b.sheets.find((s) => s.name === name)!;

/** Sets the Current cell of a fixture KR row (englishTable: Current is column J = 9, Confidence N = 13). */
function edit(b: SimBook, row: number, col: number, v: unknown): SimBook {
  const out = structuredClone(b);
  sheet(out, EN).values[row][col] = v;
  return out;
}

describe('the check-in log', () => {
  test('two check-ins on different days give two rows per KR; the same day again updates them, never duplicates', () => {
    let b = book();
    b = run(b, 'checkin', '2026-10-05').b;
    expect(logOf(b).rows).toHaveLength(7);
    b = run(edit(b, 4, 9, 0.22), 'checkin', '2026-10-12').b;
    const log = logOf(b);
    expect(log.rows).toHaveLength(14);
    const kr101 = log.rows.filter((r) => r.krId === 'KR-101');
    expect(kr101.map((r) => r.date)).toEqual([isoToSerial('2026-10-05'), isoToSerial('2026-10-12')]);
    expect(kr101.map((r) => r.current)).toEqual([0.21, 0.22]);
    // (0.22 - 0.18) / (0.25 - 0.18)
    expect(kr101[1].score).toBeCloseTo(0.04 / 0.07, 4);

    const first = structuredClone(sheet(b, CHECKIN_SHEET.en).values.slice(0, 8));
    const again = run(edit(b, 4, 9, 0.23), 'checkin', '2026-10-12');
    expect(again.res.summary.en).toMatch(/0 new rows, 7 updated/);
    const after = logOf(again.b);
    expect(after.rows).toHaveLength(14);
    expect(after.rows.filter((r) => r.krId === 'KR-101').map((r) => r.current)).toEqual([0.21, 0.23]);
    // Earlier days are never rewritten: no write block reaches the first day's rows.
    const logPlan = again.res.plan.sheets.find((s) => s.sheet === CHECKIN_SHEET.en)!;
    for (const w of logPlan.writes) expect(w.row).toBeGreaterThanOrEqual(8);
    expect(sheet(again.b, CHECKIN_SHEET.en).values.slice(0, 8)).toEqual(first);
  });

  test('the log is keyed by cycle: the same KR and date in another cycle is another row', () => {
    // Without the title line the sheet names no cycle, so its objectives belong to whichever cycle is checked in.
    const untitled = englishTable.map((r, i) => (i === 0 ? r.map(() => '') : r));
    let b = run(book(untitled), 'checkin', '2026-10-05').b;
    b = run(b, 'checkin', '2026-10-05', resolveSettings({ cycle: '2027-Q1' })).b;
    const rows = logOf(b).rows;
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((r) => r.cycle))).toEqual(new Set(['2026-Q4', '2027-Q1']));
  });

  test('Chinese: the log and the dashboard get Chinese names and headers', () => {
    const zh = resolveSettings({ lang: 'zh' });
    const { b, res } = run(book(), 'checkin', '2026-10-05', zh);
    expect(res.ok).toBe(true);
    expect(sheet(b, CHECKIN_SHEET.zh).values[0].slice(0, 3)).toEqual(['周期', '关键结果编号', '日期']);
    expect(sheet(b, DASHBOARD_SHEET.zh)).toBeDefined();
    expect(res.summary.zh).toMatch(/新增 7 行/);
  });

  test('an edit of Current or Confidence below a converted header records a check-in; other columns do not', () => {
    const conv = run(book(), 'convert', '2026-10-05').b;
    const header = workbookSnapshot(conv, EN, { formulas: false, notes: false, backgrounds: false, others: [] }).active;
    header.values = header.values.slice(0, 12);
    expect(editChecksIn(header, { row: 4, col: 9, rows: 1, cols: 1 })).toBe(true); // Current
    expect(editChecksIn(header, { row: 4, col: 13, rows: 1, cols: 1 })).toBe(true); // Confidence
    expect(editChecksIn(header, { row: 4, col: 4, rows: 1, cols: 1 })).toBe(false); // the KR's title
    expect(editChecksIn(header, { row: 2, col: 9, rows: 1, cols: 1 })).toBe(false); // the header itself
    // Not converted: no owned block, no check-in.
    const plain = workbookSnapshot(book(), EN, {
      formulas: false,
      notes: false,
      backgrounds: false,
      others: [],
    }).active;
    expect(editChecksIn(plain, { row: 4, col: 9, rows: 1, cols: 1 })).toBe(false);
  });
});

describe('findings from the log', () => {
  const rulesOf = (b: SimBook, today: string) =>
    (
      run(b, 'validate', today).res.details as {
        findings: { rule: string; row: number; col: number; message: { en: string } }[];
      }
    ).findings;

  test('confidence fell at two check-ins in a row (KR-101 High -> Medium -> Low), on its Confidence cell', () => {
    let b = run(book(), 'checkin', '2026-10-05').b;
    b = run(edit(b, 4, 13, 'Medium'), 'checkin', '2026-10-12').b;
    expect(rulesOf(b, '2026-10-13').filter((f) => f.rule === 'confidence-falling')).toEqual([]);
    b = run(edit(b, 4, 13, 'Low'), 'checkin', '2026-10-19').b;
    const f = rulesOf(b, '2026-10-20').filter((x) => x.rule === 'confidence-falling');
    expect(f).toHaveLength(1);
    expect([f[0].row, f[0].col]).toEqual([4, 13]);
    expect(f[0].message.en).toMatch(/High \(2026-10-05\) → Medium \(2026-10-12\) → Low \(2026-10-19\)/);
  });

  test('a value that moved the wrong way: the decreasing refund rate went up', () => {
    let b = run(book(), 'checkin', '2026-10-05').b;
    b = run(edit(b, 5, 9, 0.045), 'checkin', '2026-10-12').b;
    const f = rulesOf(b, '2026-10-13').filter((x) => x.rule === 'value-wrong-way');
    expect(f.map((x) => [x.row, x.col])).toEqual([[5, 9]]);
    expect(f[0].message.en).toMatch(/0\.04 on 2026-10-05, 0\.045 on 2026-10-12/);
  });

  test('no check-in for more than 14 days; exactly 14 is not yet', () => {
    const b = run(book(), 'checkin', '2026-10-05').b;
    expect(rulesOf(b, '2026-10-19').filter((x) => x.rule === 'no-checkin')).toEqual([]);
    const late = rulesOf(b, '2026-10-20').filter((x) => x.rule === 'no-checkin');
    // KR-103 (4.9 >= 4.8) and KR-104 (Done) score 1: nothing to check in for.
    expect(late.map((x) => x.row).sort((a, b) => a - b)).toEqual([4, 5, 10, 11, 12]);
    expect(late[0].message.en).toMatch(/No check-in for 15 days/);
  });
});

describe('the dashboard', () => {
  test('cells the charts read, and charts over exactly those ranges', () => {
    let b = run(book(), 'checkin', '2026-10-05').b;
    const { b: b2, res } = run(edit(b, 4, 9, 0.24), 'checkin', '2026-10-12');
    b = b2;
    const dash = res.plan.sheets.find((s) => s.sheet === DASHBOARD_SHEET.en)!;
    const d = sheet(b, DASHBOARD_SHEET.en);
    // Objectives: O-100 (0.4*(0.06/0.07) + 0.3*0.5 + 0.2 + 0.1) and O-200; one band column filled per row.
    const o100 = 0.4 * (0.06 / 0.07) + 0.3 * 0.5 + 0.2 * 1 + 0.1 * 1;
    expect(d.values[DATA_ROW + 1][0]).toBe('Grow repeat purchases in our Taobao store');
    expect(d.values[DATA_ROW + 1][3]).toBeCloseTo(o100, 3); // green (>= 0.7)
    expect([d.values[DATA_ROW + 1][1], d.values[DATA_ROW + 1][2]]).toEqual(['', '']);
    const charts = dash.charts!;
    expect(charts.map((c) => c.name)).toEqual([CHART_NAMES.scores, CHART_NAMES.status, CHART_NAMES.progress]);
    expect(charts[0].source).toEqual({ row: DATA_ROW, col: 0, rows: 3, cols: 4 });
    expect(charts[1].source).toEqual({ row: DATA_ROW, col: SECTION_COL.status, rows: 7, cols: 2 });
    // Two check-in days; Expected, All objectives and the two objectives' lines.
    expect(charts[2].source).toEqual({ row: DATA_ROW, col: SECTION_COL.progress, rows: 3, cols: 5 });
    expect(d.values[DATA_ROW + 1][SECTION_COL.progress]).toBe(isoToSerial('2026-10-05'));
    // Expected pace on 2026-10-12: 11 of 91 days of Q4 (linear from 2026-10-01 to 2026-12-31).
    expect(d.values[DATA_ROW + 2][SECTION_COL.progress + 1]).toBeCloseTo(11 / 91, 3);
    // KR status counts add up to the 7 KRs.
    const counts = d.values.slice(DATA_ROW + 1, DATA_ROW + 7).map((r) => r[SECTION_COL.status + 1] as number);
    expect(counts.reduce((a, x) => a + x, 0)).toBe(7);
    // Sheets gets a SPARKLINE trend per KR over its rows of the log.
    expect(d.formulas[DATA_ROW + 1][SECTION_COL.krs + 5]).toMatch(
      /^=IFERROR\(SPARKLINE\(FILTER\('OKR Check-ins'!\$H\$2:\$H,'OKR Check-ins'!\$B\$2:\$B=T20,/,
    );
  });

  test('Score quarter refreshes the dashboard; a failed refresh puts the old dashboard and its charts back', () => {
    const b = run(book(), 'checkin', '2026-10-05').b;
    // Number formats are put back by the hosts' journals (restorePlan resets them to General): compared without them.
    const noFormats = (x: SimBook) =>
      (canonicalBook(x) as { formats?: unknown }[]).map(({ formats: _f, ...rest }) => rest);
    const before = noFormats(b);
    const snap = workbookSnapshot({ ...b, today: '2026-10-12' }, EN, readsFor('checkin', S));
    const res = runCommand('checkin', snap, S);
    expect(res.plan.sheets.map((s) => s.sheet)).toContain(DASHBOARD_SHEET.en);
    // Apply the plan whole, then its restore: the book is as before, charts included.
    const undone = applyPlan(applyPlan(b, res.plan), restorePlan(res.plan, snap));
    expect(noFormats(undone)).toEqual(before);
    const score = run(b, 'score', '2026-10-12');
    expect(score.res.plan.sheets.map((s) => s.sheet)).toContain(DASHBOARD_SHEET.en);
  });
});
