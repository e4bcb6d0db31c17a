/** A1 addresses for the in-memory Excel: 0-based rectangles in, Excel-style text out (and back). */

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface SimRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export { colLetter as colName, colIndex } from '../../core/sheet-plan';
import { colLetter as colName, colIndex, parseA1 } from '../../core/sheet-plan';

/** Excel quotes a sheet name in an address unless it is a plain identifier. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function rectToA1(r: SimRect): string {
  const full = r.rows >= MAX_ROWS;
  const fullRow = r.cols >= MAX_COLS;
  if (full && fullRow) return `A1:${colName(MAX_COLS - 1)}${MAX_ROWS}`;
  if (full) return `${colName(r.col)}:${colName(r.col + r.cols - 1)}`;
  if (fullRow) return `${r.row + 1}:${r.row + r.rows}`;
  const tl = `${colName(r.col)}${r.row + 1}`;
  return r.rows === 1 && r.cols === 1 ? tl : `${tl}:${colName(r.col + r.cols - 1)}${r.row + r.rows}`;
}

export function addressOf(sheet: string, r: SimRect): string {
  return `${quoteSheet(sheet)}!${rectToA1(r)}`;
}

/** Splits 'Sheet 1'!A1:B2 into sheet name (or null) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const s = address.trim();
  const m = /^'((?:[^']|'')+)'!(.*)$/.exec(s) ?? /^([^'!]+)!(.*)$/.exec(s);
  if (!m) return { sheet: null, local: s };
  return { sheet: m[1].replace(/''/g, "'"), local: m[2] };
}

/** 'B2', 'B2:D9', 'C:C', '2:5' (with $ anchors allowed) -> rectangle; null when it is not an address. */
export function parseLocal(local: string): SimRect | null {
  const s = local.replace(/\$/g, '').toUpperCase().trim();
  const cells = s.includes('!') ? null : parseA1(s);
  if (cells) return cells.row + cells.rows > MAX_ROWS || cells.col + cells.cols > MAX_COLS ? null : cells;
  let m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(s);
  if (m) {
    const c1 = colIndex(m[1]);
    const c2 = colIndex(m[2]);
    return { row: 0, col: Math.min(c1, c2), rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 };
  }
  m = /^(\d+):(\d+)$/.exec(s);
  if (m) {
    const r1 = Number(m[1]) - 1;
    const r2 = Number(m[2]) - 1;
    return { row: Math.min(r1, r2), col: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLS };
  }
  return null;
}

export function intersects(a: SimRect, b: SimRect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(outer: SimRect, inner: SimRect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function containsCell(r: SimRect, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

/**
 * Moves the relative references of a formula by (dRow, dCol), the way Excel applies a conditional format written
 * for the top-left cell to every other cell of its range. Text inside double quotes is left alone.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (!dRow && !dCol) return formula;
  const parts = formula.split('"');
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i].replace(
      /(^|[^A-Za-z0-9_.'])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
      (all, pre: string, dc: string, letters: string, dr: string, digits: string) => {
        const c = dc ? colIndex(letters) : colIndex(letters) + dCol;
        const r = dr ? Number(digits) : Number(digits) + dRow;
        if (c < 0 || r < 1) return `${pre}#REF!`;
        return `${pre}${dc}${colName(c)}${dr}${r}`;
      },
    );
  }
  return parts.join('"');
}
