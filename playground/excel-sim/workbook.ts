/**
 * The in-memory workbook behind the fake `Excel` (tests) and the playground grid (browser). Plain data: sheets of
 * cells with the parts of Excel the add-in touches (formulas, number formats, fills, notes, data validation,
 * conditional formats, tables, frozen rows). No DOM, no Node.
 */
import type { SimChart } from './charts';
import { MAX_COLS, MAX_ROWS, SimRect, containsCell, contains, intersects, shiftFormula, rectToA1 } from './address';
import { isoToSerial } from '../../core/values';

export type Scalar = string | number | boolean;

export interface SimCell {
  /** Constant value, or the last computed value of a formula cell. */
  v?: Scalar;
  /** '=...' when the cell holds a formula. */
  f?: string;
  /** Text entered with a leading apostrophe (Excel's quote prefix). */
  quote?: boolean;
  nf?: string;
  /** '#rrggbb' upper-case as Excel reports it; absent = no fill. */
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  /** Why a formula's last value is an error, when its function said (a custom function's error message). */
  why?: string;
}

export interface SimCfData {
  id: number;
  ranges: SimRect[];
  type: 'Custom';
  formula: string;
  fill: string | null;
  fontColor: string | null;
}

export interface SimValidation {
  rect: SimRect;
  list: string[];
  /** 'Stop' rejects other values, 'Warning' only warns. */
  style: 'Stop' | 'Warning' | 'Information';
}

export interface SimTable {
  id: number;
  name: string;
  rect: SimRect;
}

export interface EvalContext {
  workbook: SimWorkbook;
  sheet: string;
  row: number;
  col: number;
  /** The value of another cell (formulas evaluated, recursively). */
  value(sheet: string, row: number, col: number): Scalar | null;
}

/** Computes a formula's value; the playground plugs in a formula engine, tests may plug in core's functions. */
export type Evaluator = (formula: string, ctx: EvalContext) => unknown;

export interface ChangeEvent {
  type: 'WorksheetChanged';
  worksheetId: string;
  address: string;
  changeType: 'RangeEdited';
  source: 'Local' | 'Remote';
  /** ExcelApi 1.14: 'ThisLocalAddin' when the add-in's own API call made the change. */
  triggerSource: 'ThisLocalAddin' | 'Unknown';
  /** Who made the change: 'user' (typed in the grid) or 'api' (an add-in write). Not in Office; for the playground. */
  by: 'user' | 'api';
}

export type ChangeListener = (e: ChangeEvent) => void;

let nextId = 1;

export class SimSheet {
  readonly id = `{sim-sheet-${nextId++}}`;
  cells: (SimCell | undefined)[][] = [];
  notes = new Map<string, string>();
  conditionalFormats: SimCfData[] = [];
  validations: SimValidation[] = [];
  tables: SimTable[] = [];
  freezeRows = 0;
  /** Frozen columns (with the rows, through freezeAt). */
  freezeCols = 0;
  /** Merged areas (Excel keeps the value in the top-left cell only; the others stay empty). */
  merges: SimRect[] = [];
  columnWidths: Record<number, number> = {};
  visible = true;
  charts: SimChart[] = [];

  constructor(public name: string) {}

  get(row: number, col: number): SimCell | undefined {
    return this.cells[row]?.[col];
  }

  /** The merged area covering a cell, if any. */
  mergeAt(row: number, col: number): SimRect | undefined {
    return this.merges.find((m) => containsCell(m, row, col));
  }

  ensure(row: number, col: number): SimCell {
    const r = this.cells[row] ?? (this.cells[row] = []);
    return r[col] ?? (r[col] = {});
  }

