/**
 * The command API hosts call: readsFor, runCommand (never throws), score with scorecard and history (re-close adds
 * no duplicates), roll forward (never over an existing sheet), summary, restorePlan, updatedStamp, and plans whose
 * shape does not grow with the number of rows. Numbers are worked out by hand from the fixtures' documented values.
 */
import fc from 'fast-check';
import type { SheetSnapshot, WorkbookPlan, WorkbookSnapshot } from '../core/sheet-plan';
import { DEFAULT_SETTINGS, resolveSettings } from '../core/settings';
import { COMMANDS, readsFor, restorePlan, runCommand, updatedStamp, type CommandName } from '../core/commands';
import { planShape } from '../core/plan-convert';
import { applyPlan, bookFromSnapshot, workbookSnapshot, type SimBook, type SimulatedSheet } from './simulate';
import {
  FIXTURE_TODAY,
  chineseOutlineSnapshot,
  englishTableSnapshot,
  generatedSnapshot,
  messySheetSnapshot,
  snapshotOf,
  workbookOf,
} from '../fixtures/sheets';
import { sheetOf, step } from './sim-steps';

const near = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) < 1e-9;

/** Data rows of a history sheet (header skipped, blank rows dropped). */
const historyRows = (s: SimulatedSheet) => s.values.slice(1).filter((r) => r.some((v) => v !== ''));

describe('readsFor', () => {
  test('convert reads formulas; validate and clear read notes and backgrounds; score reads the history sheet', () => {
    expect(COMMANDS).toEqual(['convert', 'validate', 'clear', 'score', 'rollForward', 'summary', 'checkin']);
    expect(readsFor('convert', DEFAULT_SETTINGS)).toEqual({
      formulas: true,
      activeFormulas: false,
      notes: false,
      backgrounds: false,
      others: [],
    });
    for (const c of ['validate', 'clear'] as CommandName[]) {
      const r = readsFor(c, DEFAULT_SETTINGS);
      expect(r.notes && r.backgrounds).toBe(true);
    }
    // Score refreshes the dashboard from the check-in log: both are read (either language), and put back on a failure.
    expect(readsFor('score', DEFAULT_SETTINGS).others).toEqual([
      'OKR History',
      'OKR 历史',
      'OKR Check-ins',
      'OKR 进展记录',
      'OKR Dashboard',
      'OKR 仪表板',
    ]);
    expect(readsFor('checkin', DEFAULT_SETTINGS).others).toEqual([
      'OKR Check-ins',
      'OKR 进展记录',
      'OKR Dashboard',
      'OKR 仪表板',
    ]);
  });

  test('sameSheet: each add-in sheet read as its two names, the settings’ language first (a host asking by name)', () => {
    expect(readsFor('checkin', DEFAULT_SETTINGS).sameSheet).toEqual([
      ['OKR Check-ins', 'OKR 进展记录'],
      ['OKR Dashboard', 'OKR 仪表板'],
    ]);
    const zh = resolveSettings({ lang: 'zh', cycle: 'Q4 2026' });
    expect(readsFor('score', zh).sameSheet).toEqual([
      ['OKR 进展记录', 'OKR Check-ins'],
      ['OKR 历史', 'OKR History'],
      ['OKR 仪表板', 'OKR Dashboard'],
      [expect.stringMatching(/^计分卡 /), expect.stringMatching(/^Scorecard /)],
    ]);
    // Every name of a group is among the sheets read (a host that lists every sheet reads them as before).
    for (const c of ['validate', 'score', 'checkin', 'summary'] as CommandName[]) {
      const r = readsFor(c, zh);
      for (const g of r.sameSheet ?? []) expect(g.every((n) => r.others.includes(n))).toBe(true);
    }
    expect(readsFor('rollForward', zh).sameSheet).toBeUndefined();
  });
});

