/**
 * Issue 13, item 1: a command whose add-in sheets are where the last successful run left them asks for those sheets
 * by name (gas/server/snapshot.ts, byNameEnough) instead of for every sheet and its name. Whatever the user did to the
 * sheets since (renamed, deleted, another sheet given the name, the other language's sheet added, the command run
 * on a sheet the add-in wrote), the result must be exactly what asking for every sheet gives: the same spreadsheet is
 * driven twice over the BUILT bundle, once with the record wiped before the command (so every sheet is listed).
 */
import * as fx from '../../fixtures/sheets';
import { CHECKIN_SHEET } from '../../core/checkins';
import { DASHBOARD_SHEET } from '../../core/dashboard';
import { HISTORY_SHEET } from '../../core/plan-close';
import { dateAt } from '../clock';
import { loadProject, plain, type LoadedProject } from './harness';

const NAME = 'Team';
const RECORD = 'okrGrid.written';

interface Ran {
  ok: boolean;
  summary: string;
  calls: number;
  /** Calls that list every sheet (getSheets) and ask each its name. */
  listed: number;
}

function run(p: LoadedProject, cmd: string, forget: boolean, on = NAME): Ran {
  if (forget) delete p.fake.documentProperties.store[RECORD];
  p.book.active = p.book.sheet(on);
  p.book.log.reset();
  const res = plain(p.call('panelRun', cmd)) as { ok: boolean; summary: { en: string } };
  return {
    ok: res.ok,
    summary: res.summary.en,
    calls: p.book.log.documentCalls(),
    listed: p.book.log.count('Spreadsheet.getSheets'),
  };
}

/** A converted, validated, scored and checked-in quarter. */
function quarter(): LoadedProject {
  const grid = fx.generatedTable(30);
  grid[1][10] = 'about half';
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(NAME, grid));
  p.g.Date = dateAt('2026-10-05');
  for (const cmd of ['convert', 'validate', 'score', 'checkin'])
    expect([cmd, run(p, cmd, false).ok]).toEqual([cmd, true]);
  p.g.Date = dateAt('2026-10-12');
  return p;
}

const everything = (p: LoadedProject) =>
  plain({ names: p.book.sheets.map((s) => s.name), sheets: p.book.sheets.map((s) => s.state()) });

const scorecard = (p: LoadedProject) => p.book.sheets.find((s) => /^Scorecard /.test(s.name))!.name;

/** What the user did since the last run, and the sheet the command then runs on. */
const CHANGES: [string, (p: LoadedProject) => void, (p: LoadedProject) => string][] = [
  ['nothing', () => undefined, () => NAME],
  ['the dashboard renamed', (p) => (p.book.sheet(DASHBOARD_SHEET.en).name = 'Old dashboard'), () => NAME],
  ['the log deleted', (p) => (p.book.sheets = p.book.sheets.filter((s) => s.name !== CHECKIN_SHEET.en)), () => NAME],
  [
    'the history renamed and a sheet of the user given its name',
    (p) => {
      p.book.sheet(HISTORY_SHEET.en).name = 'History kept';
      p.book.addSheet(HISTORY_SHEET.en, [['Notes'], ['mine']]);
    },
    () => NAME,
  ],
  [
    'the dashboard added again in the other language',
    (p) => p.book.addSheet(DASHBOARD_SHEET.zh, [['旧的']]),
    () => NAME,
  ],
  ['nothing, the command run on the scorecard', () => undefined, scorecard],
];

describe.each(CHANGES)('%s: every command ends as asking for every sheet does', (_label, change, on) => {
  test.each(['score', 'checkin', 'validate', 'clear'])('%s', (cmd) => {
    const kept = quarter();
    const wiped = quarter();
    change(kept);
    change(wiped);
    const a = run(kept, cmd, false, on(kept));
    const b = run(wiped, cmd, true, on(wiped));
    expect([a.ok, a.summary]).toEqual([b.ok, b.summary]);
    expect(everything(kept)).toEqual(everything(wiped));
    expect(b.listed).toBe(1);
  });
});

test('with nothing changed, Score and Check in ask for their sheets by name: no sheet listed, fewer calls', () => {
  for (const cmd of ['score', 'checkin']) {
    const kept = quarter();
    const wiped = quarter();
    const a = run(kept, cmd, false);
    const b = run(wiped, cmd, true);
    expect({ cmd, listed: a.listed, fewer: a.calls < b.calls }).toEqual({ cmd, listed: 0, fewer: true });
  }
});

test('a sheet renamed since is noticed: every sheet is listed', () => {
  const p = quarter();
  p.book.sheet(DASHBOARD_SHEET.en).name = 'Old dashboard';
  const r = run(p, 'score', false);
  expect([r.ok, r.listed]).toEqual([true, 1]);
  // And the dashboard is drawn again under its name (the renamed one is the user's now).
  expect(p.book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Old dashboard', DASHBOARD_SHEET.en]));
});

test('asking for a sheet by name failing changes nothing and says so', () => {
  const p = quarter();
  const before = everything(p);
  p.book.log.failOn({ method: 'Spreadsheet.getSheetByName', nth: 1 });
  const r = run(p, 'score', false);
  expect(r.ok).toBe(false);
  expect(r.summary).toMatch(/Nothing was changed/);
  expect(everything(p)).toEqual(before);
});
