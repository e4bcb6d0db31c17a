/**
 * End to end on the in-memory Excel: the adapter reads the fixture sheets, runs core's commands and applies the
 * plans through the Excel API. Expected numbers come from the domain rules by hand (okr-domain.md); formulas are
 * computed by the BUILT custom functions (dist/excel/functions.js) plugged into a formula engine.
 */
import { runExcelCommand, stampEdit, watchEdits, toExcelInput } from '../../excel-addin/adapter';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { OWNED_RULE_MARK } from '../../core/sheet-plan';
import { chineseOutline, englishTable, FIXTURE_TODAY, messyFormulas, messySheet } from '../../fixtures/sheets';
import {
  bookWith,
  colOf,
  dumpBook,
  dumpSheet,
  loadBuiltFunctions,
  requireBuild,
  StandInError,
  userCells,
} from './helpers';

beforeAll(requireBuild);

const S = DEFAULT_SETTINGS;
const run = (excel: Parameters<typeof runExcelCommand>[0], cmd: Parameters<typeof runExcelCommand>[1]) =>
  runExcelCommand(excel, cmd, S, FIXTURE_TODAY);
const EN = 'Q4 OKRs';

/** Hand-computed KR scores of englishTable (0-based row -> score): see the fixture's facts. */
const EN_SCORES: Record<number, number> = {
  4: (0.21 - 0.18) / (0.25 - 0.18), // increase: 3/7
  5: (0.04 - 0.05) / (0.03 - 0.05), // decrease: 0.5
  6: 1, // stay above: 4.9 >= 4.8
  7: 1, // milestone done
  10: 0, // stay below: 52 > 48
  12: (3.1 - 3.5) / (2.8 - 3.5), // decrease inferred from start > target: 4/7
};
/** O-100 = weighted mean with weights 40/30/20/10 %. */
const O100 = 0.4 * EN_SCORES[4] + 0.3 * EN_SCORES[5] + 0.2 * 1 + 0.1 * 1;

