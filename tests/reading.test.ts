/**
 * How the reader reads a sheet (issue 10): header rows scored against the rows below, column roles from header words
 * AND contents, the user's corrections, reasons for each decision, nothing skipped silently, text kept exactly,
 * and a close of a cycle the sheet does not hold writes nothing.
 */
import { readModel } from '../core/parse-sheet';
import { inferLayout } from '../core/layout';
import { readLine } from '../core/line-roles';
import { runCommand } from '../core/commands';
import { DEFAULT_SETTINGS, resolveSettings } from '../core/settings';
import type { Field, OkrModel } from '../core/model';
import { FIXTURE_TODAY, snapshotOf, workbookOf } from '../fixtures/sheets';

const read = (values: unknown[][], settings = DEFAULT_SETTINGS): OkrModel =>
  readModel(snapshotOf('S', values), { settings, today: FIXTURE_TODAY });
const roleOf = (m: OkrModel, header: string): Field | null | undefined =>
  m.reading?.columns.find((c) => c.header === header)?.field;

const EXPORT = [
  ['Title', 'Object Type', 'Aligned To', 'Goal', 'Start', 'Start Date', 'Current status', 'Due Date'],
  ['Grow revenue', 'Objective', '', '', '', '2026-01-01', 'On track', '2026-03-31'],
  ['Reach 200 customers', 'Key Result', 'Grow revenue', 200, 120, '2026-01-01', 'Behind', '2026-03-31'],
  ['Cut churn from 5% to 3%', 'Key Result', 'Grow revenue', '3%', '5%', '2026-01-02', 'On track', '2026-03-31'],
  ['Launch referral program', 'Initiative', 'Reach 200 customers', '', '', '2026-01-05', 'Done', '2026-02-28'],
];

describe('column roles from header words and contents', () => {
  const m = read(EXPORT);

  test('a type column saying Objective / Key Result / Initiative places each row under its Aligned To parent', () => {
    expect(m.objectives.map((o) => o.title)).toEqual(['Grow revenue']);
    expect(m.objectives[0].krs.map((k) => k.title)).toEqual(['Reach 200 customers', 'Cut churn from 5% to 3%']);
    expect(m.objectives[0].krs[0].initiatives.map((e) => e.title)).toEqual(['Launch referral program']);
    expect(roleOf(m, 'Object Type')).toBeNull();
  });

  test('Start Date holds dates: not the start; Current status holds words: not the current value; numeric Goal is the target', () => {
    expect(roleOf(m, 'Start Date')).toBeNull();
    expect(roleOf(m, 'Start')).toBe('start');
    expect(roleOf(m, 'Current status')).toBe('status');
    expect(roleOf(m, 'Goal')).toBe('target');
    const [a, b] = m.objectives[0].krs;
    expect([a.start, a.target, a.current, a.kind]).toEqual([120, 200, null, 'increase']);
    expect([b.start, b.target, b.kind]).toEqual([0.05, 0.03, 'decrease']);
    expect(a.due).toBe('2026-03-31');
  });

  test('every column and the header row keep a reason in both languages', () => {
    const r = m.reading!;
    expect(r.form).toBe('table');
    expect(r.headerRow).toBe(0);
    expect(r.headerReason.en).toMatch(/row 1/);
    for (const c of r.columns) expect(c.reason.en.length * c.reason.zh.length).toBeGreaterThan(0);
    expect(r.columns.find((c) => c.header === 'Start Date')!.reason.en).toMatch(/dates/);
    expect(r.rows.map((x) => x.role)).toEqual(['header', 'objective', 'kr', 'kr', 'initiative']);
  });
});

describe('the header row is chosen against the rows below it', () => {
  test('a title and a note above the header do not win; a data row naming fields does not win either', () => {
    const values = [
      ['Q3 OKRs of the web team'],
      ['Objective', 'Key Result', 'Target', 'Current'],
      ['Target customers better', 'Current NPS to 50', 50, 32],
      ['Target customers better', 'Ship 3 features', 3, 1],
    ];
    const m = read(values);
    expect(m.headerRow).toBe(1);
    expect(m.objectives[0].krs.map((k) => [k.title, k.target, k.current])).toEqual([
      ['Current NPS to 50', 50, 32],
      ['Ship 3 features', 3, 1],
    ]);
    expect(m.reading!.candidates.every((c) => c.row !== 1)).toBe(true);
  });

  test('no header: an outline, with its reason', () => {
    const m = read([['O1 Grow revenue'], ['KR1 Reach $2M ARR']]);
    expect(m.reading!.form).toBe('outline');
    expect(m.reading!.headerRow).toBeNull();
    expect(m.objectives[0].title).toBe('Grow revenue');
  });
});