  /** Bounding rectangle of cells with a value (valuesOnly) or with anything set; null when the sheet is empty. */
  usedRect(valuesOnly: boolean): SimRect | null {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = -1;
    let c2 = -1;
    this.cells.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell) return;
        const has = cell.f !== undefined || (cell.v !== undefined && cell.v !== '');
        const styled =
          cell.nf !== undefined || cell.fill !== undefined || cell.bold !== undefined || cell.fontColor !== undefined;
        if (has || (!valuesOnly && styled)) {
          if (r < r1) r1 = r;
          if (r > r2) r2 = r;
          if (c < c1) c1 = c;
          if (c > c2) c2 = c;
        }
      });
    });
    if (!valuesOnly) {
      for (const key of this.notes.keys()) {
        const [r, c] = key.split(',').map(Number);
        r1 = Math.min(r1, r);
        r2 = Math.max(r2, r);
        c1 = Math.min(c1, c);
        c2 = Math.max(c2, c);
      }
    }
    return r2 < 0 ? null : { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
  }

  /** Excel's Range.clear(): contents and/or formats; conditional formats and validation inside go with 'All'/'Formats'. */
  clear(rect: SimRect, what: 'All' | 'Contents' | 'Formats'): void {
    const lastRow = Math.min(rect.row + rect.rows, this.cells.length);
    for (let r = rect.row; r < lastRow; r++) {
      const row = this.cells[r];
      if (!row) continue;
      const lastCol = Math.min(rect.col + rect.cols, row.length);
      for (let c = rect.col; c < lastCol; c++) {
        const cell = row[c];
        if (!cell) continue;
        if (what !== 'Formats') {
          delete cell.v;
          delete cell.f;
          delete cell.quote;
        }
        if (what !== 'Contents') {
          delete cell.nf;
          delete cell.fill;
          delete cell.fontColor;
          delete cell.bold;
        }
      }
    }
    if (what !== 'Contents') {
      this.conditionalFormats = this.conditionalFormats.filter((cf) => !cf.ranges.every((x) => contains(rect, x)));
      this.validations = this.validations.filter((v) => !contains(rect, v.rect));
    }
    if (what === 'All') {
      for (const key of [...this.notes.keys()]) {
        const [r, c] = key.split(',').map(Number);
        if (containsCell(rect, r, c)) this.notes.delete(key);
      }
      this.tables = this.tables.filter((t) => !contains(rect, t.rect));
    }
  }
}

/** What a typed string becomes in a cell, as when a person types it (or an add-in sets `values`/`formulas`). */
export function interpretInput(input: Scalar | null | undefined): Pick<SimCell, 'v' | 'f' | 'quote'> & { nf?: string } {
  if (input === null || input === undefined || input === '') return {};
  if (typeof input === 'number') return Number.isFinite(input) ? { v: input } : { v: '#NUM!' };
  if (typeof input === 'boolean') return { v: input };
  const s = String(input);
  if (s.startsWith("'")) return { v: s.slice(1), quote: true };
  if (s.startsWith('=') && s.length > 1) return { f: s };
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { v: Number(t) };
  const pct = /^([+-]?(?:\d+\.?\d*|\.\d+))%$/.exec(t);
  if (pct) return { v: Number(pct[1]) / 100, nf: '0%' };
  if (/^(true|false)$/i.test(t)) return { v: t.toUpperCase() === 'TRUE' };
  const d = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (d) {
    const serial = isoToSerial(`${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`);
    if (serial !== null) return { v: serial, nf: 'yyyy-mm-dd' };
  }
  // Excel turns +x, -x and @x into formulas when typed; an add-in that forgets the apostrophe gets one too.
  if (/^[+\-@]/.test(s) && s.length > 1) return { f: '=' + s.slice(1) };
  return { v: s };
}

export class SimWorkbook {
  sheets: SimSheet[] = [];
  activeIndex = 0;
  selection: { sheet: string; rect: SimRect } | null = null;
  /** Office.context.document.settings (saved with the document). */
  settings: Record<string, unknown> = {};
  /** context.sync() calls made against this workbook. */
  syncCount = 0;
  /** Cells carried by loaded matrices (values, formulas, number formats, text...), as syncs return them. */
  cellsRead = 0;
  /** Queued operations executed (loads and writes). */
  opCount = 0;
  /** Queued write operations executed. */
  writeCount = 0;
  /** The newest ExcelApi requirement set the host supports, as its minor version (18 = ExcelApi 1.18). */
  apiVersion = 18;
  /** Largest request and response payload of any sync that went through, in bytes of JSON (limit: SYNC_PAYLOAD_LIMIT). */
  maxRequestBytes = 0;
  maxResponseBytes = 0;
  /** Syncs refused for their payload (each still counts in syncCount). */
  refusedSyncs = 0;
  /** Bytes of every request and response that went through. */
  totalBytes = 0;
  evaluator: Evaluator | null = null;
  /** The message of the error the last evaluateAt returned (see SimCell.why). */
  private lastWhy: string | null = null;
  private fault: { atWrite: number; message: string } | null = null;
  private listeners: { sheetId: string | null; fn: ChangeListener }[] = [];
  private activationListeners: ((e: { type: string; worksheetId: string }) => void)[] = [];
  private cfSeq = 1;
  private tableSeq = 1;