describe('English table', () => {
  test('convert adds the owned columns with per-row formulas, leaves every typed cell as it was', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    const typedBefore = userCells(wb, EN, 13, 18);
    const res = await run(excel, 'convert');
    expect(res.ok).toBe(true);
    expect(res.summary.en).toMatch(/2 objectives, 7 key results/);
    expect(res.summary.zh).toMatch(/2 个目标、7 个关键结果/);
    expect(userCells(wb, EN, 13, 18)).toEqual(typedBefore);

    const scoreCol = colOf(wb, EN, 2, /score/i);
    expect(scoreCol).toBeGreaterThanOrEqual(18);
    const sheet = wb.sheet(EN)!;
    for (const [row, expected] of Object.entries(EN_SCORES)) {
      const r = Number(row);
      const f = sheet.get(r, scoreCol)!.f!;
      expect(f).toMatch(/^=OKR\.OKRSCORE\(/);
      // The formula reads this row's Current (J) and Target (I) cells.
      expect(f).toContain(`J${r + 1}`);
      expect(f).toContain(`I${r + 1}`);
      expect(wb.value(EN, r, scoreCol) as number).toBeCloseTo(expected, 9);
    }
    // KR-202's current is the text 'about half': an error in that cell only.
    expect(wb.value(EN, 11, scoreCol)).toBe('#VALUE!');
    // The objective row rolls up its KRs with their weights.
    expect(sheet.get(3, scoreCol)!.f).toMatch(/^=OKR\.ROLLUP\(/);
    expect(wb.value(EN, 3, scoreCol) as number).toBeCloseTo(O100, 9);

    // The grid is an Excel table from the header row, frozen below the header, with dropdowns and owned rules.
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.tables[0].rect).toMatchObject({ row: 2, col: 0, rows: 11 });
    expect(sheet.freezeRows).toBe(3);
    // and through the Key Result column E, so Score and Status scroll in beside the KR on a laptop screen
    expect(sheet.freezeCols).toBe(5);
    const kindDropdown = sheet.validations.find((v) => v.rect.col === 6);
    expect(kindDropdown?.rect).toMatchObject({ row: 3, rows: 10 });
    // Every kind the user already typed stays valid (Excel compares list entries without case).
    const allowed = (kindDropdown?.list ?? []).map((x) => x.toLowerCase());
    for (const typed of ['Increase', 'Decrease', 'Stay above', 'Stay below', 'Milestone'])
      expect(allowed).toContain(typed.toLowerCase());
    expect(sheet.conditionalFormats.length).toBeGreaterThan(0);
    for (const cf of sheet.conditionalFormats) expect(cf.formula.replace(/\s/g, '')).toContain(OWNED_RULE_MARK);
  });

  test('during the quarter a score is coloured by its pace: red at risk, yellow behind, green on track', async () => {
    // FIXTURE_TODAY 2026-11-23: 53 of 91 days of 2026-Q4, so 58% is expected of a KR due 2026-12-31.
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    const col = colOf(wb, EN, 2, /score/i);
    const status = colOf(wb, EN, 2, /status/i);
    const red = wb.displayFill(EN, 10, col); // 0: 58 points behind
    const yellow = wb.displayFill(EN, 4, col); // 3/7 = 0.43: 15 points behind
    const green = wb.displayFill(EN, 6, col); // 1
    expect([red, yellow, green].every(Boolean)).toBe(true);
    expect(new Set([red, yellow, green]).size).toBe(3);
    expect([wb.value(EN, 10, status), wb.value(EN, 4, status), wb.value(EN, 6, status)]).toEqual([
      'At risk',
      'Behind',
      'Achieved',
    ]);
    // 4/7 due 2026-11-30: 53 of 60 days gone, 88% expected, 31 points behind
    expect(wb.displayFill(EN, 12, col)).toBe(red);
    expect(wb.value(EN, 12, status)).toBe('At risk');
  });

  test('after the due date the bands grade the score: red below 0.4, yellow below 0.7, green from 0.7', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }], true, '2027-01-05');
    await run(excel, 'convert');
    const col = colOf(wb, EN, 2, /score/i);
    const pace = colOf(wb, EN, 2, /pace/i);
    expect(wb.value(EN, 4, pace)).toBe(1);
    const red = wb.displayFill(EN, 10, col); // 0
    const yellow = wb.displayFill(EN, 4, col); // 3/7
    const green = wb.displayFill(EN, 6, col); // 1
    expect([red, yellow, green].every(Boolean)).toBe(true);
    expect(new Set([red, yellow, green]).size).toBe(3);
    expect(wb.displayFill(EN, 12, col)).toBe(yellow); // 4/7
    expect(wb.displayFill(EN, 7, col)).toBe(green); // 1
    expect(wb.value(EN, 10, colOf(wb, EN, 2, /status/i))).toBe('Rethink');
  });

  test('converting twice changes nothing', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    const once = JSON.stringify(dumpBook(wb));
    const again = await run(excel, 'convert');
    expect(again.ok).toBe(true);
    expect(JSON.stringify(dumpBook(wb))).toBe(once);
  });

  test('score writes the scorecard and the history; scoring again adds no history rows', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    const res = await run(excel, 'score');
    expect(res.ok).toBe(true);
    const card = wb.sheets.find((s) => /scorecard/i.test(s.name) && s.name.includes('2026-Q4'));
    expect(card).toBeDefined();
    const history = wb.sheets.find((s) => /history/i.test(s.name))!;
    expect(history).toBeDefined();
    const cardRows = wb.valuesOf(card!.name);
    const rowOf = (title: string) => cardRows.find((r) => r.includes(title))!;
    const num = (r: unknown[]) => r.filter((v): v is number => typeof v === 'number');
    expect(num(rowOf('Grow repeat purchases in our Taobao store')).some((v) => Math.abs(v - O100) < 1e-9)).toBe(true);
    // O-200: KR-202's current 'about half' cannot be read, so O-200 is not scored (as its #N/A cell in the sheet).
    expect(rowOf('Make fulfilment fast and cheap')[6] ?? '').toBe('');
    const hist = wb.valuesOf(history.name);
    expect(hist.length - 1).toBe(2 + 7);
    expect(hist.slice(1).map((r) => r[1])).toEqual(
      expect.arrayContaining(['O-100', 'KR-101', 'KR-102', 'KR-103', 'KR-104', 'O-200', 'KR-201', 'KR-202']),
    );
    wb.activate(EN);
    expect((await run(excel, 'score')).ok).toBe(true);
    expect(wb.valuesOf(history.name).length).toBe(hist.length);
  });

  test('start next quarter: a new sheet with the 5 unfinished KRs, each starting from its last current value', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    const before = userCells(wb, EN, 13, 18);
    const res = await run(excel, 'rollForward');
    expect(res.ok).toBe(true);
    const next = wb.sheets.find((s) => s.name.includes('2027-Q1'))!;
    expect(next).toBeDefined();
    const rows = wb.valuesOf(next.name);
    const header = rows[0];
    const krCol = header.indexOf('Key Result');
    const startCol = header.indexOf('Start');
    const curCol = header.indexOf('Current');
    const krs = rows.slice(1).filter((r) => r[krCol]);
    // KR-103 and KR-104 scored 1.0 and stay behind.
    expect(krs.map((r) => r[krCol])).toEqual([
      'Raise repeat purchase rate from 18% to 25%',
      'Reduce refund rate from 5% to 3%',
      'Keep average shipping time at most 48 hours',
      'Grow monthly GMV from 1,200,000 to 2,000,000',
      'Cut packaging cost per order from 3.5 to 2.8',
    ]);
    expect(krs[0][startCol]).toBe(0.21);
    expect(krs[4][startCol]).toBe(3.1);
    expect(krs.every((r) => r[curCol] === null || r[curCol] === '')).toBe(true);
    expect(userCells(wb, EN, 13, 18)).toEqual(before);
  });
});

