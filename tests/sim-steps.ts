/** Running commands as a host would, on core's in-memory workbook (core/simulate.ts): shared by the core tests. */
import { readsFor, runCommand, type CommandName } from '../core/commands';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { applyPlan, workbookSnapshot, type SimBook, type SimSheet } from '../core/simulate';

/** Runs `name` on the book's sheet `sheet` (reading what readsFor asks), returns the result and the new book. */
export function step(book: SimBook, sheet: string, name: CommandName, settings: Settings = DEFAULT_SETTINGS) {
  const snap = workbookSnapshot(book, sheet, readsFor(name, settings));
  const result = runCommand(name, snap, settings);
  return { result, book: applyPlan(book, result.plan), snap };
}

export function sheetOf(book: SimBook, name: string): SimSheet {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
