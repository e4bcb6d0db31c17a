/**
 * Convert, validate, clear, score and roll forward, end to end through the built bundle on the shared fixtures.
 * Expected values come from the fixtures' documented facts and the domain rules (okr-domain.md).
 */
import { OWNED_RULE_MARK } from '../../core/sheet-plan';
import * as fx from '../../fixtures/sheets';
import { FakeDataValidation, type FakeSheet } from '../fakes/spreadsheet-app';
import { loadProject, plain, type LoadedProject } from './harness';

/** A custom-function call: in Sheets each cell holding one is an Apps Script execution of its own. */
const CUSTOM_CALL = /\b(OKRSCORE|ROLLUP|OKRSTATUS|OKRPACE)\(/;
/** The grid's score in Sheets: one native LET formula, no custom function. */
const NATIVE_SCORE = /^=LET\((?![\s\S]*\b(OKRSCORE|ROLLUP|OKRSTATUS|OKRPACE)\()/;

const run = (p: LoadedProject, cmd: string) =>
  plain(p.call('panelRun', cmd)) as { ok: boolean; summary: { en: string; zh: string }; details?: any };

/** Column of a header text in `row`, or -1. */
const colOf = (s: FakeSheet, row: number, re: RegExp) =>
  (s.values()[row] ?? []).findIndex((v) => typeof v === 'string' && re.test(v));

function userCellsUnchanged(s: FakeSheet, grid: unknown[][]) {
  grid.forEach((row, r) =>
    row.forEach((v, c) =>
      expect([r, c, s.valueAt(r, c) === '' && v === '' ? '' : s.cellAt(r, c, false)?.value]).toEqual([r, c, v]),
    ),
  );
}

const allStates = (p: LoadedProject) => plain(p.book.sheets.map((s) => ({ name: s.name, state: s.state() })));

describe('convert: English table', () => {
  const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
  const res = run(p, 'convert');
  const s = p.book.sheet('Q4 OKRs');
  const scoreCol = colOf(s, 2, /score/i);

  test('succeeds, stays on one sheet, tells the user in a toast-able summary', () => {
    expect(res.ok).toBe(true);
    expect(res.summary.en).toMatch(/2 objectives.*7 key results/);
    expect(p.book.sheets.map((x) => x.name)).toEqual(['Q4 OKRs']);
  });

  test("every cell the user typed is still there (columns are added to the right, never over the user's)", () => {
    userCellsUnchanged(s, fx.englishTable);
    expect(scoreCol).toBeGreaterThanOrEqual(fx.englishTable[0].length);
  });

  test('KR rows get score formulas whose computed values follow the scoring rules', () => {
    // native Sheets formulas: no Apps Script execution per cell (issue 13)
    for (const r of [4, 5, 6, 7, 10, 11, 12]) expect(s.formulaAt(r, scoreCol)).toMatch(NATIVE_SCORE);
    expect(s.valueAt(4, scoreCol)).toBeCloseTo((0.21 - 0.18) / (0.25 - 0.18), 10); // increase
    expect(s.valueAt(5, scoreCol)).toBeCloseTo((0.04 - 0.05) / (0.03 - 0.05), 10); // decrease: 0.5, not inverted
    expect(s.valueAt(6, scoreCol)).toBe(1); // 4.9 >= 4.8
    expect(s.valueAt(7, scoreCol)).toBe(1); // Done
    expect(s.valueAt(10, scoreCol)).toBe(0); // 52 > 48 hours
    expect(s.valueAt(12, scoreCol)).toBeCloseTo((3.1 - 3.5) / (2.8 - 3.5), 10); // inferred decrease
    expect(String(s.valueAt(11, scoreCol))).toMatch(/^#/); // 'about half' is not a number: an error, not a score
  });

  test('objective rows roll up their KRs with the weights', () => {
    expect(s.formulaAt(3, scoreCol)).toMatch(/^=IF\(/); // a native rollup over the KR score cells
    expect(s.formulaAt(3, scoreCol)).not.toMatch(CUSTOM_CALL);
    const expected = 0.4 * (0.03 / 0.07) + 0.3 * 0.5 + 0.2 * 1 + 0.1 * 1;
    expect(s.valueAt(3, scoreCol)).toBeCloseTo(expected, 10);
  });

  test('score cells are formatted as numbers; the blank separator row gets no formula', () => {
    expect(s.formatAt(4, scoreCol)).not.toBe('General');
    expect(s.formulaAt(8, scoreCol)).toBe('');
  });

  test('dropdowns on kind, type, level and confidence over the data rows', () => {
    const kind = s.validationAt(4, 6);
    expect(kind).not.toBeNull();
    expect(kind!.list.map((x) => x.toLowerCase())).toEqual(expect.arrayContaining(['increase', 'decrease', 'binary']));
    expect(s.validationAt(4, 5)!.list.map((x) => x.toLowerCase())).toEqual(
      expect.arrayContaining(['committed', 'aspirational']),
    );
    expect(s.validationAt(4, 1)!.list.map((x) => x.toLowerCase())).toEqual(
      expect.arrayContaining(['company', 'team', 'individual']),
    );
    expect(s.validationAt(4, 13)!.list.map((x) => x.toLowerCase())).toEqual(expect.arrayContaining(['high', 'low']));
    expect(s.validationAt(12, 6)).not.toBeNull();
    expect(s.validationAt(2, 6)).toBeNull(); // not on the header
  });

  test('conditional format rules for the score bands, each carrying the ownership mark', () => {
    expect(s.rules.length).toBeGreaterThanOrEqual(3);
    for (const r of s.rules) expect(r.formula.replace(/\s/g, '')).toContain(OWNED_RULE_MARK);
    const scoreRanges = s.rules.flatMap((r) => r.ranges.map((x) => x.rect)).filter((x) => x.col === scoreCol);
    expect(scoreRanges.length).toBeGreaterThanOrEqual(3);
    expect(s.rules.map((r) => r.formula).join(' ')).toMatch(/0\.4/); // the red band edge from the default settings
  });

  test('frozen header; the added header cells are styled, the data rows are not', () => {
    expect(s.frozenRows).toBe(3);
    expect(s.boldAt(2, scoreCol)).toBe(true);
    expect(s.boldAt(4, scoreCol)).toBe(false);
    expect(s.bandings).toHaveLength(1);
  });

  test('converting again changes nothing', () => {
    const before = allStates(p);
    const again = run(p, 'convert');
    expect(again.ok).toBe(true);
    expect(allStates(p)).toEqual(before);
  });
});

describe('convert: Chinese outline (the seed)', () => {
  const p = loadProject({ locale: 'zh_CN' }, (b) => b.addSheet('10月OKR', fx.chineseOutline));
  const original = plain(p.book.sheet('10月OKR').state());
  const res = run(p, 'convert');

  test('a new grid sheet; the outline itself is untouched', () => {
    expect(res.ok).toBe(true);
    expect(p.book.sheets).toHaveLength(2);
    expect(plain(p.book.sheet('10月OKR').state())).toEqual(original);
  });

  test('the grid holds the objective and its three KRs on their own rows, E lines as initiatives not KRs', () => {
    const grid = p.book.sheets.find((x) => x.name !== '10月OKR')!;
    const vals = grid.values();
    const flat = vals.map((r) => r.join('\u0001'));
    const objRow = flat.findIndex((l) => l.includes('打造一个成功的客户拓展团队'));
    expect(objRow).toBeGreaterThan(0);
    const krTitles = [
      '完成拓展团队工作流程的最终制定',
      '完成10月XX家新客户的开发',
      '在开发新客户活动X大平台上收获10w粉丝',
    ];
    const krRows = krTitles.map((t) => flat.findIndex((l) => l.split('\u0001').includes(t)));
    for (const r of krRows) expect(r).toBeGreaterThan(objRow);
    expect(new Set(krRows).size).toBe(3);
    // Initiatives are not rows of their own.
    expect(vals.filter((r) => r.some((v) => v === '制定团队工作流程初版'))).toHaveLength(0);
    expect(flat.some((l) => l.includes('制定团队工作流程初版'))).toBe(true);
    // KR3's target is inferred from '10w' = 100,000.
    expect(vals[krRows[2]]).toContain(100000);
    // the month cycle of the seed
    expect(flat.join('\n')).toContain('2026-10');
    // formulas score every KR row
    const scoreCol = colOf(grid, 0, /score|得分/i);
    for (const r of krRows) expect(grid.formulaAt(r, scoreCol)).toMatch(NATIVE_SCORE);
  });

  test('converting again changes nothing', () => {
    p.book.active = p.book.sheet('10月OKR');
    const before = allStates(p);
    expect(run(p, 'convert').ok).toBe(true);
    expect(allStates(p)).toEqual(before);
  });
});

describe('convert: messy sheet (two-row header, blank rows, formulas, hostile text)', () => {
  const p = loadProject({}, (b) => b.addSheet('运营部', fx.messySheet, { formulas: fx.messyFormulas }));
  const res = run(p, 'convert');
  const s = p.book.sheet('运营部');

  test('succeeds without touching what the user typed', () => {
    expect(res.ok).toBe(true);
    userCellsUnchanged(s, fx.messySheet);
    expect(s.formulaAt(3, 5)).toBe('=0.2+0.01'); // the user's own formula stays a formula
  });

  test("the '=cmd|...' note stays text and '<img ...>' stays a plain owner name; no formula anywhere holds them", () => {
    expect(s.formulaAt(3, 7)).toBe('');
    expect(s.valueAt(3, 7)).toBe("=cmd|' /C calc'!A0");
    expect(s.valueAt(6, 2)).toBe('<img src=x onerror=alert(1)>');
    for (const sh of p.book.sheets) {
      sh.grid.forEach((row) => row.forEach((cell) => expect(cell.formula).not.toMatch(/cmd\||onerror/)));
    }
  });

  test('the KR rows (3, 4, 6, 8, 9) get score formulas; blank rows and the note-only row do not', () => {
    const scoreCol = colOf(s, 2, /score/i);
    expect(scoreCol).toBeGreaterThan(8);
    for (const r of [3, 4, 6, 8, 9]) expect(s.formulaAt(r, scoreCol)).toMatch(NATIVE_SCORE);
    for (const r of [5, 7, 10]) expect(s.formulaAt(r, scoreCol)).toBe('');
    // row 3: (0.21 - 0.18) / (0.25 - 0.18) from the formula's computed value 0.21
    expect(s.valueAt(3, scoreCol)).toBeCloseTo(0.03 / 0.07, 10);
    // row 6: ¥2万 -> ¥3.5万, now ¥2.8万: (28000 - 20000) / (35000 - 20000)
    expect(s.valueAt(6, scoreCol)).toBeCloseTo(8000 / 15000, 10);
  });

  test('converting again changes nothing', () => {
    const before = allStates(p);
    expect(run(p, 'convert').ok).toBe(true);
    expect(allStates(p)).toEqual(before);
  });
});

describe('validate and clear highlights', () => {
  const userFill = '#ffff00';
  const notes = fx.englishTable.map((r) => r.map(() => ''));
  notes[4][4] = 'my own note';
  const backgrounds = fx.englishTable.map((r) => r.map(() => ''));
  backgrounds[2][0] = userFill;
  backgrounds[11][9] = '#cfe2f3'; // the user's own fill on the cell validate will flag
  const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable, { notes, backgrounds }));
  const s = p.book.sheet('Q4 OKRs');
  const before = plain(s.state());
  const res = run(p, 'validate');

  test('finds the problems and returns them for the panel', () => {
    expect(res.ok).toBe(true);
    const findings = res.details.findings as any[];
    expect(findings.length).toBeGreaterThan(0);
    // the one value problem: 'about half' in the current cell of row 11 (J12)
    const value = findings.find((f) => f.row === 11 && f.col === 9);
    expect(value).toBeDefined();
    expect(value.severity).toBe('error');
    expect(value.message.en).toMatch(/about half/);
    // KR-102 was last updated 2026-11-02: more than 14 days before today (the 'not updated' rule)
    expect(findings.some((f) => f.row === 5 && /14|updated/i.test(f.message.en))).toBe(true);
  });

  test('highlights each flagged cell and puts the reason in its note; the values are untouched', () => {
    for (const f of res.details.findings as any[]) {
      expect(s.backgroundAt(f.row, f.col)).not.toBe('');
      expect(s.noteAt(f.row, f.col)).toContain(f.message.en.slice(0, 20));
    }
    expect(s.backgroundAt(11, 9)).not.toBe('#cfe2f3');
    userCellsUnchanged(s, fx.englishTable);
    expect(s.noteAt(4, 4)).toBe('my own note');
  });

  test('clear highlights puts back exactly the fills and notes the user had', () => {
    const cleared = run(p, 'clear');
    expect(cleared.ok).toBe(true);
    expect(plain(s.state())).toEqual(before);
    expect(s.backgroundAt(11, 9)).toBe('#cfe2f3');
    expect(s.backgroundAt(2, 0)).toBe(userFill);
  });
});

describe('score quarter and start next quarter', () => {
  const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
  run(p, 'convert');
  const res = run(p, 'score');

  test('writes a scorecard and history rows for 2026-Q4', () => {
    expect(res.ok).toBe(true);
    const names = p.book.sheets.map((x) => x.name);
    expect(names).toContain('Scorecard 2026-Q4');
    expect(names).toContain('OKR History');
    expect(names[0]).toBe('Q4 OKRs');
    const hist = p.book.sheet('OKR History').values();
    const idCol = hist[0].findIndex((h) => /^id$/i.test(String(h)));
    const ids = hist.slice(1).map((r) => r[idCol]);
    expect(ids).toEqual(
      expect.arrayContaining(['O-100', 'O-200', 'KR-101', 'KR-102', 'KR-103', 'KR-104', 'KR-201', 'KR-202']),
    );
    const scoreCol = hist[0].findIndex((h) => /score/i.test(String(h)));
    const kr102 = hist.find((r) => r[idCol] === 'KR-102')!;
    expect(kr102[scoreCol]).toBeCloseTo(0.5, 10);
    const kr101 = hist.find((r) => r[idCol] === 'KR-101')!;
    expect(kr101[scoreCol]).toBeCloseTo(0.03 / 0.07, 10);
  });

  test("the scorecard shows each objective's weighted score and their average", () => {
    const sc = p.book.sheet('Scorecard 2026-Q4').values();
    const flat = sc.flat();
    // O-100: 0.4 x 3/7 + 0.3 x 0.5 + 0.2 x 1 + 0.1 x 1; O-200 is not scored: KR-202's current 'about half' cannot be
    // read (the sheet shows #VALUE! there and #N/A for O-200); the average counts its scored KRs (blank is not zero):
    // KR-201 (50%) 0 and row 13 (20%) 4/7 -> (0.2 x 4/7) / 0.7 = 8/49.
    const o100 = 0.4 * (0.03 / 0.07) + 0.3 * 0.5 + 0.2 + 0.1;
    const has = (x: number) => flat.some((v) => typeof v === 'number' && Math.abs(v - x) < 1e-9);
    expect(has(o100)).toBe(true);
    expect(sc.find((r) => r[1] === 'Make fulfilment fast and cheap')![6]).toBe('');
    expect(res.details.averageScore).toBeCloseTo((o100 + 8 / 49) / 2, 9);
    expect(res.details.krs).toBe(7);
    expect(res.details.objectives).toBe(2);
  });

  test('the history keeps a record of each KR once per close; a second close does not duplicate it', () => {
    const count = () =>
      p.book
        .sheet('OKR History')
        .values()
        .filter((r) => r.includes('KR-101')).length;
    expect(count()).toBe(1);
    p.book.active = p.book.sheet('Q4 OKRs');
    expect(run(p, 'score').ok).toBe(true);
    const hist = p.book.sheet('OKR History').values();
    const supCol = hist[0].findIndex((h) => /superseded/i.test(String(h)));
    const live = hist.filter((r) => r.includes('KR-101') && (supCol < 0 || r[supCol] !== true));
    expect(live).toHaveLength(1);
  });

  test('start next quarter carries the unfinished KRs to 2027-Q1 with start = last current value', () => {
    p.book.active = p.book.sheet('Q4 OKRs');
    const rf = run(p, 'rollForward');
    expect(rf.ok).toBe(true);
    const next = p.book.sheets.find((x) => /2027-Q1/.test(x.name));
    expect(next).toBeDefined();
    const vals = next!.values();
    const flat = vals.map((r) => r.join('\u0001'));
    expect(flat.some((l) => l.includes('Raise repeat purchase rate from 18% to 25%'))).toBe(true);
    // finished KRs (score 1.0) are not carried
    expect(flat.some((l) => l.includes('Keep store rating at least 4.8'))).toBe(false);
    expect(flat.some((l) => l.includes('Launch the membership program'))).toBe(false);
    const row = vals.find((r) => r.includes('Raise repeat purchase rate from 18% to 25%'))!;
    expect(row).toContain(0.21); // new start = Q4's current
    expect(row).toContain(0.25); // same target
    // the Q4 sheet stays as it was
    userCellsUnchanged(p.book.sheet('Q4 OKRs'), fx.englishTable);
  });
});

describe('onEdit stamps the Updated cell', () => {
  const p = loadProject({ timeZone: 'Asia/Shanghai' }, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
  run(p, 'convert');
  const s = p.book.sheet('Q4 OKRs');
  const updatedCol = colOf(s, 2, /^updated$/i); // the add-in's own Updated column
  const edit = (row: number, col: number, value: unknown) => {
    s.cellAt(row, col, true)!.value = value;
    const range = s.getRange(row + 1, col + 1);
    p.call('onEdit', { range, source: p.g.SpreadsheetApp.getActiveSpreadsheet(), value });
  };
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const asIso = (v: unknown) => {
    if (typeof v === 'number') {
      const d = new Date(Date.UTC(1899, 11, 30) + v * 86400000);
      return d.toISOString().slice(0, 10);
    }
    return String(v);
  };

  test("editing a KR's current value stamps today in its Updated cell", () => {
    expect(updatedCol).toBeGreaterThan(17);
    expect(s.valueAt(4, updatedCol)).toBe('');
    edit(4, 9, 0.23);
    expect(asIso(s.valueAt(4, updatedCol))).toBe(today);
  });

  test('editing a title does not stamp', () => {
    const before = s.valueAt(5, updatedCol);
    edit(5, 4, 'Reduce refund rate from 5% to 2.5%');
    expect(s.valueAt(5, updatedCol)).toBe(before);
  });
});

describe('panel server functions', () => {
  test('settings round-trip through DocumentProperties; the language defaults to the spreadsheet locale', () => {
    const p = loadProject({ locale: 'zh_CN' }, (b) => b.addSheet('S', [['x']]));
    expect(plain(p.call('panelGetSettings')).lang).toBe('zh');
    const saved = plain(p.call('panelSaveSettings', JSON.stringify({ lang: 'en', bands: { red: 0.3, yellow: 0.6 } })));
    expect(saved.bands).toEqual({ red: 0.3, yellow: 0.6 });
    expect(JSON.parse(p.fake.documentProperties.store['okrGrid.settings']).bands.red).toBe(0.3);
    expect(plain(p.call('panelGetSettings')).lang).toBe('en');
    expect(p.call('panelLocale')).toBe('zh-CN');
  });

  test('settings saved on "Automatic" store no language: panel and commands follow the spreadsheet locale', () => {
    const p = loadProject({ locale: 'en_US' }, (b) => b.addSheet('10月OKR', fx.chineseOutline));
    expect(plain(p.call('panelGetSettings')).followLocale).toBe(true); // nothing saved yet
    // Saved while the spreadsheet was English: the panel sends lang 'en' along with "follow the locale".
    const saved = plain(p.call('panelSaveSettings', JSON.stringify({ lang: 'en', cycle: '2026-Q4' }), true));
    expect(saved.lang).toBe('en');
    const stored = JSON.parse(p.fake.documentProperties.store['okrGrid.settings']);
    expect(stored).not.toHaveProperty('lang');
    expect(stored.cycle).toBe('2026-Q4');

    p.book.locale = 'zh_CN'; // File > Settings > Locale: China
    expect(plain(p.call('panelGetSettings'))).toMatchObject({ lang: 'zh', cycle: '2026-Q4', followLocale: true });
    expect(run(p, 'convert').ok).toBe(true);
    const added = p.book.sheets
      .map((s) => s.name)
      .find((n) => n !== '10月OKR')!
      .replace('10月OKR', '');
    // convert names its grid sheet after the outline plus a word in the language core writes in
    expect(added).toMatch(/[\u4e00-\u9fff]/);
    expect(added).not.toMatch(/[A-Za-z]/);
  });

  test('a language picked in the panel is stored and wins over the locale', () => {
    const p = loadProject({ locale: 'zh_CN' }, (b) => b.addSheet('S', [['x']]));
    p.call('panelSaveSettings', JSON.stringify({ lang: 'en' }), false);
    expect(JSON.parse(p.fake.documentProperties.store['okrGrid.settings']).lang).toBe('en');
    expect(plain(p.call('panelGetSettings'))).toMatchObject({ lang: 'en', followLocale: false });
  });

  test('saved bands reach the conditional format rules convert writes', () => {
    const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
    p.call('panelSaveSettings', JSON.stringify({ bands: { red: 0.3, yellow: 0.6 } }));
    run(p, 'convert');
    const formulas = p.book
      .sheet('Q4 OKRs')
      .rules.map((r) => r.formula)
      .join(' ');
    expect(formulas).toMatch(/0\.3\b/);
    expect(formulas).not.toMatch(/<0\.4\b/);
  });

  test('panelSelect selects the cell of a finding (0-based row/col)', () => {
    const p = loadProject({}, (b) => {
      b.addSheet('A', [['x']]);
      b.addSheet('Q4 OKRs', fx.englishTable);
    });
    p.call('panelSelect', 'Q4 OKRs', 11, 9);
    expect(p.book.activeRange).toEqual({ sheet: 'Q4 OKRs', a1: 'J12' });
    expect(p.book.active!.name).toBe('Q4 OKRs');
    p.call('panelSelect', 'Q4 OKRs', -1, 'x');
    expect(p.book.activeRange!.a1).toBe('J12');
  });

  test('an unknown command is refused with a message', () => {
    const p = loadProject({}, (b) => b.addSheet('S', [['x']]));
    const r = run(p, 'deleteEverything');
    expect(r.ok).toBe(false);
    expect(r.summary.en).toMatch(/unknown/i);
  });

  test('the menu items run the commands and report in a toast', () => {
    const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
    p.call('menuConvert');
    expect(p.book.toasts).toHaveLength(1);
    expect(p.book.toasts[0].message).toMatch(/2 objectives/);
    p.call('menuValidate');
    expect(p.book.toasts[1].message).toMatch(/finding/);
  });
});

describe('date cells come back as Dates in the spreadsheet time zone', () => {
  test.each(['Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati'])(
    '%s: a date typed in the sheet is read as that date',
    (timeZone) => {
      const p = loadProject({ timeZone }, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
      const s = p.book.sheet('Q4 OKRs');
      for (let r = 3; r < fx.englishTable.length; r++) {
        s.cellAt(r, 12, false)!.format = 'yyyy-mm-dd'; // Due
        s.cellAt(r, 15, false)!.format = 'yyyy-mm-dd'; // Last updated
      }
      const res = run(p, 'validate');
      expect(res.ok).toBe(true);
      // KR-102 was last updated on serial 46328 = 2026-11-02 (not the 1st or the 3rd, whatever the zones)
      const stale = (res.details.findings as any[]).find((f) => f.row === 5 && /updated/i.test(f.message.en));
      expect(stale).toBeDefined();
      expect(stale.message.en).toContain('2026-11-02');
    },
  );
});

describe('a quarter clicked in any order: no dead ends (issue 11)', () => {
  test('after Score quarter the scorecard is active: next quarter, clear highlights and the summary work on the OKR sheet', () => {
    const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
    expect(run(p, 'convert').ok).toBe(true);
    expect(run(p, 'validate').ok).toBe(true);
    const notes = () =>
      p.book
        .sheet('Q4 OKRs')
        .grid.flat()
        .filter((c) => c.note).length;
    expect(notes()).toBeGreaterThan(0);
    expect(run(p, 'score').ok).toBe(true);
    expect(p.book.active!.name).toBe('Scorecard 2026-Q4');
    const summary = run(p, 'summary');
    expect(summary.summary.en).toContain('On the OKR sheet "Q4 OKRs" (you are on "Scorecard 2026-Q4")');
    expect(summary.details).toMatchObject({ objectives: 2, krs: 7, sheet: 'Q4 OKRs' });
    p.book.active = p.book.sheet('Scorecard 2026-Q4');
    const cleared = run(p, 'clear');
    expect(cleared.ok).toBe(true);
    expect(cleared.summary.en).toContain('"Q4 OKRs"');
    expect(notes()).toBe(0);
    p.book.active = p.book.sheet('Scorecard 2026-Q4');
    const next = run(p, 'rollForward');
    expect(next.ok).toBe(true);
    expect(p.book.sheets.map((s) => s.name)).toContain('OKR 2027-Q1');
  });
});

describe("the user's own dropdowns stay (issue 11)", () => {
  test('a strict list on the Kind column survives convert; the Type column without one gets the add-in list', () => {
    const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
    const sheet = p.book.sheet('Q4 OKRs');
    const strict = new FakeDataValidation(
      ['Increase', 'Decrease', 'Stay above', 'Stay below', 'Milestone'],
      true,
      false,
    );
    for (let r = 3; r <= 12; r++) sheet.validations.set(`${r},6`, strict);
    expect(run(p, 'convert').ok).toBe(true);
    for (let r = 3; r <= 12; r++) expect(sheet.validations.get(`${r},6`)).toBe(strict);
    expect(sheet.validations.get('4,5')?.list).toContain('Committed');
  });
});