describe('Chinese outline', () => {
  test('convert builds a grid on a new sheet; the outline itself is untouched', async () => {
    const { wb, excel } = bookWith([{ name: '10月OKR', grid: chineseOutline }]);
    const before = JSON.stringify(dumpSheet(wb, '10月OKR'));
    const res = await run(excel, 'convert');
    expect(res.ok).toBe(true);
    expect(JSON.stringify(dumpSheet(wb, '10月OKR'))).toBe(before);
    expect(wb.sheets).toHaveLength(2);
    const grid = wb.sheets[1].name;
    expect(wb.active.name).toBe(grid);
    const rows = wb.valuesOf(grid);
    const flat = rows.flat();
    expect(flat).toEqual(
      expect.arrayContaining([
        '打造一个成功的客户拓展团队',
        '完成拓展团队工作流程的最终制定',
        '完成10月XX家新客户的开发',
        '在开发新客户活动X大平台上收获10w粉丝',
      ]),
    );
    const kr3 = rows.find((r) => r.includes('在开发新客户活动X大平台上收获10w粉丝'))!;
    expect(kr3).toContain(100000); // 10w = 10 x 万
    expect(kr3).toContain('粉丝');
    // Converting the outline again does not add another sheet.
    wb.activate('10月OKR');
    await run(excel, 'convert');
    expect(wb.sheets.length).toBeLessThanOrEqual(2);
  });
});

