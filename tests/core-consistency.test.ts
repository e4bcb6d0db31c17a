/**
 * Consistency fixes across the core: stable ids after a convert (the add-in's own 'OKR ID' column), one rollup rule
 * for ROLLUP and the quarter close, unmeasured milestones in OKRSCORE, English plurals in command summaries.
 * Expected values are worked out by hand from the domain note and the fixtures' documented layout.
 */
import { cellOf } from '../core/model';
import { readModel } from '../core/parse-sheet';
import { readsFor, runCommand } from '../core/commands';
import { closeCycle } from '../core/close';
import { fnOkrScore, fnRollup } from '../core/functions';
import { rollup, scoreKr } from '../core/score';
import { plural } from '../core/plan-grid';
import { comparableText } from '../core/rules';
import fc from 'fast-check';
import { resolveSettings, type Settings } from '../core/settings';
import { applyPlan, bookFromSnapshot, workbookSnapshot, type SimBook } from './simulate';
import { FIXTURE_TODAY, englishTableSnapshot, snapshotOf, workbookOf } from '../fixtures/sheets';

const en = resolveSettings({ lang: 'en' });
const zh = resolveSettings({ lang: 'zh' });

function convert(book: SimBook, sheet: string, settings: Settings): SimBook {
  const r = runCommand('convert', workbookSnapshot(book, sheet, readsFor('convert', settings)), settings);
  expect(r.ok).toBe(true);
  return applyPlan(book, r.plan);
}

const valuesOf = (book: SimBook, sheet: string) => book.sheets.find((s) => s.name === sheet)!.values;
const read = (book: SimBook, sheet: string, settings: Settings = en) =>
  readModel(workbookSnapshot(book, sheet).active, { settings, today: FIXTURE_TODAY });
const krIds = (book: SimBook, sheet: string) =>
  read(book, sheet).objectives.flatMap((o) => o.krs.map((k) => [k.row, k.id]));

describe('stable ids: the owned OKR ID column is the id of a row whose own ID cell is blank', () => {
  for (const [lang, settings, header] of [
    ['en', en, 'OKR ID'],
    ['zh', zh, 'OKR 编号'],
  ] as const) {
    test(`englishTable row 12 (blank ID cell) keeps its id when its KR text is edited after a convert (${lang})`, () => {
      const snap = englishTableSnapshot();
      const book = convert(bookFromSnapshot(workbookOf(snap)), snap.name, settings);
      const values = valuesOf(book, snap.name);
      // englishTable: header row 2, 18 columns (A..R); convert appends the owned block at column 18 (S).
      expect(values[2][18]).toBe(header);
      const kept = values[12][18];
      expect(typeof kept).toBe('string');
      expect(kept).toMatch(/^KR-[0-9a-f]{6}$/);
      // Edit the KR text (col 4) and the target: content changes, the id must not.
      values[12][4] = 'Cut packaging cost per order from 3.5 to 2.5';
      values[12][8] = 2.5;
      const ids = krIds(book, snap.name);
      expect(ids).toEqual([
        [4, 'KR-101'],
        [5, 'KR-102'],
        [6, 'KR-103'],
        [7, 'KR-104'],
        [10, 'KR-201'],
        [11, 'KR-202'],
        [12, kept],
      ]);
      // The id is read from the owned cell (S13), so findings and history point there.
      const kr = read(book, snap.name, settings).objectives[1].krs[2];
      expect(cellOf(kr, 'id')).toEqual({ row: 12, col: 18 });
      // Converting again writes the same id back and changes nothing else in the owned id column.
      const again = convert(book, snap.name, settings);
      expect(valuesOf(again, snap.name).map((r) => r[18])).toEqual(values.map((r) => r[18]));
    });
  }

  test("the user's own ID cell wins over the owned one once it has a value", () => {
    const snap = englishTableSnapshot();
    const book = convert(bookFromSnapshot(workbookOf(snap)), snap.name, en);
    valuesOf(book, snap.name)[12][0] = 'KR-203';
    expect(krIds(book, snap.name)[6]).toEqual([12, 'KR-203']);
    expect(cellOf(read(book, snap.name).objectives[1].krs[2], 'id')).toEqual({ row: 12, col: 0 });
  });

  test('a table without an ID column: ids survive editing the objective and KR texts after a convert', () => {
    const snap = snapshotOf('Team', [
      ['Objective', 'Key Result', 'Target', 'Current'],
      ['Grow revenue', 'Reach 100 customers', 100, 40],
      ['', 'Ship v2', '', ''],
    ]);
    const book = convert(bookFromSnapshot(workbookOf(snap)), 'Team', en);
    const values = valuesOf(book, 'Team');
    expect(values[0][4]).toBe('OKR ID');
    const before = [values[1][4], values[2][4]];
    values[1][0] = 'Grow revenue fast';
    values[1][1] = 'Reach 120 customers';
    values[2][1] = 'Ship v2.1';
    expect(krIds(book, 'Team')).toEqual([
      [1, before[0]],
      [2, before[1]],
    ]);
  });

  test('two rows sharing an owned id (a copied row): the second gets a new id and a finding at the owned cell', () => {
    const snap = englishTableSnapshot();
    const book = convert(bookFromSnapshot(workbookOf(snap)), snap.name, en);
    const values = valuesOf(book, snap.name);
    const copied = values[12].slice();
    copied[4] = 'Cut returns handling cost from 2 to 1.5';
    values.push(copied);
    const m = read(book, snap.name);
    const krs = m.objectives[1].krs;
    expect(krs.map((k) => k.row)).toEqual([10, 11, 12, 13]);
    expect(krs[2].id).toBe(values[12][18]);
    expect(krs[3].id).not.toBe(values[12][18]);
    const dup = m.problems.filter((p) => p.field === 'id');
    expect(dup).toHaveLength(1);
    expect(dup[0].cell).toEqual({ row: 13, col: 18 });
  });
});