  constructor(sheets: Record<string, Scalar[][]> | string[] = ['Sheet1']) {
    if (Array.isArray(sheets)) sheets.forEach((n) => this.addSheet(n));
    else for (const [name, values] of Object.entries(sheets)) this.addSheet(name, values);
    if (!this.sheets.length) this.addSheet('Sheet1');
  }

  addSheet(name: string, values?: (Scalar | null)[][], position?: number): SimSheet {
    checkSheetName(name, this);
    const s = new SimSheet(name);
    if (position === undefined || position >= this.sheets.length) this.sheets.push(s);
    else this.sheets.splice(Math.max(0, position), 0, s);
    if (values) this.setInputs(s, 0, 0, values);
    return s;
  }

  sheet(name: string): SimSheet | undefined {
    const low = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === low);
  }

  sheetById(id: string): SimSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  get active(): SimSheet {
    return this.sheets[Math.min(this.activeIndex, this.sheets.length - 1)];
  }

  activate(name: string): void {
    const i = this.sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new SimOfficeError('ItemNotFound', `No sheet '${name}'.`);
    const changed = this.sheets[i] !== this.active;
    this.activeIndex = i;
    // Office tells onActivated listeners when another sheet is shown (by the user or an add-in), asynchronously.
    const e = { type: 'WorksheetActivated', worksheetId: this.sheets[i].id };
    if (changed) for (const fn of this.activationListeners) Promise.resolve().then(() => fn(e));
  }

  /** WorksheetCollection.onActivated (ExcelApi 1.7). */
  onActivated(fn: (e: { type: string; worksheetId: string }) => void): () => void {
    this.activationListeners.push(fn);
    return () => {
      this.activationListeners = this.activationListeners.filter((x) => x !== fn);
    };
  }

  deleteSheet(name: string): void {
    const s = this.sheet(name);
    if (!s) throw new SimOfficeError('ItemNotFound', `No sheet '${name}'.`);
    if (s.visible && this.sheets.filter((x) => x.visible).length <= 1)
      throw new SimOfficeError('InvalidOperation', 'A workbook must keep one visible sheet.');
    const activeName = this.active.name;
    this.sheets = this.sheets.filter((x) => x !== s);
    const i = this.sheets.findIndex((x) => x.name === activeName);
    this.activeIndex = i < 0 ? 0 : i;
  }

  /** Writes inputs the way Range.values / Range.formulas does (strings interpreted, '=' starts a formula). */
  setInputs(sheet: SimSheet, row: number, col: number, inputs: (Scalar | null)[][]): void {
    inputs.forEach((line, r) =>
      line.forEach((input, c) => {
        const cell = sheet.ensure(row + r, col + c);
        const got = interpretInput(input);
        delete cell.v;
        delete cell.f;
        delete cell.quote;
        if (got.v !== undefined) cell.v = got.v;
        if (got.f !== undefined) cell.f = got.f;
        if (got.quote) cell.quote = true;
        // Excel picks a format for typed percentages/dates only when the cell still has the General format.
        if (got.nf && (cell.nf === undefined || cell.nf === 'General')) cell.nf = got.nf;
      }),
    );
  }

  /** A person typing into a cell of the grid (fires onChanged with source Local). */
  edit(sheetName: string, row: number, col: number, input: Scalar | null): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new SimOfficeError('ItemNotFound', `No sheet '${sheetName}'.`);
    const dv = sheet.validations.find((v) => containsCell(v.rect, row, col));
    if (dv && dv.style === 'Stop' && input !== null && input !== '' && !dv.list.some((x) => x === String(input))) {
      throw new SimOfficeError('InvalidArgument', `The value '${input}' is not in the list for this cell.`);
    }
    this.setInputs(sheet, row, col, [[input]]);
    this.emit(sheet, { row, col, rows: 1, cols: 1 }, 'user');
  }

  /**
   * A person pasting a block of cells at (row, col): one change event for the whole block, as Excel fires for a
   * paste. Validation lists do not refuse pasted values (Excel's paste replaces the cells' validation check too).
   */
  paste(sheetName: string, row: number, col: number, inputs: (Scalar | null)[][]): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new SimOfficeError('ItemNotFound', `No sheet '${sheetName}'.`);
    if (!inputs.length || !inputs[0].length) return;
    this.setInputs(sheet, row, col, inputs);
    this.emit(sheet, { row, col, rows: inputs.length, cols: inputs[0].length }, 'user');
  }

  /** The value Excel shows/returns for a cell: constants as stored, formulas computed by the evaluator. */
  value(sheetName: string, row: number, col: number, seen = new Set<string>()): Scalar | null {
    const sheet = this.sheet(sheetName);
    const cell = sheet?.get(row, col);
    if (!cell) return null;
    if (cell.f === undefined) return cell.v ?? null;
    if (!this.evaluator) return cell.v ?? null;
    const key = `${sheet!.name}!${row},${col}`;
    if (seen.has(key)) return '#CIRC!';
    seen.add(key);
    const out = this.evaluateAt(cell.f, sheet!.name, row, col, seen);
    seen.delete(key);
    cell.v = out ?? undefined;
    if (this.lastWhy) cell.why = this.lastWhy;
    else delete cell.why;
    return out;
  }

  /** Evaluates any formula as if it were in (row, col) of the sheet (used for conditional formats too). */
  evaluateAt(formula: string, sheetName: string, row: number, col: number, seen = new Set<string>()): Scalar | null {
    if (!this.evaluator) return null;
    let out: unknown;
    try {
      out = this.evaluator(formula, {
        workbook: this,
        sheet: sheetName,
        row,
        col,
        value: (s, r, c) => this.value(s, r, c, seen),
      });
    } catch {
      out = '#VALUE!';
    }
    while (Array.isArray(out)) out = out[0];
    this.lastWhy = null;
    if (out === undefined || out === null) return null;
    if (typeof out === 'number' || typeof out === 'string' || typeof out === 'boolean') return out;
    if (typeof out === 'object' && out && 'error' in (out as object)) {
      // A custom function's error (CustomFunctions.Error) carries its message; Excel shows it on the cell.
      const m = (out as { message?: unknown }).message;
      this.lastWhy = typeof m === 'string' && m ? m : null;
      return String((out as { error: unknown }).error);
    }
    return String(out);
  }

  /** The fill a person sees: the last matching conditional format wins over the cell's own fill. */
  displayFill(sheetName: string, row: number, col: number): string | null {
    const sheet = this.sheet(sheetName);
    if (!sheet) return null;
    for (let i = sheet.conditionalFormats.length - 1; i >= 0; i--) {
      const cf = sheet.conditionalFormats[i];
      if (!cf.fill || !cf.ranges.some((r) => containsCell(r, row, col))) continue;
      const origin = cf.ranges[0];
      const f = shiftFormula(cf.formula, row - origin.row, col - origin.col);
      const v = this.evaluateAt(f, sheet.name, row, col);
      if (v === true || (typeof v === 'number' && v !== 0)) return cf.fill;
    }
    return sheet.get(row, col)?.fill ?? null;
  }

  /** Arms a fault: the Nth queued write executed from now fails as Office would (earlier ones stay applied). */
  injectFault(atWrite: number, message = 'Simulated failure (GeneralException).'): void {
    this.fault = { atWrite: this.writeCount + atWrite, message };
  }

  /** Internal: called by the request context for every queued op. */
  countOp(kind: 'load' | 'write'): void {
    this.opCount++;
    if (kind !== 'write') return;
    this.writeCount++;
    if (this.fault && this.writeCount === this.fault.atWrite) {
      const message = this.fault.message;
      this.fault = null;
      throw new SimOfficeError('GeneralException', message);
    }
  }

  addConditionalFormat(sheet: SimSheet, ranges: SimRect[]): SimCfData {
    const cf: SimCfData = { id: this.cfSeq++, ranges, type: 'Custom', formula: '', fill: null, fontColor: null };
    sheet.conditionalFormats.push(cf);
    return cf;
  }

  addTable(sheet: SimSheet, rect: SimRect): SimTable {
    for (const s of this.sheets)
      for (const t of s.tables)
        if (s === sheet && intersects(t.rect, rect))
          throw new SimOfficeError('InvalidOperation', 'A table cannot overlap another table.');
    if (rect.rows < 1 || rect.cols < 1 || rect.rows >= MAX_ROWS || rect.cols >= MAX_COLS)
      throw new SimOfficeError('InvalidArgument', 'Bad table range.');
    const t: SimTable = { id: this.tableSeq, name: `Table${this.tableSeq++}`, rect };
    sheet.tables.push(t);
    // Excel turns the header row into text headers and fills blanks with Column1, Column2...
    for (let c = 0; c < rect.cols; c++) {
      const cell = sheet.ensure(rect.row, rect.col + c);
      if (cell.f !== undefined || cell.v === undefined || cell.v === '') {
        delete cell.f;
        cell.v = `Column${c + 1}`;
      } else if (typeof cell.v !== 'string') cell.v = String(cell.v);
    }
    return t;
  }

  renameTable(t: SimTable, name: string): void {
    if (!/^[A-Za-z_\\\u0080-\uffff][A-Za-z0-9_.\\\u0080-\uffff]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
      throw new SimOfficeError('InvalidArgument', `'${name}' is not a valid table name.`);
    for (const s of this.sheets)
      if (s.tables.some((x) => x !== t && x.name.toLowerCase() === name.toLowerCase()))
        throw new SimOfficeError('InvalidArgument', `A table named '${name}' already exists.`);
    t.name = name;
  }

  onChanged(sheetId: string | null, fn: ChangeListener): () => void {
    const entry = { sheetId, fn };
    this.listeners.push(entry);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== entry);
    };
  }

  /** Internal: tells listeners a range changed (asynchronously, as Office delivers events). */
  emit(sheet: SimSheet, rect: SimRect, by: 'user' | 'api'): void {
    const e: ChangeEvent = {
      type: 'WorksheetChanged',
      worksheetId: sheet.id,
      address: rectToA1(rect),
      changeType: 'RangeEdited',
      source: 'Local',
      triggerSource: by === 'api' ? 'ThisLocalAddin' : 'Unknown',
      by,
    };
    for (const l of this.listeners)
      if (l.sheetId === null || l.sheetId === sheet.id) Promise.resolve().then(() => l.fn(e));
  }

  /** Values of a sheet as a 2D array from A1 to the last used cell (formulas evaluated), for the playground and tests. */
  valuesOf(sheetName: string): (Scalar | null)[][] {
    const s = this.sheet(sheetName);
    if (!s) throw new SimOfficeError('ItemNotFound', `No sheet '${sheetName}'.`);
    const used = s.usedRect(true);
    if (!used) return [];
    const out: (Scalar | null)[][] = [];
    for (let r = 0; r < used.row + used.rows; r++) {
      const line: (Scalar | null)[] = [];
      for (let c = 0; c < used.col + used.cols; c++) line.push(this.value(s.name, r, c));
      out.push(line);
    }
    return out;
  }
}

export function checkSheetName(name: string, wb: SimWorkbook): void {
  if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name))
    throw new SimOfficeError('InvalidArgument', `'${name}' is not a valid sheet name.`);
  if (wb.sheet(name)) throw new SimOfficeError('ItemAlreadyExists', `A sheet named '${name}' already exists.`);
}

/** The shape of OfficeExtension.Error that add-ins read: code, message, debugInfo. */
export class SimOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    public readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}