describe('messy sheet', () => {
  test("text that looks like a formula stays text; the user's formula stays a formula", async () => {
    const { wb, excel } = bookWith([{ name: '运营部', grid: messySheet, formulas: messyFormulas }]);
    expect((await run(excel, 'convert')).ok).toBe(true);
    const s = wb.sheet('运营部')!;
    expect(s.get(3, 7)).toMatchObject({ v: "=cmd|' /C calc'!A0" });
    expect(s.get(3, 7)!.f).toBeUndefined();
    expect(s.get(3, 5)!.f).toBe('=0.2+0.01');
    expect(s.get(6, 2)!.v).toBe('<img src=x onerror=alert(1)>');
    // No cell anywhere became a DDE-style formula.
    for (const sheet of wb.sheets)
      for (const row of sheet.cells) for (const c of row ?? []) if (c?.f) expect(c.f).not.toMatch(/cmd\|/i);
  });

  test('validate highlights with notes; clear puts fills and notes back exactly', async () => {
    const { wb, excel } = bookWith([{ name: '运营部', grid: messySheet, formulas: messyFormulas }]);
    await run(excel, 'convert');
    const converted = JSON.stringify(dumpSheet(wb, '运营部'));
    const v = await run(excel, 'validate');
    expect(v.ok).toBe(true);
    const findings = (v.details as { findings: { row: number; col: number; rule: string }[] }).findings;
    // '约一半' in the Current cell (row 8, col 5) is the one value problem.
    expect(findings.some((f) => f.row === 8 && f.col === 5)).toBe(true);
    const s = wb.sheet('运营部')!;
    expect(s.notes.get('8,5')).toMatch(/约一半/);
    expect(s.get(8, 5)!.fill).toBeTruthy();
    const c = await run(excel, 'clear');
    expect(c.ok).toBe(true);
    expect(JSON.stringify(dumpSheet(wb, '运营部'))).toBe(converted);
  });
});

describe('strings are written as text', () => {
  test.each([
    ["=cmd|' /C calc'!A0"],
    ['+1+1'],
    ['-2'],
    ['@SUM(A1)'],
    ['2026-10-01'],
    ['40%'],
    ['TRUE'],
    ['#N/A'],
    ["'quoted"],
    ['plain words'],
  ])('%s', async (text) => {
    const { wb, excel } = bookWith([{ name: 'S', grid: [['x']] }], false);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1').formulas = [[toExcelInput(text)]];
      await ctx.sync();
    });
    const cell = wb.sheet('S')!.get(0, 0)!;
    expect(cell.f).toBeUndefined();
    expect(cell.v).toBe(text);
  });
});

describe('Updated stamp', () => {
  const UPDATED = (wb: ReturnType<typeof bookWith>['wb']) => colOf(wb, EN, 2, /^Updated$/);
  test("editing a KR's current value stamps today's date in its Updated cell; other edits do not", async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    const col = UPDATED(wb);
    expect(col).toBeGreaterThan(17);
    await watchEdits(excel, () => FIXTURE_TODAY);
    wb.edit(EN, 4, 9, 0.23); // KR-101 Current
    for (let i = 0; i < 20 && wb.value(EN, 4, col) === null; i++) await new Promise((r) => setTimeout(r, 5));
    expect(wb.value(EN, 4, col)).toBe(46349); // 2026-11-23 (46346 = 2026-11-20, see the fixtures)
    expect(wb.sheet(EN)!.get(4, col)!.nf).toMatch(/y/);
    wb.edit(EN, 5, 4, 'Reduce refunds'); // a title, not a current value
    await new Promise((r) => setTimeout(r, 30));
    expect(wb.value(EN, 5, col)).toBeNull();
  });

  test("the add-in's own writes to a current value are not stamped", async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    const col = UPDATED(wb);
    await watchEdits(excel, () => FIXTURE_TODAY);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(EN).getRange('J5').values = [[0.24]];
      await ctx.sync();
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(wb.value(EN, 4, 9)).toBe(0.24);
    expect(wb.value(EN, 4, col)).toBeNull();
  });

  test('stampEdit reports false for an edit outside the grid', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    expect(await stampEdit(excel, wb.sheet(EN)!.id, 'A1', FIXTURE_TODAY)).toBe(false);
  });
});