describe('runCommand never throws', () => {
  test('garbage snapshots give ok:false with a message in both languages', () => {
    const bad: unknown[] = [
      null,
      undefined,
      42,
      {},
      { active: null },
      { active: { name: 'x' } },
      { active: { name: 'x', values: 'nope' } },
    ];
    for (const c of COMMANDS) {
      for (const b of bad) {
        const r = runCommand(c, b as WorkbookSnapshot, DEFAULT_SETTINGS);
        expect(r.ok).toBe(false);
        expect(r.summary.en.length).toBeGreaterThan(0);
        expect(r.summary.zh.length).toBeGreaterThan(0);
        expect(r.plan.sheets).toEqual([]);
      }
    }
  });

  test('an unexpected exception becomes "Internal error" in both languages, with an empty plan', () => {
    const active = snapshotOf('T', [['Objective', 'Key Result']]);
    Object.defineProperty(active, 'values', {
      get() {
        throw new Error('boom');
      },
    });
    const r = runCommand('convert', workbookOf(active), DEFAULT_SETTINGS);
    expect(r.ok).toBe(false);
    expect(r.summary.en).toMatch(/^Internal error: boom/);
    expect(r.summary.zh).toMatch(/^内部错误：boom/);
    expect(r.plan).toEqual({ sheets: [] });
  });

  test('a sheet that holds no OKRs: ok:false, clear message, nothing written', () => {
    const snap = snapshotOf('Budget', [
      ['Item', 'Cost'],
      ['Rent', 1200],
    ]);
    for (const c of ['convert', 'score', 'rollForward', 'summary'] as CommandName[]) {
      const r = runCommand(c, workbookOf(snap), DEFAULT_SETTINGS);
      expect(r.ok).toBe(false);
      expect(r.summary.en).toMatch(/No OKRs found/);
      expect(r.summary.zh).toMatch(/没有找到 OKR/);
      expect(r.plan.sheets).toEqual([]);
    }
  });

  test('random cell-like 2D arrays: every command returns a well-formed result', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.constant(''),
      fc.constant(null),
      fc.constantFrom('O: goal', 'KR1: grow 10%', 'Objective', 'Key Result', 'Target', '=cmd|x', '50%'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
        fc.constantFrom(...COMMANDS),
        (values, c) => {
          const r = runCommand(c, workbookOf(snapshotOf('S', values)), DEFAULT_SETTINGS);
          expect(typeof r.ok).toBe('boolean');
          expect(typeof r.summary.en).toBe('string');
          expect(Array.isArray(r.plan.sheets)).toBe(true);
          expect(r.summary.en.startsWith('Internal error')).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('score: the one-click quarter close', () => {
  test('englishTable: counts, average and bands worked out by hand; scorecard and history sheets', () => {
    const snap = englishTableSnapshot();
    const { result, book } = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'score');
    expect(result.ok).toBe(true);
    // KR scores: KR-101 (0.21-0.18)/(0.25-0.18) = 3/7; KR-102 (0.04-0.05)/(0.03-0.05) = 0.5; KR-103 4.9 >= 4.8 -> 1;
    // KR-104 done -> 1; KR-201 52 <= 48? no -> 0; KR-202 'about half' -> not scored (#VALUE! in the sheet); row 13
    // (3.1-3.5)/(2.8-3.5) = 4/7. O-100 = 0.4*3/7 + 0.3*0.5 + 0.2 + 0.1 = 0.621428...; O-200 not scored (#N/A in
    // the sheet), but the average counts its scored KRs (blank scores are not zeros): KR-201 (50%) 0 and row 13 (20%)
    // 4/7 -> (0.2*4/7)/0.7 = 8/49; average (0.621428... + 8/49)/2 = 0.39; KR-202 is in no band.
    const d = result.details as {
      objectives: number;
      krs: number;
      averageScore: number;
      bands: { red: number; yellow: number; green: number };
    };
    expect(d.objectives).toBe(2);
    expect(d.krs).toBe(7);
    expect(near(d.averageScore, ((0.4 * 3) / 7 + 0.15 + 0.3 + 8 / 49) / 2)).toBe(true);
    expect(d.bands).toEqual({ red: 1, yellow: 3, green: 2 });
    expect(result.summary.en).toContain('average score 0.39 over the 6 key results scored (1 could not be scored)');
    expect(result.summary.zh).toContain('平均得分 0.39（按已评分的 6 个关键结果计；1 个无法评分）');
    // KR-202's current value 'about half' (J12) cannot be read: the summary says so in both languages.
    expect(result.summary.en).toContain('1 value could not be read (J12)');
    expect(result.summary.zh).toContain('有 1 个值无法识别（J12）');
    expect(book.sheets.map((s) => s.name)).toEqual(['Q4 OKRs', 'Scorecard 2026-Q4', 'OKR History', 'OKR Dashboard']);
    // The sheet was not converted yet: score converts it too.
    expect(sheetOf(book, 'Q4 OKRs').values[2].slice(18)).toEqual([
      'OKR ID',
      'OKR Score',
      'OKR Status',
      'OKR Pace',
      'Updated',
    ]);
    const hist = sheetOf(book, 'OKR History');
    expect(hist.values[0][0]).toBe('Cycle');
    // 2 objectives + 7 KRs
    expect(historyRows(hist)).toHaveLength(9);
    const card = sheetOf(book, 'Scorecard 2026-Q4');
    expect(card.values[1][0]).toBe('Total');
    expect(card.values[1][4]).toBe(2);
    expect(card.values[1][5]).toBe(7);
  });

  test('closing again adds no duplicates; a changed value appends a revision and marks the old row superseded', () => {
    const snap = englishTableSnapshot();
    let book = bookFromSnapshot(workbookOf(snap));
    book = step(book, snap.name, 'score').book;
    const again = step(book, snap.name, 'score');
    expect(historyRows(sheetOf(again.book, 'OKR History'))).toHaveLength(9);
    const histPlan = again.result.plan.sheets.find((p) => p.sheet === 'OKR History');
    expect(histPlan).toBeUndefined();
    book = again.book;
    // KR-101 moves to 0.25 (now 1.0), so KR-101 and O-100 change.
    sheetOf(book, snap.name).values[4][9] = 0.25;
    const third = step(book, snap.name, 'score');
    const hist = sheetOf(third.book, 'OKR History');
    const rows = historyRows(hist);
    expect(rows).toHaveLength(11);
    const sup = hist.values[0].indexOf('Superseded');
    const live = rows.filter((r) => r[sup] !== true);
    const keys = live.map((r) => `${r[0]}|${r[1]}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      rows
        .filter((r) => r[sup] === true)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['KR-101', 'O-100']);
    const kr101 = live.find((r) => r[1] === 'KR-101')!;
    expect(kr101[hist.values[0].indexOf('Revision')]).toBe(2);
    expect(kr101[hist.values[0].indexOf('Score')]).toBe(1);
    // Appends are one block after the last row; supersede is one block in the Superseded column.
    const hp = third.result.plan.sheets.find((p) => p.sheet === 'OKR History')!;
    expect(hp.writes).toHaveLength(2);
    expect(hp.writes.some((w) => w.col === sup && w.cells.every((l) => l.length === 1))).toBe(true);
    expect(hp.writes.some((w) => w.row === 10 && w.cells.length === 2)).toBe(true);
  });

  test('scoring twice leaves the same workbook; on the sheets OKR Grid writes, commands work on the OKR sheet behind them', () => {
    const snap = messySheetSnapshot();
    const first = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'score');
    const second = step(first.book, snap.name, 'score');
    expect(JSON.stringify(second.book.sheets.map((s) => [s.name, s.values, s.formulas]))).toBe(
      JSON.stringify(first.book.sheets.map((s) => [s.name, s.values, s.formulas])),
    );
    for (const sheet of ['OKR History', 'Scorecard 2026-Q4']) {
      const r = step(first.book, sheet, 'convert');
      expect(r.result.ok).toBe(true);
      expect(r.result.summary.en).toContain(`On the OKR sheet "${snap.name}" (you are on "${sheet}")`);
      expect(r.result.summary.zh).toContain(`OKR 工作表“${snap.name}”`);
      expect(r.result.plan.sheets.map((p) => p.sheet)).toEqual([snap.name]);
    }
    // A scorecard that does not name its OKR sheet (an earlier version's): a clear message, nothing changed.
    const old = sheetOf(first.book, 'Scorecard 2026-Q4');
    const src = old.values[0].indexOf('OKR sheet');
    expect(src).toBeGreaterThan(10);
    old.values[1][src] = '';
    const refused = step(first.book, 'Scorecard 2026-Q4', 'validate');
    expect(refused.result.ok).toBe(false);
    expect(refused.result.summary.en).toContain('does not say which OKR sheet');
    expect(refused.result.plan.sheets).toEqual([]);
    expect(readsFor('score', resolveSettings({ cycle: 'Q4 2026' })).others).toEqual([
      'OKR History',
      'OKR 历史',
      'Scorecard 2026-Q4',
      '计分卡 2026-Q4',
      'OKR Check-ins',
      'OKR 进展记录',
      'OKR Dashboard',
      'OKR 仪表板',
    ]);
  });

  test('Chinese: summary text and history header in Chinese', () => {
    const settings = resolveSettings({ lang: 'zh' });
    const snap = chineseOutlineSnapshot();
    const { result, book } = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'score', settings);
    expect(result.ok).toBe(true);
    expect(result.summary.zh).toMatch(/个目标/);
    // A Chinese workbook gets its scorecard and history under Chinese names.
    expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['计分卡 2026-10', 'OKR 历史']));
    expect(book.sheets.map((s) => s.name)).not.toContain('OKR History');
    expect(sheetOf(book, 'OKR 历史').values[0][0]).toBe('周期');
    expect((result.details as { objectives: number; krs: number }).krs).toBe(3);
    // The outline itself is never written.
    expect(sheetOf(book, snap.name).values).toEqual(bookFromSnapshot(workbookOf(snap)).sheets[0].values);
  });
});

describe('the sheets Score writes keep their names when the language changes', () => {
  test('an English history and scorecard are used (not duplicated) after switching to Chinese', () => {
    const snap = englishTableSnapshot();
    const first = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'score').book;
    const rows = historyRows(sheetOf(first, 'OKR History')).length;
    const zh = resolveSettings({ lang: 'zh' });
    const again = step(first, snap.name, 'score', zh).book;
    const names = again.sheets.map((s) => s.name);
    expect(names).toContain('Scorecard 2026-Q4');
    expect(names).not.toContain('计分卡 2026-Q4');
    expect(names).not.toContain('OKR 历史');
    // Closing the same cycle again adds nothing to the one history.
    expect(historyRows(sheetOf(again, 'OKR History'))).toHaveLength(rows);
  });

  test('a command run on a Chinese scorecard or history works on the OKR sheet it came from', () => {
    const settings = resolveSettings({ lang: 'zh' });
    const snap = chineseOutlineSnapshot();
    const book = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'score', settings).book;
    for (const sheet of ['计分卡 2026-10', 'OKR 历史']) {
      const r = step(book, sheet, 'validate', settings).result;
      expect(r.summary.zh).toContain(`（当前在“${sheet}”）`);
    }
  });
});

describe('roll forward', () => {
  test('unfinished KRs go to a new converted sheet "OKR 2027-Q1"; a second time is refused', () => {
    const snap = englishTableSnapshot();
    const first = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'rollForward');
    expect(first.result.ok).toBe(true);
    const s = sheetOf(first.book, 'OKR 2027-Q1');
    const header = s.values[0] as string[];
    expect(header).toContain('OKR Score');
    const krCol = header.indexOf('Key Result');
    // Done: KR-103 (4.9 >= 4.8) and KR-104 (Done). Carried: KR-101, KR-102, KR-201, KR-202, row 13.
    const krs = s.values.slice(1).filter((r) => r[krCol] !== '');
    expect(krs).toHaveLength(5);
    expect(krs.map((r) => r[krCol])).not.toContain('Keep store rating at least 4.8');
    // Start = last current value: KR-101 starts at 0.21.
    const startCol = header.indexOf('Start');
    expect(krs.find((r) => String(r[krCol]).startsWith('Raise repeat'))![startCol]).toBe(0.21);
    expect(first.result.plan.sheets[0].create).toBeDefined();
    const second = step(first.book, snap.name, 'rollForward');
    expect(second.result.ok).toBe(false);
    expect(second.result.summary.en).toMatch(/already exists/);
    expect(second.result.summary.zh).toMatch(/已存在/);
    expect(second.result.plan.sheets).toEqual([]);
    // The new sheet converts to itself.
    const again = step(first.book, 'OKR 2027-Q1', 'convert');
    expect(sheetOf(again.book, 'OKR 2027-Q1').values).toEqual(s.values);
  });
});

describe('summary', () => {
  test('no writes; the same numbers as score', () => {
    const snap = englishTableSnapshot();
    const r = runCommand('summary', workbookOf(snap), DEFAULT_SETTINGS);
    expect(r.ok).toBe(true);
    expect(r.plan.sheets).toEqual([]);
    const d = r.details as { objectives: number; krs: number; bands: unknown; findings: unknown[] };
    expect(d.objectives).toBe(2);
    expect(d.krs).toBe(7);
    expect(d.bands).toEqual({ red: 1, yellow: 3, green: 2 });
    expect(Array.isArray(d.findings)).toBe(true);
  });
});

describe('restorePlan', () => {
  function comparable(book: SimBook) {
    return book.sheets.map((s) => {
      const rows = Math.max(s.values.length, 1);
      const cols = Math.max(...s.values.map((r) => r.length), 0);
      const grid = <T>(g: T[][], d: T) =>
        Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => g[r]?.[c] ?? d));
      const trim = (g: unknown[][]) => JSON.stringify(g).replace(/(,"")+\]/g, ']');
      return {
        name: s.name,
        values: trim(grid(s.values, '' as unknown)),
        formulas: trim(grid(s.formulas, '')),
        notes: trim(grid(s.notes, '')),
        backgrounds: trim(grid(s.backgrounds, '')),
        formats: trim(grid(s.formats, '')),
        ownedRules: s.rules.length,
      };
    });
  }

  const cases: [string, () => SheetSnapshot, CommandName][] = [
    ['convert englishTable', englishTableSnapshot, 'convert'],
    ['convert messy (formula kept)', messySheetSnapshot, 'convert'],
    ['convert outline (new sheet deleted)', chineseOutlineSnapshot, 'convert'],
    ['score englishTable', englishTableSnapshot, 'score'],
    ['validate englishTable', englishTableSnapshot, 'validate'],
  ];
  test.each(cases)('%s: applying the plan then its restore plan gives the sheet back', (_n, make, command) => {
    const snap = make();
    snap.notes = snap.values.map((l, r) => l.map((_, c) => (r === 4 && c === 2 ? 'keep me' : '')));
    snap.backgrounds = snap.values.map((l, r) => l.map(() => (r === 4 ? '#abcdef' : '')));
    const start = bookFromSnapshot(workbookOf(snap));
    const wb = workbookSnapshot(start, snap.name, {
      formulas: true,
      notes: true,
      backgrounds: true,
      others: ['OKR History'],
    });
    const r = runCommand(command, wb, DEFAULT_SETTINGS);
    expect(r.ok).toBe(true);
    const applied = applyPlan(start, r.plan);
    expect(comparable(applied)).not.toEqual(comparable(start));
    const restore = restorePlan(r.plan, wb);
    const back = applyPlan(applied, restore);
    expect(comparable(back)).toEqual(comparable(start));
  });

  test('restoring over an existing history sheet writes back its old cells', () => {
    const snap = englishTableSnapshot();
    let book = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'score').book;
    sheetOf(book, snap.name).values[4][9] = 0.25;
    // Without the scorecard of the same cycle read, core asks for it first (a failure must be able to put it back).
    const partial = runCommand(
      'score',
      workbookSnapshot(book, snap.name, { formulas: true, notes: true, backgrounds: true, others: ['OKR History'] }),
      DEFAULT_SETTINGS,
    );
    // (and the dashboard Score refreshes, which this read left out too).
    expect(partial.readAgain).toEqual({ others: ['Scorecard 2026-Q4', 'OKR Dashboard'] });
    expect(partial.plan.sheets).toEqual([]);
    const wb = workbookSnapshot(book, snap.name, {
      formulas: true,
      notes: true,
      backgrounds: true,
      others: ['OKR History', 'Scorecard 2026-Q4', 'OKR Dashboard'],
    });
    const r = runCommand('score', wb, DEFAULT_SETTINGS);
    const before = historyRows(sheetOf(book, 'OKR History'));
    expect(before).toHaveLength(9);
    const applied = applyPlan(book, r.plan);
    expect(historyRows(sheetOf(applied, 'OKR History'))).toHaveLength(11);
    book = applyPlan(applied, restorePlan(r.plan, wb));
    expect(historyRows(sheetOf(book, 'OKR History'))).toEqual(before);
  });
});

describe('updatedStamp', () => {
  const converted = () => {
    const snap = englishTableSnapshot();
    const { book } = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'convert');
    const s = workbookSnapshot(book, snap.name).active;
    return { ...s, values: s.values.slice(0, 3) };
  };
  // 2026-11-20 is serial 46346 (fixture note), so 2026-11-23 is 46349.
  test('editing Current (J) of a KR row stamps the owned Updated column (W) of that row', () => {
    expect(updatedStamp(converted(), { row: 4, col: 9, rows: 1, cols: 1 }, FIXTURE_TODAY)).toEqual({
      row: 4,
      col: 22,
      cells: [[46349]],
    });
  });
  test('a pasted range over Current stamps each row', () => {
    expect(updatedStamp(converted(), { row: 4, col: 8, rows: 3, cols: 3 }, FIXTURE_TODAY)).toEqual({
      row: 4,
      col: 22,
      cells: [[46349], [46349], [46349]],
    });
  });
  test('other columns, the header, and unconverted sheets: null', () => {
    expect(updatedStamp(converted(), { row: 4, col: 8, rows: 1, cols: 1 }, FIXTURE_TODAY)).toBeNull();
    expect(updatedStamp(converted(), { row: 2, col: 9, rows: 1, cols: 1 }, FIXTURE_TODAY)).toBeNull();
    const raw = englishTableSnapshot();
    expect(
      updatedStamp({ ...raw, values: raw.values.slice(0, 3) }, { row: 4, col: 9, rows: 1, cols: 1 }, FIXTURE_TODAY),
    ).toBeNull();
    expect(updatedStamp(converted(), { row: 4, col: 9, rows: 1, cols: 1 }, 'not a date')).toBeNull();
  });
});

describe('plans do not grow with the rows', () => {
  const shapes = (n: number) => {
    const snap = generatedSnapshot(n);
    const wb = workbookOf(snap);
    const out: Record<string, ReturnType<typeof planShape> & { sheets: number }> = {};
    for (const c of ['convert', 'score', 'rollForward', 'summary'] as CommandName[]) {
      const r = runCommand(c, wb, DEFAULT_SETTINGS);
      expect(r.ok).toBe(true);
      out[c] = { ...planShape(r.plan), sheets: r.plan.sheets.length };
    }
    return out;
  };
  test('generatedTable(100) and generatedTable(10000): same counts of writes, formats, validations, rules', () => {
    const small = shapes(100);
    const big = shapes(10_000);
    expect(big).toEqual(small);
    // 3 band rules + invalid input cells + negative weight; dropdowns on Kind, Type, Level and the owned Confidence.
    expect(small.convert).toEqual({ writes: 1, formats: 1, validations: 4, rules: 5, patches: 0, sheets: 1 });
  });
  test('validate: per-cell patches, but one sheet plan (one bounding rectangle per kind of patch)', () => {
    for (const n of [100, 2000]) {
      const r = runCommand('validate', workbookOf(generatedSnapshot(n)), DEFAULT_SETTINGS);
      // The sheet's patches, and the hidden marks sheet written as one block.
      expect(r.plan.sheets.length).toBeLessThanOrEqual(2);
      const p = r.plan.sheets[0];
      if (p) {
        expect(p.writes).toHaveLength(0);
        expect(p.rules).toHaveLength(0);
      }
      const m = r.plan.sheets[1];
      if (m) {
        expect(m.sheet).toBe('OKR Grid marks');
        expect(m.hidden).toBe(true);
        expect(m.writes).toHaveLength(1);
      }
    }
  });
});

test('the plan for every command is plain JSON (no functions, no class instances)', () => {
  for (const c of COMMANDS) {
    const r = runCommand(c, workbookOf(englishTableSnapshot()), DEFAULT_SETTINGS);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  }
  const plan: WorkbookPlan = runCommand('convert', workbookOf(chineseOutlineSnapshot()), DEFAULT_SETTINGS).plan;
  expect(plan.sheets[0].create).toEqual({ after: '10月OKR' });
});

describe('generated sheets speak the workbook language (issue 11)', () => {
  const CODES = [
    'kr',
    'objective',
    'team',
    'progressing',
    'needs-review',
    'set-too-low',
    'rethink',
    'achieved',
    'aspirational',
    'committed',
    'below',
    'above',
    'binary',
    'increase',
    'decrease',
  ];

  test('Chinese: history, scorecard and next quarter carry no English codes; the words read back', () => {
    const zh = resolveSettings({ lang: 'zh' });
    const snap = englishTableSnapshot();
    let book = bookFromSnapshot(workbookOf(snap));
    book = step(book, snap.name, 'score', zh).book;
    book = step(book, snap.name, 'rollForward', zh).book;
    for (const name of ['OKR 历史', '计分卡 2026-Q4', 'OKR 2027-Q1']) {
      const words = sheetOf(book, name)
        .values.flat()
        .filter((v): v is string => typeof v === 'string');
      expect([name, words.filter((w) => CODES.includes(w.trim().toLowerCase()))]).toEqual([name, []]);
    }
    const hist = sheetOf(book, 'OKR 历史').values;
    expect(hist[0][2]).toBe('类别');
    expect(hist.slice(1).map((r) => r[2])).toEqual(expect.arrayContaining(['目标', '关键结果']));
    // KR-102 (committed, 0.5) closes below its commitment; KR-201 (0) must be rethought; level team is 团队.
    const row = (id: string) => hist.find((r) => r[1] === id)!;
    expect(row('KR-102')[7]).toBe('未达承诺');
    expect(row('KR-201')[7]).toBe('需重新思考');
    expect(row('O-100')[5]).toBe('团队');
    const next = sheetOf(book, 'OKR 2027-Q1').values;
    const kindCol = next[0].indexOf('计分方式');
    expect(
      next
        .slice(1)
        .map((r) => r[kindCol])
        .filter(Boolean),
    ).toEqual(expect.arrayContaining(['增加', '减少', '不高于']));
    // Closing again in English reads the Chinese words back from the Chinese sheets: nothing changed, no new rows.
    const again = step(book, snap.name, 'score');
    expect(again.result.ok).toBe(true);
    expect(again.book.sheets.map((s) => s.name)).not.toContain('OKR History');
    expect(sheetOf(again.book, 'OKR 历史').values.length).toBe(hist.length);
  });

  test('a history written by an earlier version (codes) is read back: closing again adds nothing', () => {
    const snap = englishTableSnapshot();
    let book = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'score').book;
    const hist = sheetOf(book, 'OKR History');
    // As earlier versions wrote it: codes for kind, level and status, long status labels.
    for (const r of hist.values.slice(1)) {
      r[2] = r[2] === 'Objective' ? 'objective' : 'kr';
      r[5] = r[5] === 'Team' ? 'team' : r[5];
      r[7] =
        r[7] === 'Below commitment' ? 'needs-review' : r[7] === 'Rethink' ? 'Rethink the KR or the approach' : r[7];
    }
    const rows = hist.values.length;
    book = step(book, snap.name, 'score').book;
    expect(sheetOf(book, 'OKR History').values.length).toBe(rows);
  });
});

describe('stale means not updated (issue 11)', () => {
  test('editing a current value (the Updated stamp) clears its stale finding at the next Validate', () => {
    const snap = englishTableSnapshot();
    let book = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'convert').book;
    // KR-102 was last updated 2026-11-02 (its own "Last updated" column): 21 days before FIXTURE_TODAY, over 14.
    const stale = (b: typeof book) =>
      (step(b, snap.name, 'validate').result.details as { findings: { rule: string; row: number }[] }).findings
        .filter((f) => f.rule === 'kr-stale')
        .map((f) => f.row);
    expect(stale(book)).toContain(5);
    // The user edits KR-102's current value today: the add-in stamps its Updated column (core's updatedStamp).
    const sheet = sheetOf(book, snap.name);
    const stamp = updatedStamp(
      { name: snap.name, origin: { row: 0, col: 0 }, values: sheet.values },
      { row: 5, col: 9, rows: 1, cols: 1 },
      FIXTURE_TODAY,
    )!;
    expect(stamp).not.toBeNull();
    sheet.values[5][stamp.col] = stamp.cells[0][0];
    book = { ...book };
    expect(stale(book)).not.toContain(5);
  });
});

describe('findings beside a command (the command line prints them)', () => {
  test("every command with { findings: true } carries Validate's details, from the same reading", () => {
    for (const snap of [workbookOf(englishTableSnapshot()), workbookOf(messySheetSnapshot())]) {
      const validate = runCommand('validate', snap, DEFAULT_SETTINGS);
      for (const name of ['convert', 'score', 'checkin', 'rollForward', 'summary'] as CommandName[]) {
        const r = runCommand(name, snap, DEFAULT_SETTINGS, { findings: true });
        expect([name, r.validation]).toEqual([name, validate.details]);
        expect(runCommand(name, snap, DEFAULT_SETTINGS).validation).toBeUndefined();
      }
    }
  });
});
