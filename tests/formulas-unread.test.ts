/**
 * A sheet read without its formulas' text (ReadRequest.activeFormulas false; the host says only where the formulas
 * are, in formulaCells): the commands that write none of its cells plan exactly what they plan with the formulas;
 * convert and score do too, or skip what the grid already holds, or ask for the formulas when a formula they keep
 * would otherwise be written back as its value. Excel needs this at 10,000 converted rows, whose formulas alone pass
 * Excel on the web's ~5 MB payload limit.
 */
import { readsFor, restorePlan, runCommand, type CommandName } from '../core/commands';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { WorkbookSnapshot } from '../core/sheet-plan';
import { englishTableSnapshot, workbookOf } from '../fixtures/sheets';
import { applyPlan, bookFromSnapshot, canonicalBook, workbookSnapshot, type SimBook } from './simulate';
import { sheetOf, step } from './sim-steps';

const S = DEFAULT_SETTINGS;
const EN = englishTableSnapshot().name;
/** The owned Updated column of the converted English sample (W), and a KR row. */
const UPDATED = 22;
const KR_ROW = 4;

function converted(): SimBook {
  const snap = englishTableSnapshot();
  let book = step(bookFromSnapshot(workbookOf(snap)), snap.name, 'convert').book;
  book = step(book, EN, 'validate').book;
  return book;
}

/** The snapshot `name` reads with every formula, and the same read as Excel makes it: values and formula cells. */
function reads(book: SimBook, name: CommandName): { full: WorkbookSnapshot; unread: WorkbookSnapshot } {
  const req = readsFor(name, S);
  const full = workbookSnapshot(book, EN, { ...req, formulas: true });
  const { formulas, ...rest } = full.active;
  const formulaCells = formulas!.flatMap((line, r) =>
    line.flatMap((f, c) => (f ? [{ row: r + rest.origin.row, col: c + rest.origin.col, rows: 1, cols: 1 }] : [])),
  );
  expect(formulaCells.length).toBeGreaterThan(10);
  return { full, unread: { ...full, active: { ...rest, formulaCells } } };
}

test('convert, score and rollForward ask for the formulas of the grid only through activeFormulas', () => {
  for (const c of ['convert', 'validate', 'clear', 'score', 'summary', 'checkin', 'rollForward'] as CommandName[])
    expect([c, readsFor(c, S).activeFormulas]).toEqual([c, false]);
});

test.each(['validate', 'clear', 'summary', 'checkin', 'rollForward', 'convert'] as CommandName[])(
  '%s on a converted sheet: the same plan and summary without the formulas',
  (name) => {
    const { full, unread } = reads(converted(), name);
    const a = runCommand(name, full, S);
    const b = runCommand(name, unread, S);
    expect(a.readAgain).toBeUndefined();
    expect(b.readAgain).toBeUndefined();
    expect(b.summary).toEqual(a.summary);
    expect(b.plan).toEqual(a.plan);
  },
);

test('score on a converted sheet: the grid is left alone, the scorecard and history as with the formulas', () => {
  const book = converted();
  const { full, unread } = reads(book, 'score');
  const a = runCommand('score', full, S);
  const b = runCommand('score', unread, S);
  expect(a.plan.sheets.map((s) => s.sheet)).toContain(EN);
  expect(b.plan.sheets.map((s) => s.sheet)).not.toContain(EN);
  expect(b.plan.sheets).toEqual(a.plan.sheets.filter((s) => s.sheet !== EN));
  expect(b.summary).toEqual(a.summary);
  // Applying either gives the same book (the grid's rewrite was a no-op).
  expect(canonicalBook(applyPlan(book, b.plan))).toEqual(canonicalBook(applyPlan(book, a.plan)));
});

describe('a formula of the user in a column the add-in owns (kept by convert)', () => {
  function withUserFormula(): SimBook {
    const book = converted();
    const s = sheetOf(book, EN);
    s.formulas[KR_ROW][UPDATED] = '=TODAY()-1';
    s.values[KR_ROW][UPDATED] = 46340;
    return book;
  }

  test.each(['convert', 'score'] as CommandName[])('%s asks for the formulas, and keeps it once read', (name) => {
    const book = withUserFormula();
    const { unread } = reads(book, name);
    const r = runCommand(name, unread, S);
    expect(r.readAgain).toEqual({ formulas: true });
    expect(r.plan.sheets).toEqual([]);
    // The host reads again with the formulas (rereadFor drops activeFormulas): the user's formula stays.
    const after = step(book, EN, name).book;
    expect(sheetOf(after, EN).formulas[KR_ROW][UPDATED]).toBe('=TODAY()-1');
  });

  test('convert without the formulas cannot put a formula back, so it never plans over one', () => {
    const book = withUserFormula();
    const { full } = reads(book, 'convert');
    const plan = runCommand('convert', full, S).plan;
    // With the formulas read, a failure puts the user's formula back.
    const restored = applyPlan(applyPlan(book, plan), restorePlan(plan, full));
    expect(sheetOf(restored, EN).formulas[KR_ROW][UPDATED]).toBe('=TODAY()-1');
  });
});