describe('a quarter clicked in any order: no dead ends (issue 11)', () => {
  test('after Score quarter the scorecard is active: next quarter, clear highlights and the summary work on the OKR sheet', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    expect((await run(excel, 'convert')).ok).toBe(true);
    expect((await run(excel, 'validate')).ok).toBe(true);
    const marked = wb.sheet(EN)!.notes.size;
    expect(marked).toBeGreaterThan(0);
    expect((await run(excel, 'score')).ok).toBe(true);
    expect(wb.active.name).toBe('Scorecard 2026-Q4');

    // The summary describes the OKR sheet (2 objectives, 7 KRs), not the scorecard read as one.
    const summary = await run(excel, 'summary');
    expect(summary.ok).toBe(true);
    expect(summary.summary.en).toContain(`On the OKR sheet "${EN}" (you are on "Scorecard 2026-Q4")`);
    expect(summary.details).toMatchObject({ objectives: 2, krs: 7, sheet: EN });

    // Clear highlights from the scorecard clears the OKR sheet's highlights.
    wb.activate('Scorecard 2026-Q4');
    const cleared = await run(excel, 'clear');
    expect(cleared.ok).toBe(true);
    expect(cleared.summary.en).toMatch(/Cleared \d+ highlighted cell/);
    expect(cleared.summary.en).toContain(`"${EN}"`);
    expect(wb.sheet(EN)!.notes.size).toBe(0);

    // Start next quarter from the scorecard.
    wb.activate('Scorecard 2026-Q4');
    const next = await run(excel, 'rollForward');
    expect(next.ok).toBe(true);
    expect(next.summary.en).toContain(`On the OKR sheet "${EN}"`);
    expect(wb.sheets.map((s) => s.name)).toContain('OKR 2027-Q1');

    // From the history too.
    wb.activate('OKR History');
    const fromHistory = await run(excel, 'summary');
    expect(fromHistory.summary.en).toContain(`On the OKR sheet "${EN}" (you are on "OKR History")`);
  });
});

describe('one unreadable value (issue 11)', () => {
  test('"about half" as a current value: the sheet, the summary and the scorecard agree, and the cell says why', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    await run(excel, 'convert');
    const col = colOf(wb, EN, 2, /score/i);
    // The sheet: KR-202 (row 12) is an error, and so is its objective O-200 (row 10).
    expect(wb.value(EN, 11, col)).toBe('#VALUE!');
    expect(String(wb.value(EN, 9, col))).toMatch(/^#/);
    // The custom function's error carries the reason (Excel shows it on the cell).
    const okrscore = loadBuiltFunctions().get('OKRSCORE')!;
    const e = (okrscore([['about half']], [[2000000]], [[1200000]], null) as unknown[][])[0][0] as StandInError;
    expect(e).toBeInstanceOf(StandInError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/current: .*about half/);
    // The summary and the scorecard leave O-200 unscored too, not a 0 for KR-202; the average counts O-200's scored
    // KRs: KR-201 (50%) 0 and row 13 (20%) 4/7 -> 8/49, with O-100's 0.4 x 3/7 + 0.15 + 0.3 (blank is not zero).
    const summary = await run(excel, 'summary');
    expect(summary.details).toMatchObject({ bands: { red: 1, yellow: 3, green: 2 }, unscored: 1 });
    expect((summary.details as { averageScore: number }).averageScore).toBeCloseTo(
      (0.4 * (3 / 7) + 0.15 + 0.3 + 8 / 49) / 2,
      9,
    );
    await run(excel, 'score');
    const card = wb.valuesOf('Scorecard 2026-Q4');
    const o200 = card.find((r) => r[1] === 'Make fulfilment fast and cheap')!;
    expect(o200[6] === '' || o200[6] === null).toBe(true);
    expect(card[1][6] as number).toBeCloseTo((0.4 * (3 / 7) + 0.15 + 0.3 + 8 / 49) / 2, 9);
  });
});

describe("the user's own dropdowns stay (issue 11)", () => {
  test('a strict list on the Kind column survives convert; the Type column without one gets the add-in list', async () => {
    const { wb, excel } = bookWith([{ name: EN, grid: englishTable }]);
    const kind = {
      rect: { row: 3, col: 6, rows: 10, cols: 1 },
      list: ['Increase', 'Decrease', 'Stay above', 'Stay below', 'Milestone'],
      style: 'Stop' as const,
    };
    wb.sheet(EN)!.validations.push(kind);
    expect((await run(excel, 'convert')).ok).toBe(true);
    const v = wb.sheet(EN)!.validations;
    expect(v.filter((x) => x.rect.col === 6)).toEqual([kind]);
    expect(v.some((x) => x.rect.col === 5 && x.list.includes('Committed'))).toBe(true);
  });
});
