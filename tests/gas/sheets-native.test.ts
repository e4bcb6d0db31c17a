/**
 * The grid's scores in Google Sheets (issue 13 item 10): each cell calling a custom function is an Apps Script
 * execution of its own, so the built bundle's Convert writes native formulas there. Checked here, on the built
 * bundle and the fake Sheets (formula-eval.ts; Sheets' LET, LAMBDA, REGEXMATCH and VALUE from sheets-native.ts):
 * - a recalculation needs the same number of executions at 100 and 10,000 KR rows (none), and scores stay live;
 * - every value in a table of values people type (English and Chinese: numbers, percentages, currencies, 万 / 亿,
 *   w / k, full-width digits, done words, placeholders) scores exactly as OKRSCORE scores it (the bundle's own
 *   custom function, in a cell beside it), or shows an error: never a different number;
 * - the formula reads every kind and done word vocabulary.ts has (one vocabulary with OKRSCORE).
 */
import { convertedExecutions, executionsPerRecalc } from '../../bench/sheets-executions';
import { DONE_VOCAB, KIND_VOCAB } from '../../core/vocabulary';
import * as fx from '../../fixtures/sheets';
import { loadProject, type LoadedProject } from './harness';
import { closing } from './sheets-native';

jest.setTimeout(300000);

const run = (p: LoadedProject, cmd: string) =>
  p.call('panelRun', cmd) as { ok: boolean; summary: { en: string; zh: string } };
const isError = (v: unknown) => typeof v === 'string' && /^#[A-Z0-9/!?.]+$/.test(v);

/** Wraps the bundle's custom functions so every call the evaluator makes (one execution each in Sheets) counts. */
function countCalls(p: LoadedProject): { calls: number } {
  const counter = { calls: 0 };
  for (const name of ['OKRSCORE', 'ROLLUP', 'OKRSTATUS', 'OKRPACE']) {
    const fn = p.g[name];
    p.g[name] = (...a: unknown[]) => {
      counter.calls++;
      return fn(...a);
    };
  }
  return counter;
}