describe("the user's corrections override inference", () => {
  const values = [
    ['Objective', 'Key Result', 'Goal', 'Start Date', 'Notes'],
    ['Grow', 'Reach 100 users', 100, '2026-03-31', 'x'],
  ];

  test('columnRoles: header text -> role (or ignore), marked chosen', () => {
    const settings = resolveSettings({ columnRoles: { 'Start Date': 'due', Goal: 'ignore' } });
    const m = read(values, settings);
    const kr = m.objectives[0].krs[0];
    expect(kr.due).toBe('2026-03-31');
    expect(roleOf(m, 'Goal')).toBeNull();
    expect(m.reading!.columns.find((c) => c.header === 'Start Date')).toMatchObject({ field: 'due', chosen: true });
    expect(m.reading!.columns.find((c) => c.header === 'Goal')).toMatchObject({ chosen: true });
    // Without the correction Goal is the target and Start Date is carried along.
    const plain = read(values);
    expect(plain.objectives[0].krs[0].target).toBe(100);
    expect(plain.objectives[0].krs[0].due).toBeNull();
  });

  test('headerRow: the row the user chose is the header', () => {
    const two = [
      ['Team', 'Owner'],
      ['Objective', 'Key Result'],
      ['Grow', 'Reach 100 users'],
    ];
    const m = read(two, resolveSettings({ headerRow: 1 }));
    expect(m.headerRow).toBe(1);
    expect(m.reading!.headerReason.en).toMatch(/you chose/);
    expect(inferLayout(two, resolveSettings({ headerRow: 1 }))!.rows).toContain(1);
  });
});

describe('nothing skipped silently, text kept exactly', () => {
  test('outline lines it cannot place are listed with their cells and a reason', () => {
    const m = read([
      ['团队OKR'],
      ['O：提升复购，扩大规模'],
      ['KR1：复购率从20%提升到30%'],
      ['注意：每周一复盘'],
      ['随便写的一行'],
    ]);
    expect(m.objectives[0].krs).toHaveLength(1);
    const cells = m.reading!.unplaced.map((u) => u.cell.row);
    expect(cells).toEqual(expect.arrayContaining([3, 4]));
    for (const u of m.reading!.unplaced) expect(u.reason.zh).toBeTruthy();
  });

  test('full-width punctuation in copied Chinese text stays as typed', () => {
    const m = read([['O：提升复购，扩大规模（华东）'], ['KR1：复购率从20%提升到30%，覆盖３个城市']]);
    expect(m.objectives[0].title).toBe('提升复购，扩大规模（华东）');
    expect(m.objectives[0].krs[0].title).toBe('复购率从20%提升到30%，覆盖３个城市');
    expect(readLine('- 关键结果２：完成，上线').title).toBe('完成，上线');
  });

  test('a table row with no objective, KR or initiative is listed as unplaced', () => {
    const m = read([
      ['Objective', 'Key Result', 'Notes'],
      ['Grow', 'Reach 100', ''],
      ['', '', 'Reviewed on Friday'],
    ]);
    expect(m.reading!.unplaced.map((u) => [u.cell.row, u.cell.col, u.text])).toEqual([[2, 2, 'Reviewed on Friday']]);
  });
});

describe('closing a cycle the sheet does not hold', () => {
  const values = [
    ['Cycle', 'Objective', 'Key Result', 'Target', 'Current'],
    ['2025-Q3', 'Grow', 'Reach 100', 100, 50],
    ['2025-Q4', 'Keep', 'Reach 200', 200, 50],
  ];
  test('names the cycles the sheet holds and writes nothing', () => {
    const r = runCommand('score', workbookOf(snapshotOf('S', values)), resolveSettings({ cycle: '2026-Q1' }));
    expect(r.ok).toBe(false);
    expect(r.plan.sheets).toEqual([]);
    expect(r.summary.en).toMatch(/2026-Q1.*2025-Q3, 2025-Q4/);
    expect(r.summary.zh).toMatch(/2025-Q3/);
    expect(read(values).reading!.cycles).toEqual(['2025-Q3', '2025-Q4']);
  });

  test('a cycle the sheet holds is closed as before', () => {
    const r = runCommand('score', workbookOf(snapshotOf('S', values)), resolveSettings({ cycle: '2025-Q4' }));
    expect(r.ok).toBe(true);
    expect(r.plan.sheets.length).toBeGreaterThan(0);
  });
});
