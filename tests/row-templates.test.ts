/**
 * Formula templates (core/row-templates.ts): a formula built once per shape with a row marker, then joined with each
 * row's number. The plan must give every row exactly the formula the formula functions give for that row's cells,
 * whatever shape the rows before it had.
 */
import { filledCell, filledFrom, ROW_MARK, RowTemplates } from '../core/row-templates';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from '../core/settings';
import { gridFormulas, paceFormula, scoreFormula, statusFormula } from '../core/formulas';
import { colLetter, type WorkbookPlan } from '../core/sheet-plan';
import { readModel } from '../core/parse-sheet';
import { planConvert, type PlanContext } from '../core/plan-convert';
import { FIXTURE_TODAY, snapshotOf } from '../fixtures/sheets';

describe('RowTemplates', () => {
  test('builds a shape once and puts each row number where the marker is', () => {
    const built: string[] = [];
    const t = new RowTemplates((k1) => {
      built.push(k1);
      return `=F(A${ROW_MARK},${k1})`;
    });
    expect(t.formula('5', `B${ROW_MARK}`)).toBe('=F(A5,B5)');
    expect(t.formula('123', `B${ROW_MARK}`)).toBe('=F(A123,B123)');
    expect(t.formula('7', '"Committed"')).toBe('=F(A7,"Committed")');
    expect(built).toEqual([`B${ROW_MARK}`, '"Committed"']);
  });

  test('each key (up to three strings) has its own template, built from those keys', () => {
    const t = new RowTemplates((a, b, c) => `=${a}${ROW_MARK}+${b}+${c}`);
    expect(t.formula('2', 'A', 'b', 'c')).toBe('=A2+b+c');
    expect(t.formula('2', 'A', 'b', 'd')).toBe('=A2+b+d');
    expect(t.formula('2', 'A', 'e')).toBe('=A2+e+');
    expect(t.formula('3', 'A', 'b', 'c')).toBe('=A3+b+c');
    // A formula without a reference is the same text on every row.
    expect(new RowTemplates(() => '=1').formula('9', '')).toBe('=1');
  });

  test("a cell's text is built when read, and reads, compares and serialises as { f: text }", () => {
    const t = new RowTemplates((k1) => `=F(A${ROW_MARK},${k1})`);
    const a = t.cell('5', `B${ROW_MARK}`);
    const b = t.cell('6', `B${ROW_MARK}`);
    expect(a.f).toBe('=F(A5,B5)');
    expect(a).toEqual({ f: '=F(A5,B5)' });
    expect({ ...b }).toEqual({ f: '=F(A6,B6)' });
    expect(JSON.parse(JSON.stringify([a]))).toEqual([{ f: '=F(A5,B5)' }]);
    // the same template behind both: a host can tell a filled-down column without reading the text
    expect(filledFrom(a)!.parts).toBe(filledFrom(b)!.parts);
    expect(filledFrom(b)!.rowText).toBe('6');
    expect(filledFrom(t.cell('7', '"x"'))!.parts).not.toBe(filledFrom(a)!.parts);
    expect(filledFrom({ f: '=F(A5,B5)' })).toBeUndefined();
    expect(filledFrom(null)).toBeUndefined();
    expect(filledCell(['=1'], '9').f).toBe('=1');
  });
});

describe('the plan gives each row its own formula, whatever the rows before it', () => {
  // Rows of different shapes, one after the other (worked out by hand; the quarter of FIXTURE_TODAY 2026-11-23 is
  // 2026-Q4, 2026-10-01 to 2026-12-31):
  // - row 2: Type and Kind typed and understood -> both read from their cells; Due 2026-11-30;
  // - row 3: Type 'banana' (not a type word) -> the status reads the objective's type as a literal; Kind blank, so the
  //   score falls back to the reading ('Cut' with start 10 above target 5: decrease); no Due -> the cycle's end;
  // - row 4: Target blank, the wording says 300 -> the score falls back to 300 while F4 is blank; Kind blank, read
  //   as increase; Due 2026-12-15;
  // - row 5: the same shape as row 2 again.
  const values = [
    ['Objective', 'Key Result', 'Type', 'Kind', 'Start', 'Target', 'Current', 'Due'],
    ['Grow the product', 'Grow weekly users', 'Committed', 'Increase', 0, 100, 50, '2026-11-30'],
    ['Grow the product', 'Cut churn', 'banana', '', 10, 5, 8, ''],
    ['Grow the product', 'Reach 300 signups', 'Aspirational', '', 0, '', 100, '2026-12-15'],
    ['Grow the product', 'Grow revenue', 'Committed', 'Increase', 0, 100, 20, '2026-11-30'],
  ];
  const rows = [
    { R: 2, type: 'C2', target: 'F2', kind: 'D2', due: '2026-11-30' },
    { R: 3, type: '"Committed"', target: 'F3', kind: 'IF(D3="","decrease",D3)', due: '2026-12-31' },
    { R: 4, type: 'C4', target: 'IF(F4="",300,F4)', kind: 'IF(D4="","increase",D4)', due: '2026-12-15' },
    { R: 5, type: 'C5', target: 'F5', kind: 'D5', due: '2026-11-30' },
  ];

  function formulasOf(plan: WorkbookPlan, header: string): Map<number, string> {
    const block = plan.sheets[0].writes[0];
    const i = (block.cells[0] as unknown[]).indexOf(header);
    expect(i).toBeGreaterThanOrEqual(0);
    const out = new Map<number, string>();
    block.cells.forEach((line, r) => {
      const cell = line[i];
      if (cell && typeof cell === 'object') out.set(block.row + r + 1, cell.f);
    });
    return out;
  }

  const cases: [PlanContext['host'], Settings['formulaMode']][] = [
    ['excel', 'addin'],
    ['excel', 'portable'],
    ['sheets', 'portable'],
  ];
  test.each(cases)('%s, %s formulas', (host, formulaMode) => {
    const settings = resolveSettings({ ...DEFAULT_SETTINGS, formulaMode });
    const snap = snapshotOf('Shapes', values);
    const model = readModel(snap, { settings, today: FIXTURE_TODAY });
    expect(model.objectives[0].krs.map((k) => k.target)).toEqual([100, 5, 300, 100]);
    const res = planConvert(snap, ['Shapes'], { settings, host, today: FIXTURE_TODAY }, model);
    const block = res.plan.sheets[0].writes[0];
    const headers = block.cells[0] as string[];
    const letter = (h: string) => colLetter(block.col + headers.indexOf(h));
    const S = letter('OKR Score');
    const P = letter('OKR Pace');
    const scores = formulasOf(res.plan, 'OKR Score');
    const statuses = formulasOf(res.plan, 'OKR Status');
    const paces = formulasOf(res.plan, 'OKR Pace');
    // the formulas the grid gets on this host (Sheets: native ones, never a custom function per cell)
    const mode = gridFormulas(host, formulaMode);
    for (const { R, type, target, kind, due } of rows) {
      expect(scores.get(R)).toBe(scoreFormula(host, mode, { current: `G${R}`, target, start: `E${R}`, kind }));
      const pace = { expected: `${P}${R}`, atRiskPoints: settings.limits.atRiskPoints };
      expect(statuses.get(R)).toBe(statusFormula(host, mode, `${S}${R}`, type, settings.bands, 'en', pace));
      expect(paces.get(R)).toBe(paceFormula(`${S}${R}`, '2026-10-01', { ref: `H${R}`, iso: due }));
    }
  });
});
