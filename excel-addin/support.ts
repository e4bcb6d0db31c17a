/// <reference types="office-js" />
/**
 * Which Excel JavaScript API requirement sets the host has. manifest.xml requires ExcelApi MIN_API (the add-in works
 * with nothing newer); newer members are used only when Office.context.requirements says so, each with a fallback:
 * - ExcelApi 1.9: per-cell fills (getCellProperties / setCellProperties), formula cells (getSpecialCells), rules over
 *   several areas (RangeAreas), the workbook-wide change event, Range.find (an edit's KRs in the log). Without it: a
 *   rule per area, per-cell formats for the header, every cell's formula read, a change handler per sheet, the whole
 *   check-in on an edit, no highlights (they are undone through notes).
 * - ExcelApi 1.13: Table.resize. Without it: the table is turned back into cells and added again over the new rows.
 * - ExcelApi 1.18: notes. Without them: no highlights; Validate lists the findings in the panel only.
 */
export const MIN_API = 8;

export const API = {
  cellProperties: 9,
  rangeAreas: 9,
  specialCells: 9,
  workbookChanged: 9,
  find: 9,
  tableResize: 13,
  notes: 18,
} as const;

/** The newest ExcelApi minor version the host supports (18 = ExcelApi 1.18). */
export interface ExcelSupport {
  api: number;
}

/** Every version the add-in distinguishes, newest first. */
const KNOWN = [...new Set(Object.values(API))].sort((a, b) => b - a);

interface RequirementsLike {
  isSetSupported(name: string, version?: string): boolean;
}

/**
 * Asks Office which sets the host supports (the newest known one it says yes to). Without an Office global (tests,
 * the bench) the newest set is assumed.
 */
type OfficeRequirements = { context?: { requirements?: RequirementsLike } };

export function excelSupport(
  office: OfficeRequirements | undefined = (globalThis as unknown as { Office?: OfficeRequirements }).Office,
): ExcelSupport {
  const req = office?.context?.requirements;
  if (!req || typeof req.isSetSupported !== 'function') return { api: KNOWN[0] };
  for (const v of KNOWN) if (req.isSetSupported('ExcelApi', `1.${v}`)) return { api: v };
  return { api: MIN_API };
}

export const has = (s: ExcelSupport, minor: number): boolean => s.api >= minor;