describe('custom-function executions per recalculation of a converted grid', () => {
  test.each(['addin', 'portable'] as const)('%s setting: none, at 100 and at 10,000 KR rows', (mode) => {
    // on main: 2 per KR row (score and status), 20,000 for 10,000 KRs
    expect(convertedExecutions(100, mode)).toBe(0);
    expect(convertedExecutions(10_000, mode)).toBe(0);
  });

  test('scores, rollups, statuses and pace recompute without one execution, and stay live', () => {
    const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
    expect(run(p, 'convert').ok).toBe(true);
    const s = p.book.sheet('Q4 OKRs');
    expect(executionsPerRecalc(p, 'Q4 OKRs')).toBe(0);
    const counter = countCalls(p);
    const head = s.values()[2].map(String);
    const scoreCol = head.indexOf('OKR Score');
    const statusCol = head.indexOf('OKR Status');
    const currentCol = head.indexOf('Current');
    expect(Math.min(scoreCol, statusCol, currentCol)).toBeGreaterThan(0);
    // Row 5 (0-based 4) raises repeat purchase from 18% to 25%, current 21%: (21 - 18) / (25 - 18)
    expect(s.valueAt(4, scoreCol)).toBeCloseTo(3 / 7, 10);
    const rollupBefore = s.valueAt(3, scoreCol) as number;
    expect(typeof rollupBefore).toBe('number');
    // typing 25% makes the score 1, and the objective's rollup (weight 0.4) follows
    s.cellAt(4, currentCol, true)!.value = 0.25;
    expect(s.valueAt(4, scoreCol)).toBe(1);
    expect(s.valueAt(3, scoreCol) as number).toBeCloseTo(rollupBefore + 0.4 * (1 - 3 / 7), 10);
    // text the formula cannot read turns the score into an error, and the status with it: never a stale score
    s.cellAt(4, currentCol, true)!.value = '２５%';
    expect(isError(s.valueAt(4, scoreCol))).toBe(true);
    expect(isError(s.valueAt(4, statusCol))).toBe(true);
    s.cellAt(4, currentCol, true)!.value = '0.25';
    expect(s.valueAt(4, scoreCol)).toBe(1);
    expect(counter.calls).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The native formula against OKRSCORE, value by value

/** Values people type, in both languages. */
const NUMBERS: unknown[] = [50, 0, 1, 120, -5, 0.5, '50', ' 50 ', '40%', '-5%', '+5', '1,200', '1,200.5', '$1,200'];
const UNITS: unknown[] = [
  '¥3.5万',
  '3.5万',
  '3.5万元',
  '10w',
  '10W',
  '1.2k',
  '2M',
  '1亿',
  '5000万',
  'US$5',
  '5元',
  '50 %',
];
const WORDS: unknown[] = [true, false, 'Done', ' YES ', '完成', '未完成', '是', '否', 'x', '✓'];
const UNREADABLE: unknown[] = ['about half', '大约一半', 'TBD', '待定', 'XX', '—', '2026-01-05', '10:30', '1,2,3'];
/** Text OKRSCORE reads as a number that the native formula does not read: the formula must show an error. */
const BEYOND_NATIVE: unknown[] = [
  '１２３',
  '３.５万',
  '30家',
  '三万',
  '百分之五十',
  '1e3',
  '(5)',
  '.5',
  '2.1%(+0.3)',
  '1 200',
];
const VALUES = [...NUMBERS, ...UNITS, ...WORDS, ...UNREADABLE, ...BEYOND_NATIVE];

/** Kind, start, target, current of each KR row. */
function tableRows(): unknown[][] {
  const rows: unknown[][] = [];
  for (const v of VALUES) {
    rows.push(['', 0, 100, v], ['binary', '', '', v], ['above', '', 40, v], ['不超过', '', 40, v], ['', 0, v, 50]);
    rows.push(['decrease', v, 10, 20]);
  }
  const kinds = Object.values(KIND_VOCAB).flat();
  for (const k of kinds) rows.push([k, 10, 20, 15], [k, '', 20, 25], [k, '', '', '完成']);
  for (const w of [...DONE_VOCAB.done, ...DONE_VOCAB.notDone]) rows.push(['binary', '', '', w], ['', '', '', w]);
  return rows;
}

/** The argument texts the native score formula reads: current, target, start and kind. */
function nativeArgs(f: string): string[] {
  const inner = (marker: string, end: (open: number) => number) => {
    const at = f.indexOf(marker);
    if (at < 0) return '""';
    const open = at + marker.length - 1;
    return f.slice(open + 1, end(open));
  };
  const read = (name: string) => inner(`${name},read(`, (open) => closing(f, open));
  const kind = inner('kind,LET(word,LOWER(TRIM(', (open) => f.indexOf('&""))', open));
  return [read('current'), read('target'), read('start'), kind];
}

describe('the native score is OKRSCORE or an error, for every value of both languages', () => {
  const rows = tableRows();
  const grid = [
    ['Objective', 'Key Result', 'Kind', 'Start', 'Target', 'Current'],
    ['Values people type', '', '', '', '', ''],
    ...rows.map((r, i) => ['', `KR ${i + 1}`, ...r]),
  ] as unknown[][];
  const p = loadProject({}, (b) => b.addSheet('Values', grid as never));
  const converted = run(p, 'convert');
  const s = p.book.sheet('Values');
  const head = s.values()[0].map(String);
  const scoreCol = head.indexOf('OKR Score');
  const statusCol = head.indexOf('OKR Status');
  const addinCol = s.extent().cols + 1;

  // Beside each native score, OKRSCORE over the very same arguments: the add-in's answer for that cell.
  beforeAll(() => {
    for (let r = 2; r < grid.length; r++) {
      const args = nativeArgs(s.formulaAt(r, scoreCol));
      s.cellAt(r, addinCol, true)!.formula = `=OKRSCORE(${args.join(',')})`;
    }
  });

  test('every KR row got a native score formula', () => {
    expect(converted.ok).toBe(true);
    for (let r = 2; r < grid.length; r++)
      expect([r, s.formulaAt(r, scoreCol)]).toEqual([r, expect.stringMatching(/^=LET\(/)]);
  });

  test('a number where OKRSCORE gives one, the same number; blank where blank; otherwise an error', () => {
    const differ: string[] = [];
    const flagged = new Set<string>();
    let same = 0;
    for (let r = 2; r < grid.length; r++) {
      const native = s.valueAt(r, scoreCol);
      const addin = s.valueAt(r, addinCol);
      const label = `row ${r + 1} ${JSON.stringify(grid[r].slice(2))}: native ${JSON.stringify(native)}, OKRSCORE ${JSON.stringify(addin)}`;
      if (isError(native)) {
        if (!isError(addin)) flagged.add(JSON.stringify(grid[r].slice(2)));
        if (!isError(addin) && !grid[r].slice(3).some((v) => BEYOND_NATIVE.includes(v))) differ.push(label);
        continue;
      }
      if (typeof native === 'number' && typeof addin === 'number' && Math.abs(native - addin) < 1e-12) same++;
      else if (native === '' && addin === '') same++;
      else differ.push(label);
    }
    expect(differ).toEqual([]);
    // most rows agree on a number or blank (the others on an error)
    expect(same).toBeGreaterThan(rows.length / 2);
    // each value beyond the native formula was met, and flagged, where OKRSCORE reads it
    for (const v of BEYOND_NATIVE)
      expect([v, [...flagged].some((k) => k.includes(JSON.stringify(v)))]).toEqual([v, true]);
  });

  test('every value of the Chinese and currency forms the formula reads scores as OKRSCORE does', () => {
    for (let r = 2; r < grid.length; r++) {
      const v = grid[r][5];
      if (!UNITS.includes(v) || grid[r][2] !== '') continue;
      // current v against 0 -> 100: OKRSCORE's number, not an error
      const addin = s.valueAt(r, addinCol);
      expect([v, typeof addin]).toEqual([v, 'number']);
      expect([v, s.valueAt(r, scoreCol)]).toEqual([v, addin]);
    }
  });

  test('a row the formula cannot read shows an error in its status too, never a status of another score', () => {
    // the rows scoring a value beyond the native formula as current (a status recomputes its score: a sample)
    const rowsBeyond = grid.flatMap((row, r) => (row[2] === '' && BEYOND_NATIVE.includes(row[5]) ? [r] : []));
    expect(rowsBeyond.length).toBe(BEYOND_NATIVE.length);
    for (const r of rowsBeyond) {
      expect([r, isError(s.valueAt(r, scoreCol)), isError(s.valueAt(r, statusCol))]).toEqual([r, true, true]);
    }
  });

  test('Convert says how many KRs hold numbers the Sheets formula cannot read', () => {
    const expected = rows.filter((r) => r.slice(1).some((v) => BEYOND_NATIVE.includes(v))).length;
    expect(converted.summary.en).toContain(
      `${expected} key results hold numbers written in a form the live Sheets formula cannot read`,
    );
    expect(converted.summary.zh).toContain(`有 ${expected} 个关键结果的数值写法`);
  });

  test('the error says which cell and what to type', () => {
    const r = grid.findIndex((row) => row[2] === '' && row[5] === '30家');
    const f = s.formulaAt(r, scoreCol);
    expect(f).toMatch(/current """&F\d+&""" is not a number or done word this formula reads/);
  });
});
