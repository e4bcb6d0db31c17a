/**
 * Sheets the command line makes whole (a sheet the plan creates, or an owned sheet it replaces), whose cells are kept
 * here as the plan gives them (a value and a style object per cell) and rendered straight to the sheet's XML when the
 * file is saved, instead of as ExcelJS cells: a 10,000-KR score writes some 270,000 cells into its history, dashboard
 * and scorecard sheets, and ExcelJS builds four objects per cell (the cell, its value, its model, its row model) and
 * renders each through its generic writer: half of the command's time. The sheet itself (its columns, views, filter,
 * validations, conditional formats) stays an ExcelJS worksheet; only its sheetData comes from here.
 *
 * The XML is what ExcelJS's cell writer writes for the same cells (styles and shared strings through ExcelJS's own
 * style and string tables). A sheet written this way cannot be read back from the workbook in memory (its ExcelJS
 * worksheet has no cells): only the command line's last step, saving, uses it (readSheetSnapshot refuses it).
 */
import ExcelJS from 'exceljs';
import utils from 'exceljs/lib/utils/utils';
import { colLetter } from '../core/sheet-plan';

export type CellStyle = Partial<ExcelJS.Style>;

/**
 * The style of every cell written here that had none (ExcelJS gives each new cell an empty object of its own, and its
 * writer, which knows a style by its object, would work out each one's style anew). Frozen: styles are never changed
 * in place, and shared ones least.
 */
export const NO_STYLE: CellStyle = Object.freeze({});

/** A formula as apply.ts writes it: ExcelJS's formula value, a shared formula's master, or one of its clones. */
interface FormulaValue {
  formula?: string;
  shareType?: string;
  ref?: string;
  sharedFormula?: string;
}

/** ExcelJS's style table (StylesXform) and shared strings (SharedStringsXform), as prepared for the write. */
export interface WriteTables {
  styles: { addStyleModel(style: CellStyle, type: ExcelJS.ValueType): number };
  sharedStrings: { add(text: string): number };
}

const DIRECT = new WeakMap<ExcelJS.Worksheet, DirectCells>();

export const directCellsOf = (ws: ExcelJS.Worksheet): DirectCells | undefined => DIRECT.get(ws);

export class DirectCells {
  private readonly values: ExcelJS.CellValue[][] = [];
  private readonly styles: (CellStyle | undefined)[][] = [];

  /** Cells of `ws` (a sheet just added to the workbook, still empty) are kept here from now on. */
  static attach(ws: ExcelJS.Worksheet): DirectCells {
    const cells = new DirectCells();
    DIRECT.set(ws, cells);
    return cells;
  }

  put(row: number, col: number, value: ExcelJS.CellValue): void {
    (this.values[row] ??= [])[col] = value;
  }

  style(row: number, col: number): CellStyle {
    return this.styles[row]?.[col] ?? NO_STYLE;
  }

  setStyle(row: number, col: number, style: CellStyle): void {
    (this.styles[row] ??= [])[col] = style;
  }

  /** The used range ('A1:X4289'), as ExcelJS's <dimension> holds it; undefined when no cell was written. */
  dimensions(): string | undefined {
    let cols = 0;
    let rows = 0;
    const n = Math.max(this.values.length, this.styles.length);
    for (let r = 0; r < n; r++) {
      const w = Math.max(this.values[r]?.length ?? 0, this.styles[r]?.length ?? 0);
      if (w) [rows, cols] = [r + 1, Math.max(cols, w)];
    }
    return rows ? `A1:${colLetter(cols - 1)}${rows}` : undefined;
  }

  /** The sheet's rows as <row> elements, one string per row to `write`. */
  render(write: (xml: string) => void, tables: WriteTables): void {
    const letters: string[] = [];
    const shared = new Map<string, number>();
    const n = Math.max(this.values.length, this.styles.length);
    for (let r = 0; r < n; r++) {
      const values = this.values[r] ?? [];
      const styles = this.styles[r] ?? [];
      const w = Math.max(values.length, styles.length);
      let xml = '';
      let first = 0;
      let last = 0;
      for (let c = 0; c < w; c++) {
        const address = (letters[c] ??= colLetter(c)) + (r + 1);
        const cell = cellXml(address, values[c] ?? null, styles[c] ?? NO_STYLE, tables, shared);
        if (!cell) continue;
        xml += cell;
        if (!first) first = c + 1;
        last = c + 1;
      }
      if (xml) write(`<row r="${r + 1}" spans="${first}:${last}" x14ac:dyDescent="0.25">${xml}</row>`);
    }
  }
}

const V = ExcelJS.ValueType;

/** One <c> element, as ExcelJS's CellXform renders the same value and style; '' for an empty cell with no style. */
function cellXml(
  address: string,
  value: ExcelJS.CellValue,
  style: CellStyle,
  tables: WriteTables,
  shared: Map<string, number>,
): string {
  const type =
    typeof value === 'string' ? V.String : typeof value === 'boolean' ? V.Boolean : value === null ? V.Null : V.Number;
  // a formula without a result is styled as ExcelJS styles it: as a number
  const id = tables.styles.addStyleModel(style, type === V.Null ? V.Number : type);
  if (value === null && !id) return '';
  const open = id ? `<c r="${address}" s="${id}"` : `<c r="${address}"`;
  if (value === null) return `${open}/>`;
  if (typeof value === 'string') return `${open} t="s"><v>${tables.sharedStrings.add(value)}</v></c>`;
  if (typeof value === 'boolean') return `${open} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === 'number') return `${open}><v>${utils.xmlEncode(String(value))}</v></c>`;
  return `${open}>${formulaXml(address, value as FormulaValue, shared)}</c>`;
}

/** A formula's <f>: a shared formula's master numbers its group (si) in the order met, its clones name the number. */
function formulaXml(address: string, f: FormulaValue, shared: Map<string, number>): string {
  if (f.sharedFormula !== undefined) {
    const si = shared.get(f.sharedFormula);
    if (si === undefined) throw new Error(`Shared formula master must exist above and or left of clone for ${address}`);
    return `<f t="shared" si="${si}"/>`;
  }
  const text = utils.xmlEncode(String(f.formula ?? ''));
  if (f.shareType !== 'shared') return `<f>${text}</f>`;
  const si = shared.size;
  shared.set(address, si);
  return `<f t="shared" ref="${f.ref}" si="${si}">${text}</f>`;
}