describe('an unmeasured milestone scores 0 in OKRSCORE as in the close', () => {
  test('kind binary, current / target / start blank -> 0 (Sheets scalars and Excel matrices)', () => {
    expect(scoreKr({ kind: 'binary', target: null, current: null })).toMatchObject({ ok: true, score: 0 });
    expect(fnOkrScore('', '', undefined, 'binary')).toEqual([[0]]);
    expect(fnOkrScore([['']], [['']], null, [['Milestone']])).toEqual([[0]]);
    expect(fnOkrScore([['']], [['']], [['']], [['里程碑']])).toEqual([[0]]);
  });

  test('a wholly blank row with kind blank or auto stays blank; a range mixes both', () => {
    expect(fnOkrScore('', '', undefined, undefined)).toEqual([['']]);
    expect(fnOkrScore([['']], [['']], null, [['auto']])).toEqual([['']]);
    expect(fnOkrScore([[''], [''], ['Done']], [[''], [''], ['']], null, [['binary'], [''], ['binary']])).toEqual([
      [0],
      [''],
      [1],
    ]);
  });
});

describe('one rollup rule: equal weights when a counted score has a blank weight', () => {
  test('score.ts rollup', () => {
    // 1 and 0.5, one weight blank: plain mean 0.75 (not an error any more)
    expect(rollup([1, 0.5], [1, null])).toMatchObject({ ok: true, value: 0.75 });
    // the blank weight sits beside a blank score: weights count, (3*1 + 1*0.5) / 4
    const weighted = rollup([1, 0.5, null], [3, 1, null]);
    expect(weighted.ok && weighted.value).toBeCloseTo(0.875, 12);
    // equal weights: weight 0 no longer excludes (no weights count): (1 + 0 + 0.5) / 3
    expect(rollup([1, 0, 0.5], [0, 1, null])).toMatchObject({ ok: true, value: 0.5 });
    // a negative weight is still an error
    expect(rollup([1, 0.5], [-1, null])).toMatchObject({ ok: false, error: { code: 'negative-weight' }, index: 0 });
  });

  test('ROLLUP in both hosts', () => {
    expect(fnRollup([[1], [0.5]], [[1], ['']])).toBe(0.75);
    expect(fnRollup([1, 0.5], [0.4, null])).toBe(0.75);
    expect(fnRollup([[1], [0.5], ['']], [['75%'], ['25%'], ['']])).toBeCloseTo(0.875, 12);
  });

  test('closeCycle: a weighted objective with an unscoreable, unweighted KR keeps its weights', () => {
    const snap = snapshotOf('W', [
      ['Objective', 'Key Result', 'Kind', 'Target', 'Current', 'Weight', 'Cycle'],
      ['Grow', 'Reach 100 customers', 'Increase', 100, 100, '75%', '2026-Q4'],
      ['', 'Reach 50 partners', 'Increase', 50, 25, '25%', '2026-Q4'],
      ['', 'Raise NPS', 'Increase', '', '', '', '2026-Q4'],
    ]);
    const m = readModel(snap, { settings: en, today: FIXTURE_TODAY });
    expect(m.objectives[0].krs.map((k) => k.weight)).toEqual([0.75, 0.25, null]);
    const c = closeCycle(m, { settings: en, today: FIXTURE_TODAY });
    expect(c.krs.map((k) => k.score)).toEqual([1, 0.5, null]);
    // (0.75 * 1 + 0.25 * 0.5) / 1 = 0.875, as ROLLUP gives over the same cells
    expect(c.objectives[0].score).toBeCloseTo(0.875, 12);
    expect(fnRollup([[1], [0.5], ['']], [['75%'], ['25%'], ['']])).toBeCloseTo(c.objectives[0].score!, 12);
  });

  test('closeCycle: a scored KR without a weight -> equal weights, as ROLLUP', () => {
    const snap = snapshotOf('W', [
      ['Objective', 'Key Result', 'Kind', 'Target', 'Current', 'Weight', 'Cycle'],
      ['Grow', 'Reach 100 customers', 'Increase', 100, 100, '90%', '2026-Q4'],
      ['', 'Reach 50 partners', 'Increase', 50, 25, '', '2026-Q4'],
    ]);
    const c = closeCycle(readModel(snap, { settings: en, today: FIXTURE_TODAY }), {
      settings: en,
      today: FIXTURE_TODAY,
    });
    expect(c.objectives[0].score).toBeCloseTo(0.75, 12);
    expect(fnRollup([[1], [0.5]], [['90%'], ['']])).toBe(0.75);
  });
});

