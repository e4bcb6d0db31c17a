/**
 * Issue 13, item 1: what an earlier run wrote as planned (charts, the add-in's rules, dropdowns, number formats,
 * banding) is left alone instead of being read and written again (gas/server/written.ts, SheetWriter.asRecorded).
 * Leaving it alone must end exactly where writing it again would: the same spreadsheet is driven through a quarter
 * twice over the BUILT bundle, once with the record and once with the record wiped before every command, and every
 * sheet must match after every step, while the run with the record makes fewer calls.
 */
import * as fx from '../../fixtures/sheets';
import { dateAt } from '../clock';
import type { FakeSheet } from '../fakes/spreadsheet-app';
import { loadProject, plain, type LoadedProject } from './harness';

const NAME = 'Team';
const RECORD = 'okrGrid.written';

function project(): LoadedProject {
  const grid = fx.generatedTable(40);
  grid[1][10] = 'about half';
  const p = loadProject({ evaluate: undefined }, (b) => b.addSheet(NAME, grid));
  p.g.Date = dateAt('2026-10-05');
  return p;
}

function run(p: LoadedProject, cmd: string, forget: boolean): number {
  if (forget) delete p.fake.documentProperties.store[RECORD];
  p.book.active = p.book.sheet(NAME);
  p.book.log.reset();
  const res = plain(p.call('panelRun', cmd)) as { ok: boolean; summary: { en: string } };
  expect([cmd, res.ok ? 'ok' : res.summary.en]).toEqual([cmd, 'ok']);
  return p.book.log.documentCalls();
}

const everything = (p: LoadedProject) =>
  plain({ names: p.book.sheets.map((s) => s.name), sheets: p.book.sheets.map((s) => s.state()) });

/** The user empties the add-in's columns by hand (values, formats, dropdowns): the sheet is narrower again. */
function emptyOwnedColumns(s: FakeSheet, from: number): void {
  s.grid.forEach((row) =>
    row.forEach((cell, c) => c >= from && Object.assign(cell, { value: '', formula: '', format: 'General' })),
  );
  for (const k of [...s.validations.keys()]) if (Number(k.split(',')[1]) >= from) s.validations.delete(k);
}

describe('what is already as planned is left alone, and the result is the same as writing it again', () => {
  const steps = ['convert', 'validate', 'score', 'checkin', 'score', 'checkin', 'rollForward'];
  const kept = project();
  const wiped = project();
  const calls: { step: string; kept: number; wiped: number }[] = [];

  test.each(steps.map((s, i) => [`${i + 1}. ${s}`, s]))('%s: every sheet the same', (_label, step) => {
    const i = calls.length;
    if (i === 5) kept.g.Date = wiped.g.Date = dateAt('2026-10-12');
    calls.push({ step, kept: run(kept, step, false), wiped: run(wiped, step, true) });
    expect(everything(kept)).toEqual(everything(wiped));
  });

  test('the record saves calls once the dashboard, scorecard and rules exist (the second score: charts, rules, formats, banding)', () => {
    expect(calls.every((c) => c.kept <= c.wiped)).toBe(true);
    const secondScore = calls[4];
    expect(secondScore.step).toBe('score');
    // 3 chart updates, formats read on three sheets, the banding check: at least 7 calls. (The grid's rules are not
    // written again with or without the record: Score leaves a grid that holds what convert writes alone.)
    expect(secondScore.wiped - secondScore.kept).toBeGreaterThanOrEqual(7);
  });

  test('the record holds fingerprints only (small), in the document properties', () => {
    const text = kept.fake.documentProperties.store[RECORD];
    expect(text.length).toBeLessThan(9000);
    for (const v of Object.values(JSON.parse(text))) expect(String(v)).toMatch(/^[0-9a-z]{1,12}$/);
  });
});

describe('a sheet whose shape changed since is checked again', () => {
  test('the add-in’s columns emptied by hand get their formats and dropdowns back on the next convert', () => {
    const kept = project();
    const wiped = project();
    for (const p of [kept, wiped]) run(p, 'convert', p === wiped);
    const width = fx.generatedTable(40)[0].length;
    for (const p of [kept, wiped]) emptyOwnedColumns(p.book.sheet(NAME), width);
    for (const p of [kept, wiped]) run(p, 'convert', p === wiped);
    expect(everything(kept)).toEqual(everything(wiped));
    // And they are there: the owned Score column is formatted again.
    const s = kept.book.sheet(NAME);
    const formats = s.grid.flatMap((row) => row.slice(width).map((c) => c.format));
    expect(formats.filter((f) => f !== 'General').length).toBeGreaterThan(0);
    expect([...s.validations.keys()].some((k) => Number(k.split(',')[1]) >= width)).toBe(true);
  });

  test('a record that is not JSON is ignored (everything is checked and written as without one)', () => {
    const kept = project();
    const wiped = project();
    run(kept, 'convert', false);
    run(wiped, 'convert', true);
    kept.fake.documentProperties.store[RECORD] = '{not json';
    run(kept, 'score', false);
    run(wiped, 'score', true);
    expect(everything(kept)).toEqual(everything(wiped));
  });
});
