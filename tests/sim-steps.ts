/** Running commands as a host would, on the in-memory workbook of tests/simulate.ts: shared by the core tests. */
import { readsFor, runCommand, type CommandName } from '../core/commands';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { applyPlan, workbookSnapshot, type SimBook, type SimulatedSheet } from './simulate';
import { rereadFor } from '../core/sheet-plan';

/** Runs `name` on the book's sheet `sheet` (reading what readsFor asks), returns the result and the new book. */
export function step(book: SimBook, sheet: string, name: CommandName, settings: Settings = DEFAULT_SETTINGS) {
  let req = readsFor(name, settings);
  let snap = workbookSnapshot(book, sheet, req);
  let result = runCommand(name, snap, settings);
  // As the hosts do: core may ask to read more (the sheet behind a scorecard, sheets the plan changes), at most twice.
  for (let i = 0, more = rereadFor(req, result); i < 2 && more; i++, more = rereadFor(req, result)) {
    req = more;
    snap = workbookSnapshot(book, sheet, req);
    result = runCommand(name, snap, settings);
  }
  return { result, book: applyPlan(book, result.plan), snap };
}

export function sheetOf(book: SimBook, name: string): SimulatedSheet {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