describe('English plurals in command summaries', () => {
  test('plural()', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(plural(2, 'key result')).toBe('2 key results');
  });

  test('convert and validate of one objective with one key result', () => {
    const snap = snapshotOf('One', [
      ['Objective', 'Key Result', 'Owner', 'Target', 'Current', 'Due', 'Cycle'],
      ['Grow', 'Reach 100 customers', 'Ann', 100, 40, '2026-12-31', '2026-Q4'],
    ]);
    const book = bookFromSnapshot(workbookOf(snap));
    const conv = runCommand('convert', workbookSnapshot(book, 'One', readsFor('convert', en)), en);
    expect(conv.summary.en).toMatch(/^Converted: 1 objective, 1 key result; added columns /);
    const after = applyPlan(book, conv.plan);
    const again = runCommand('convert', workbookSnapshot(after, 'One', readsFor('convert', en)), en);
    expect(again.summary.en).toBe('Grid up to date: 1 objective, 1 key result; scores and statuses refreshed.');
    const v = runCommand('validate', workbookSnapshot(after, 'One', readsFor('validate', en)), en);
    const findings = (v.details as { findings: { rule: string; severity: string }[] }).findings;
    // Owner, target, due date and cycle are all there; the one thing missing is a last-updated date: one note.
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['kr-never-updated', 'info']]);
    expect(v.summary.en).toBe(
      '1 finding: 0 errors, 0 warnings, 1 note. The cells are highlighted with the reason in their note.',
    );
  });
});

describe('comparableText: the one-scan fast path gives what the general rule gives', () => {
  // The general rule, as documented: NFKC, trimmed, outline prefix dropped, lower case, spaces collapsed, end
  // punctuation dropped.
  const ITEM_PREFIX =
    /^(?:kr\s*\d*|o\s*\d*|objective\s*\d*|key\s*result\s*\d*|关键结果\s*\d*|目标\s*\d*)\s*[:：\-–—.、]\s*/i;
  const reference = (s: string) =>
    s
      .normalize('NFKC')
      .trim()
      .replace(ITEM_PREFIX, '')
      .toLowerCase()
      .replace(/[\s\u3000]+/g, ' ')
      .replace(/[\s.,;:!?。，；：！？、]+$/, '')
      .trim();

  test('by hand', () => {
    expect(comparableText('Key result 12 of objective 3')).toBe('key result 12 of objective 3');
    expect(comparableText('KR1: Grow GMV.')).toBe('grow gmv');
    expect(comparableText('o-1 Launch')).toBe('1 launch');
    expect(comparableText('  Grow  revenue!')).toBe('grow revenue');
    expect(comparableText('Objective 1 - Grow')).toBe('grow');
    expect(comparableText('Okay: fine')).toBe('okay: fine');
  });

  test('random ASCII-ish titles', () => {
    const chars = 'aKkOo Rr1: .-,!?\tXé０目'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 24 }), (cs) => {
        const s = cs.join('');
        expect(comparableText(s)).toBe(reference(s));
      }),
      { numRuns: 3000 },
    );
  });
});
