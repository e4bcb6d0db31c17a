/// <reference types="google-apps-script" />
/**
 * An in-memory Google Sheets for tests: SpreadsheetApp and the services the OKR Grid bundle uses (Ui, HtmlService,
 * LockService, PropertiesService, Session, Utilities), typed against @types/google-apps-script.
 *
 * Behaves like Sheets where it matters for the add-in:
 * - setValues parses strings as if typed: '=...' becomes a formula, a leading apostrophe keeps the rest as text,
 *   '12' / '40%' / 'TRUE' / '2026-11-23' become a number / percentage / boolean / date (so a host that forgets the
 *   apostrophe is caught); the data must have the range's shape or it throws Sheets' message.
 * - getValues gives a formula cell's computed value (arithmetic on constants; anything else via `evaluate`, or '');
 *   a number in a date-formatted cell comes back as a Date, as in Apps Script.
 * - getRange outside the sheet's dimensions throws; new sheets have 1000 rows and 26 columns.
 * - applyRowBanding over a range that already has banding throws; getBackgrounds reports '#ffffff' for no fill.
 * - Every service call is counted ('Range.setValues', ...); `failOn` makes the Nth call of a method throw.
 */
import { colLetter, parseA1 as parseCellRange } from '../../core/sheet-plan';

import { CHART_TYPES, SheetCharts, type FakeChartBuilder, type FakeEmbeddedChart } from './sheets-charts';

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GBanding = GoogleAppsScript.Spreadsheet.Banding;
type GRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GRuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type GValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GBooleanCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;
type GTextStyle = GoogleAppsScript.Spreadsheet.TextStyle;
type GTextStyleBuilder = GoogleAppsScript.Spreadsheet.TextStyleBuilder;
type GMenu = GoogleAppsScript.Base.Menu;
type GUi = GoogleAppsScript.Base.Ui;
type GHtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type GLock = GoogleAppsScript.Lock.Lock;
type GProperties = GoogleAppsScript.Properties.Properties;

export interface Rect0 {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const DAY_MS = 86400000;
/** A column's width in pixels until one is set. */
const DEFAULT_WIDTH = 100;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);

/**
 * Serial -> the Date Apps Script gives for a date cell: the instant the cell's wall-clock date and time happen in
 * the spreadsheet's time zone. (A script reading its local fields sees them in the script's zone, here node's.)
 */
export function serialToDateInZone(serial: number, timeZone: string): Date {
  const wall = EPOCH_1899_12_30 + Math.round(serial * DAY_MS);
  let t = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  t = wall - zoneOffsetMinutes(new Date(t), timeZone) * 60000;
  return new Date(t);
}

function isoToSerial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - EPOCH_1899_12_30) / DAY_MS;
}

const isDateFormat = (f: string) => /[yd]/i.test(f) && !/^@$/.test(f) && f !== 'General';

/** One cell's state. value is what getValues sees (a formula's computed value). */
interface Cell {
  value: unknown;
  formula: string;
  note: string;
  background: string;
  format: string;
  bold: boolean;
  fontColor: string;
}

const blankCell = (): Cell => ({
  value: '',
  formula: '',
  note: '',
  background: '',
  format: 'General',
  bold: false,
  fontColor: '',
});

export interface FaultSpec {
  method: string;
  /** Throw on the nth call of `method` counted from when the fault was armed (1 = the next call). */
  nth: number;
  message?: string;
}

export interface FakeOptions {
  locale?: string;
  timeZone?: string;
  /** Computes a formula's value when read (arithmetic on constants is built in); default: the stored value. */
  evaluate?: (formula: string, sheet: FakeSheet, row: number, col: number) => unknown;
  /** Files HtmlService.createHtmlOutputFromFile can open, by name without extension. */
  htmlFiles?: Record<string, string>;
}

/** Call counts and injected faults shared by every object of one fake spreadsheet. */
const VALUE_OBJECT =
  /^(DataValidationBuilder|ConditionalFormatRuleBuilder|EmbeddedChartBuilder|EmbeddedChart|ConditionalFormatRule|BooleanCondition|DataValidation|TextStyleBuilder|TextStyle)\.|^SpreadsheetApp\.new|^Sheet\.newChart$/;

export class CallLog {
  counts: Record<string, number> = {};
  /** Cells carried by matrix reads and writes (getValues, setValues, setNotes, ...): what a real call transfers. */
  cells = 0;
  private faults: { spec: FaultSpec; seen: number }[] = [];

  /** When a test sets it to [], every call in order (to fail each write in turn). */
  trace: string[] | null = null;

  hit(method: string): void {
    this.counts[method] = (this.counts[method] || 0) + 1;
    this.trace?.push(method);
    let fire: FaultSpec | null = null;
    for (const f of this.faults) {
      if (f.spec.method !== method) continue;
      f.seen++;
      if (f.seen === f.spec.nth && !fire) fire = f.spec;
    }
    if (fire) {
      this.faults = this.faults.filter((x) => x.spec !== fire);
      throw new Error(
        fire.message || `Service Spreadsheets failed while accessing document (fault injected on ${method})`,
      );
    }
  }

  failOn(spec: FaultSpec): void {
    this.faults.push({ spec, seen: 0 });
  }

  reset(): void {
    this.counts = {};
    this.cells = 0;
  }

  /** Calls on the Spreadsheet service (SpreadsheetApp and everything it returns). */
  spreadsheetCalls(): number {
    let n = 0;
    for (const [k, v] of Object.entries(this.counts))
      if (
        !/^(Lock|Properties|Utilities|Session|HtmlService|HtmlOutput|Ui|Menu|LockService|PropertiesService)\./.test(k)
      )
        n += v;
    return n;
  }

  /**
   * Calls on value objects: builders (SpreadsheetApp.newDataValidation(), rule builders) and what a read returned
   * (a ConditionalFormatRule, its BooleanCondition, a DataValidation). They are Spreadsheet service methods, counted
   * above, but assemble or read an object the script already holds: no request reaches the spreadsheet (Apps
   * Script's best practices count as costly the calls that fetch from or write to Google's servers).
   */
  builderCalls(): number {
    let n = 0;
    for (const [k, v] of Object.entries(this.counts)) if (VALUE_OBJECT.test(k)) n += v;
    return n;
  }

  /** Calls that read or change the spreadsheet: every Spreadsheet service call but those on value objects. */
  documentCalls(): number {
    return this.spreadsheetCalls() - this.builderCalls();
  }

  /** The methods with the most document calls, most first. */
  dominant(k = 4): [string, number][] {
    return Object.entries(this.counts)
      .filter(
        ([m]) =>
          !VALUE_OBJECT.test(m) &&
          !/^(Lock|Properties|Utilities|Session|HtmlService|HtmlOutput|Ui|Menu|LockService|PropertiesService)\./.test(
            m,
          ),
      )
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, k);
  }

  /** The methods with the most builder calls (see builderCalls), most first. */
  dominantBuilders(k = 4): [string, number][] {
    return Object.entries(this.counts)
      .filter(([m]) => VALUE_OBJECT.test(m))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, k);
  }

  count(method: string): number {
    return this.counts[method] || 0;
  }
}

function shapeError(what: 'rows' | 'columns', data: number, range: number): Error {
  return new Error(
    `The number of ${what} in the data does not match the number of ${what} in the range. The data has ${data} but the range has ${range}.`,
  );
}

function checkShape(m: unknown, rows: number, cols: number): asserts m is unknown[][] {
  if (!Array.isArray(m)) throw new Error("Exception: The parameters (String) don't match the method signature.");
  if (m.length !== rows) throw shapeError('rows', m.length, rows);
  for (const r of m) {
    if (!Array.isArray(r)) throw new Error("Exception: The parameters don't match the method signature.");
    if (r.length !== cols) throw shapeError('columns', r.length, cols);
  }
}

/** Arithmetic on constants only ('=0.2+0.01'); anything else is not computed here. */
function constantArithmetic(formula: string): { ok: true; value: number } | { ok: false } {
  const body = formula.slice(1);
  if (!/^[\d.\s+\-*/()]+$/.test(body)) return { ok: false };
  try {
    const v = Function(`"use strict"; return (${body});`)();
    return typeof v === 'number' && Number.isFinite(v) ? { ok: true, value: v } : { ok: false };
  } catch {
    return { ok: false };
  }
}

export class FakeSpreadsheetBook {
  readonly log = new CallLog();
  sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;
  activeRange: { sheet: string; a1: string } | null = null;
  toasts: { message: string; title?: string }[] = [];
  locale: string;
  /** The spreadsheet's time zone (File > Settings). */
  timeZone: string;
  /** The script's time zone: the zone a Date's local fields are read in, i.e. node's own. */
  readonly scriptTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  evaluate: FakeOptions['evaluate'];
  private nextId = 1;

  constructor(opts: FakeOptions = {}) {
    this.locale = opts.locale ?? 'en_US';
    this.timeZone = opts.timeZone ?? 'Etc/UTC';
    this.evaluate = opts.evaluate;
  }

  /** Test helper (not an API call): a sheet holding `values` from A1, optional formulas/notes/backgrounds. */
  addSheet(
    name: string,
    values: unknown[][] = [],
    extra: { formulas?: string[][]; notes?: string[][]; backgrounds?: string[][] } = {},
  ): FakeSheet {
    const rows = values.length;
    const cols = values.reduce((m, r) => Math.max(m, r.length), 0);
    const s = new FakeSheet(this, name, this.nextId++, Math.max(1000, rows), Math.max(26, cols));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = values[r]?.[c];
        const f = extra.formulas?.[r]?.[c] ?? '';
        const cell = s.cellAt(r, c, true)!;
        cell.value = v === undefined || v === null ? '' : v;
        cell.formula = f;
        cell.note = extra.notes?.[r]?.[c] ?? '';
        cell.background = extra.backgrounds?.[r]?.[c] ?? '';
      }
    }
    this.sheets.push(s);
    if (!this.active) this.active = s;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`test: no sheet ${name}`);
    return s;
  }

  newSheet(name: string, index: number): FakeSheet {
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const s = new FakeSheet(this, name, this.nextId++, 1000, 26);
    const at = Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, s);
    this.active = s;
    return s;
  }
}

export class FakeSheet implements Pick<
  GSheet,
  | 'getName'
  | 'getIndex'
  | 'getSheetId'
  | 'getDataRange'
  | 'getSheetValues'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'setFrozenColumns'
  | 'getFrozenColumns'
  | 'hideSheet'
  | 'isSheetHidden'
  | 'getConditionalFormatRules'
  | 'setConditionalFormatRules'
  | 'clearConditionalFormatRules'
  | 'getBandings'
  | 'activate'
  | 'clear'
  | 'clearNotes'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'getColumnWidth'
  | 'getRangeList'
  | 'setActiveSelection'
  | 'insertRowsAfter'
  | 'insertColumnsAfter'
  | 'deleteRows'
  | 'deleteColumns'
> {
  /** Dense from A1, grown on write. */
  grid: Cell[][] = [];
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  rules: FakeConditionalRule[] = [];
  bandings: FakeBanding[] = [];
  /** Data validation per cell, keyed 'row,col' (0-based). */
  validations = new Map<string, FakeDataValidation>();
  widths: Record<number, number> = {};

  /** Embedded charts (sheets-charts.ts). */
  readonly chartsApi: SheetCharts;

  constructor(
    readonly book: FakeSpreadsheetBook,
    public name: string,
    readonly id: number,
    public maxRows: number,
    public maxCols: number,
  ) {
    this.chartsApi = new SheetCharts(this, book.log);
  }

  newChart(): FakeChartBuilder {
    return this.chartsApi.newChart();
  }
  getCharts(): FakeEmbeddedChart[] {
    return this.chartsApi.getCharts();
  }
  insertChart(chart: FakeEmbeddedChart): void {
    this.chartsApi.insertChart(chart);
  }
  updateChart(chart: FakeEmbeddedChart): void {
    this.chartsApi.updateChart(chart);
  }
  removeChart(chart: FakeEmbeddedChart): void {
    this.chartsApi.removeChart(chart);
  }
  /** Test helper: the charts as plain data. */
  charts(): ReturnType<FakeEmbeddedChart['state']>[] {
    return this.chartsApi.charts.map((c) => c.state());
  }

  private get self(): GSheet {
    return this as unknown as GSheet;
  }

  cellAt(r: number, c: number, create: boolean): Cell | undefined {
    if (!create) return this.grid[r]?.[c];
    while (this.grid.length <= r) this.grid.push([]);
    const row = this.grid[r];
    while (row.length <= c) row.push(blankCell());
    return row[c];
  }

  /** Last row/col (1-based) holding a value or a formula; 0 when empty (Sheets' getLastRow). */
  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (let r = 0; r < this.grid.length; r++) {
      const row = this.grid[r];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell.formula || (cell.value !== '' && cell.value !== null && cell.value !== undefined)) {
          rows = r + 1;
          if (c + 1 > cols) cols = c + 1;
        }
      }
    }
    return { rows, cols };
  }

  getName(): string {
    this.book.log.hit('Sheet.getName');
    return this.name;
  }
  getIndex(): number {
    this.book.log.hit('Sheet.getIndex');
    return this.book.sheets.indexOf(this) + 1;
  }
  getSheetId(): number {
    this.book.log.hit('Sheet.getSheetId');
    return this.id;
  }
  getParent(): GSpreadsheet {
    this.book.log.hit('Sheet.getParent');
    return new FakeSpreadsheet(this.book) as unknown as GSpreadsheet;
  }

  getRange(a: number | string, b?: number, c?: number, d?: number): GRange {
    this.book.log.hit('Sheet.getRange');
    let rect: Rect0;
    const rows = typeof a === 'string' ? /^\$?(\d+):\$?(\d+)$/.exec(a.trim()) : null;
    // Whole rows ('1:12'), as Sheets has them: every column of the sheet.
    if (rows)
      rect = { row: Number(rows[1]) - 1, col: 0, rows: Number(rows[2]) - Number(rows[1]) + 1, cols: this.maxCols };
    else if (typeof a === 'string') rect = parseA1(a);
    else rect = { row: a - 1, col: (b ?? 1) - 1, rows: c ?? 1, cols: d ?? 1 };
    if (!Number.isInteger(rect.row) || !Number.isInteger(rect.col) || rect.row < 0 || rect.col < 0) {
      throw new Error('Exception: Range not found');
    }
    if (rect.rows < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (rect.cols < 1) throw new Error('Exception: The number of columns in the range must be at least 1.');
    if (rect.row + rect.rows > this.maxRows || rect.col + rect.cols > this.maxCols) {
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, rect) as unknown as GRange;
  }

  getDataRange(): GRange {
    this.book.log.hit('Sheet.getDataRange');
    const e = this.extent();
    return new FakeRange(this, {
      row: 0,
      col: 0,
      rows: Math.max(1, e.rows),
      cols: Math.max(1, e.cols),
    }) as unknown as GRange;
  }
  /**
   * Sheets' getSheetValues: the values of a rectangle in one call (what getRange(...).getValues() returns), where -1
   * as the number of rows or columns reaches the last row or column holding data; on an empty sheet that leaves no
   * row, and Sheets refuses it as it refuses any range of no rows.
   */
  getSheetValues(row: number, col: number, rows: number, cols: number): any[][] {
    this.book.log.hit('Sheet.getSheetValues');
    const e = this.extent();
    const n = rows === -1 ? e.rows - row + 1 : rows;
    const m = cols === -1 ? e.cols - col + 1 : cols;
    if (n < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (m < 1) throw new Error('Exception: The number of columns in the range must be at least 1.');
    return new FakeRange(this, { row: row - 1, col: col - 1, rows: n, cols: m }).valuesNow();
  }
  getLastRow(): number {
    this.book.log.hit('Sheet.getLastRow');
    return this.extent().rows;
  }
  getLastColumn(): number {
    this.book.log.hit('Sheet.getLastColumn');
    return this.extent().cols;
  }
  getMaxRows(): number {
    this.book.log.hit('Sheet.getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.book.log.hit('Sheet.getMaxColumns');
    return this.maxCols;
  }
  insertRowsAfter(afterPosition: number, howMany: number): GSheet {
    this.book.log.hit('Sheet.insertRowsAfter');
    if (afterPosition !== this.maxRows) throw new Error('fake: only appending rows is modelled');
    this.maxRows += howMany;
    return this.self;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.book.log.hit('Sheet.deleteRows');
    if (rowPosition + howMany - 1 !== this.maxRows) throw new Error('fake: only deleting trailing rows is modelled');
    if (howMany >= this.maxRows) throw new Error("Exception: You can't delete all the rows on the sheet.");
    if (this.maxRows - howMany <= this.frozenRows)
      throw new Error('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    this.maxRows -= howMany;
    this.grid.length = Math.min(this.grid.length, this.maxRows);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.book.log.hit('Sheet.deleteColumns');
    if (columnPosition + howMany - 1 !== this.maxCols)
      throw new Error('fake: only deleting trailing columns is modelled');
    this.maxCols -= howMany;
    for (const row of this.grid) row.length = Math.min(row.length, this.maxCols);
    // What the deleted columns held goes with them: their widths and dropdowns.
    for (const k of Object.keys(this.widths)) if (Number(k) >= this.maxCols) delete this.widths[Number(k)];
    for (const k of [...this.validations.keys()])
      if (Number(k.split(',')[1]) >= this.maxCols) this.validations.delete(k);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GSheet {
    this.book.log.hit('Sheet.insertColumnsAfter');
    if (afterPosition !== this.maxCols) throw new Error('fake: only appending columns is modelled');
    this.maxCols += howMany;
    return this.self;
  }
  setFrozenRows(rows: number): void {
    this.book.log.hit('Sheet.setFrozenRows');
    this.frozenRows = rows;
  }
  hideSheet(): GSheet {
    this.book.log.hit('Sheet.hideSheet');
    if (this.book.sheets.filter((s) => !s.hidden && s !== this).length === 0)
      throw new Error("Exception: You can't hide all the sheets in a document.");
    this.hidden = true;
    return this.self;
  }
  isSheetHidden(): boolean {
    this.book.log.hit('Sheet.isSheetHidden');
    return this.hidden;
  }
  setFrozenColumns(cols: number): void {
    this.book.log.hit('Sheet.setFrozenColumns');
    this.frozenCols = cols;
  }
  getFrozenColumns(): number {
    this.book.log.hit('Sheet.getFrozenColumns');
    return this.frozenCols;
  }
  getFrozenRows(): number {
    this.book.log.hit('Sheet.getFrozenRows');
    return this.frozenRows;
  }
  getConditionalFormatRules(): GRule[] {
    this.book.log.hit('Sheet.getConditionalFormatRules');
    return this.rules.slice() as unknown as GRule[];
  }
  setConditionalFormatRules(rules: GRule[]): void {
    this.book.log.hit('Sheet.setConditionalFormatRules');
    for (const r of rules)
      if (!(r instanceof FakeConditionalRule)) throw new Error('Exception: Invalid argument: rules');
    this.rules = (rules as unknown as FakeConditionalRule[]).slice();
  }
  clearConditionalFormatRules(): void {
    this.book.log.hit('Sheet.clearConditionalFormatRules');
    this.rules = [];
  }
  getBandings(): GBanding[] {
    this.book.log.hit('Sheet.getBandings');
    return this.bandings.slice() as unknown as GBanding[];
  }
  activate(): GSheet {
    this.book.log.hit('Sheet.activate');
    this.book.active = this;
    return this.self;
  }
  clear(): GSheet {
    this.book.log.hit('Sheet.clear');
    for (const row of this.grid) {
      for (let c = 0; c < row.length; c++) row[c] = { ...blankCell(), note: row[c].note };
    }
    return this.self;
  }
  clearNotes(): GSheet {
    this.book.log.hit('Sheet.clearNotes');
    for (const row of this.grid) for (const cell of row) cell.note = '';
    return this.self;
  }
  setColumnWidth(columnPosition: number, width: number): GSheet {
    this.book.log.hit('Sheet.setColumnWidth');
    this.widths[columnPosition - 1] = width;
    return this.self;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GSheet {
    this.book.log.hit('Sheet.setColumnWidths');
    if (startColumn < 1 || numColumns < 1 || startColumn + numColumns - 1 > this.maxCols)
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    for (let c = 0; c < numColumns; c++) this.widths[startColumn - 1 + c] = width;
    return this.self;
  }
  /** Several A1 ranges as one RangeList (each must lie in the sheet). */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    this.book.log.hit('Sheet.getRangeList');
    const ranges = a1Notations.map((a) => {
      const rect = parseA1(a);
      if (rect.row + rect.rows > this.maxRows || rect.col + rect.cols > this.maxCols)
        throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
      return new FakeRange(this, rect);
    });
    return new FakeRangeList(this, ranges) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }
  /** Selects the range and shows its sheet, as Range.activate() does. */
  setActiveSelection(a1Notation: any): GRange {
    this.book.log.hit('Sheet.setActiveSelection');
    const range = typeof a1Notation === 'string' ? new FakeRange(this, parseA1(a1Notation)) : (a1Notation as FakeRange);
    this.book.active = this;
    this.book.activeRange = { sheet: this.name, a1: range.a1() };
    return range as unknown as GRange;
  }
  getColumnWidth(columnPosition: number): number {
    this.book.log.hit('Sheet.getColumnWidth');
    return this.widths[columnPosition - 1] ?? DEFAULT_WIDTH;
  }

  /** A formula cell's value as Sheets would show it now (formulas recalculate on read), else the stored value. */
  computed(cell: Cell, r: number, c: number): unknown {
    if (!cell.formula || !this.book.evaluate || constantArithmetic(cell.formula).ok) return cell.value;
    return this.book.evaluate(cell.formula, this, r, c);
  }

  // ---- test helpers (not API calls, not counted) ----

  /** Values as getValues would give them but without Date conversion, from A1 to the last used cell. */
  values(): unknown[][] {
    const e = this.extent();
    return Array.from({ length: e.rows }, (_, r) =>
      Array.from({ length: e.cols }, (_, c) => this.cellAt(r, c, false)?.value ?? ''),
    );
  }
  formulaAt(r: number, c: number): string {
    return this.cellAt(r, c, false)?.formula ?? '';
  }
  valueAt(r: number, c: number): unknown {
    const cell = this.cellAt(r, c, false);
    return cell ? this.computed(cell, r, c) : '';
  }
  noteAt(r: number, c: number): string {
    return this.cellAt(r, c, false)?.note ?? '';
  }
  backgroundAt(r: number, c: number): string {
    return this.cellAt(r, c, false)?.background ?? '';
  }
  formatAt(r: number, c: number): string {
    return this.cellAt(r, c, false)?.format ?? 'General';
  }
  boldAt(r: number, c: number): boolean {
    return this.cellAt(r, c, false)?.bold ?? false;
  }
  validationAt(r: number, c: number): FakeDataValidation | null {
    return this.validations.get(`${r},${c}`) ?? null;
  }
  /**
   * Everything a user could see or lose, for before/after comparisons: every non-blank cell by A1 address (so a
   * cell written and put back to blank compares equal to one never touched), rules, banding, validations, sizes.
   */
  state(): unknown {
    const cells: Record<string, Partial<Cell>> = {};
    const blank = blankCell();
    this.grid.forEach((row, r) =>
      row.forEach((cell, c) => {
        const diff: Partial<Cell> = {};
        for (const k of Object.keys(blank) as (keyof Cell)[])
          if (cell[k] !== blank[k]) (diff as Record<string, unknown>)[k] = cell[k];
        if (Object.keys(diff).length) cells[colLetter(c) + (r + 1)] = diff;
      }),
    );
    const validations: Record<string, { list: string[]; allowInvalid: boolean }> = {};
    for (const [k, v] of [...this.validations.entries()].sort())
      validations[k] = { list: v.list, allowInvalid: v.allowInvalid };
    return {
      cells,
      frozenRows: this.frozenRows,
      frozenCols: this.frozenCols,
      hidden: this.hidden,
      rules: this.rules.map((r) => ({
        formula: r.formula,
        background: r.background,
        fontColor: r.fontColor,
        ranges: r.ranges.map((x) => x.a1()),
      })),
      bandings: this.bandings.map((b) => b.range.a1()),
      validations,
      // A column at Sheets' default width (100) looks the same whether or not a width was ever set.
      widths: Object.fromEntries(Object.entries(this.widths).filter(([, w]) => w !== DEFAULT_WIDTH)),
      charts: this.chartsApi.charts.map((c) => {
        const { id: _id, ...rest } = c.state();
        return rest;
      }),
      maxRows: this.maxRows,
      maxCols: this.maxCols,
    };
  }
}

export function parseA1(a1: string): Rect0 {
  const rect = a1.includes('!') ? null : parseCellRange(a1);
  if (!rect) throw new Error('Exception: Range not found');
  return rect;
}

type RangeApi =
  | 'getValues'
  | 'setValues'
  | 'getFormulas'
  | 'setFormulas'
  | 'getNotes'
  | 'setNotes'
  | 'getBackgrounds'
  | 'setBackgrounds'
  | 'setNumberFormats'
  | 'getNumberFormats'
  | 'setDataValidation'
  | 'clearDataValidations'
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getA1Notation'
  | 'activate'
  | 'setFontWeight'
  | 'setBackground'
  | 'setFontColor'
  | 'applyRowBanding'
  | 'getSheet'
  | 'getDataValidations'
  | 'setDataValidations'
  | 'getFontWeights'
  | 'setFontWeights'
  | 'getFontColors'
  | 'setFontColors'
  | 'getTextStyles'
  | 'setTextStyle'
  | 'setTextStyles'
  | 'createTextFinder';

export class FakeRange implements Pick<GRange, RangeApi> {
  constructor(
    readonly sheet: FakeSheet,
    readonly rect: Rect0,
  ) {}

  private get self(): GRange {
    return this as unknown as GRange;
  }
  private hit(m: string) {
    this.sheet.book.log.hit(`Range.${m}`);
    if (
      /^(get|set)(Values|Formulas|Notes|Backgrounds|NumberFormats|DataValidations|FontWeights|FontColors|TextStyles)$/.test(
        m,
      )
    ) {
      if (m !== 'getValues') this.sheet.book.log.cells += this.rect.rows * this.rect.cols;
    }
  }
  private each<T>(f: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.rect.rows; r++) {
      const row: T[] = new Array(this.rect.cols);
      for (let c = 0; c < this.rect.cols; c++)
        row[c] = f(this.sheet.cellAt(this.rect.row + r, this.rect.col + c, false), r, c);
      out.push(row);
    }
    return out;
  }
  private write<T>(m: T[][], f: (cell: Cell, v: T, r: number, c: number) => void): void {
    for (let r = 0; r < this.rect.rows; r++) {
      for (let c = 0; c < this.rect.cols; c++)
        f(
          this.sheet.cellAt(this.rect.row + r, this.rect.col + c, true)!,
          m[r][c],
          this.rect.row + r,
          this.rect.col + c,
        );
    }
  }
  a1(): string {
    const tl = colLetter(this.rect.col) + (this.rect.row + 1);
    if (this.rect.rows === 1 && this.rect.cols === 1) return tl;
    return `${tl}:${colLetter(this.rect.col + this.rect.cols - 1)}${this.rect.row + this.rect.rows}`;
  }

  /** A search over this range's cells (Apps Script's TextFinder: case-insensitive, part of a cell, until told). */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.hit('createTextFinder');
    return new FakeTextFinder(this, String(findText)) as unknown as GoogleAppsScript.Spreadsheet.TextFinder;
  }

  /** The cells' text as Sheets shows it, for a TextFinder (no number formatting beyond plain text is modelled). */
  cellTexts(): string[][] {
    return this.each((cell, r, c) => {
      if (!cell) return '';
      const v = this.sheet.computed(cell, this.rect.row + r, this.rect.col + c);
      return v === null || v === undefined ? '' : String(v);
    });
  }

  getValues(): any[][] {
    this.hit('getValues');
    return this.valuesNow();
  }
  /** The values getValues returns, without counting a call (Sheet.getSheetValues counts its own). */
  valuesNow(): any[][] {
    this.sheet.book.log.cells += this.rect.rows * this.rect.cols;
    return this.each((cell, r, c) => {
      if (!cell) return '';
      const v = this.sheet.computed(cell, this.rect.row + r, this.rect.col + c);
      return typeof v === 'number' && isDateFormat(cell.format) ? serialToDateInZone(v, this.sheet.book.timeZone) : v;
    });
  }

  /** Sheets' reading of a value written with setValues (as if typed into the cell). */
  private input(cell: Cell, v: unknown, r: number, c: number): void {
    cell.formula = '';
    if (v === null || v === undefined) {
      cell.value = '';
      return;
    }
    if (Object.prototype.toString.call(v) === '[object Date]') {
      const d = v as Date;
      cell.value = (d.getTime() + zoneOffsetMinutes(d, this.sheet.book.timeZone) * 60000 - EPOCH_1899_12_30) / DAY_MS;
      if (!isDateFormat(cell.format)) cell.format = 'yyyy-mm-dd';
      return;
    }
    if (typeof v !== 'string') {
      cell.value = v;
      return;
    }
    if (v.startsWith("'")) {
      cell.value = v.slice(1);
      return;
    }
    if (cell.format === '@') {
      cell.value = v;
      return;
    }
    const s = v.trim();
    if (s.startsWith('=') && s.length > 1) {
      this.setFormula(cell, s, r, c);
      return;
    }
    if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)) {
      cell.value = Number(s);
      return;
    }
    if (/^[+-]?\d+(\.\d+)?%$/.test(s)) {
      cell.value = Number(s.slice(0, -1)) / 100;
      if (cell.format === 'General') cell.format = '0%';
      return;
    }
    if (/^(true|false)$/i.test(s)) {
      cell.value = /^true$/i.test(s);
      return;
    }
    const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (d) {
      cell.value = isoToSerial(+d[1], +d[2], +d[3]);
      if (!isDateFormat(cell.format)) cell.format = 'yyyy-mm-dd';
      return;
    }
    if (/^[+-]/.test(s) && s.length > 1) {
      // Typed '+abc' / '-abc' is read as a formula, which fails.
      cell.formula = `=${s}`;
      cell.value = '#ERROR!';
      return;
    }
    cell.value = v;
  }

  private setFormula(cell: Cell, formula: string, _r: number, _c: number): void {
    cell.formula = formula;
    const k = constantArithmetic(formula);
    cell.value = k.ok ? k.value : '';
  }

  setValues(values: any[][]): GRange {
    this.hit('setValues');
    checkShape(values, this.rect.rows, this.rect.cols);
    this.write(values, (cell, v, r, c) => this.input(cell, v, r, c));
    return this.self;
  }
  getFormulas(): string[][] {
    this.hit('getFormulas');
    return this.each((cell) => cell?.formula ?? '');
  }
  setFormulas(formulas: string[][]): GRange {
    this.hit('setFormulas');
    checkShape(formulas, this.rect.rows, this.rect.cols);
    this.write(formulas, (cell, f, r, c) => {
      if (typeof f === 'string' && f.startsWith('=')) this.setFormula(cell, f, r, c);
      else this.input(cell, f, r, c);
    });
    return this.self;
  }
  getNotes(): string[][] {
    this.hit('getNotes');
    return this.each((cell) => cell?.note ?? '');
  }
  setNotes(notes: any[][]): GRange {
    this.hit('setNotes');
    checkShape(notes, this.rect.rows, this.rect.cols);
    this.write(notes, (cell, n) => {
      cell.note = n === null || n === undefined ? '' : String(n);
    });
    return this.self;
  }
  getBackgrounds(): string[][] {
    this.hit('getBackgrounds');
    return this.each((cell) => (cell?.background ? cell.background : '#ffffff'));
  }
  setBackgrounds(color: string[][]): GRange {
    this.hit('setBackgrounds');
    checkShape(color, this.rect.rows, this.rect.cols);
    this.write(color, (cell, b) => {
      const v = b === null || b === undefined ? '' : String(b).toLowerCase();
      cell.background = v === '#ffffff' ? '' : v;
    });
    return this.self;
  }
  setBackground(color: string | null): GRange {
    this.hit('setBackground');
    this.write(
      this.each(() => color),
      (cell, b) => {
        cell.background = b ? b.toLowerCase() : '';
      },
    );
    return this.self;
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): GRange {
    this.hit('setFontWeight');
    this.write(
      this.each(() => fontWeight),
      (cell, w) => {
        cell.bold = w === 'bold';
      },
    );
    return this.self;
  }
  setFontColor(color: string | null): GRange {
    this.hit('setFontColor');
    this.write(
      this.each(() => color),
      (cell, f) => {
        const v = f ? f.toLowerCase() : '';
        cell.fontColor = v === '#000000' ? '' : v;
      },
    );
    return this.self;
  }
  setNumberFormats(formats: string[][]): GRange {
    this.hit('setNumberFormats');
    checkShape(formats, this.rect.rows, this.rect.cols);
    this.write(formats, (cell, f) => {
      cell.format = f ? String(f) : 'General';
    });
    return this.self;
  }
  getNumberFormats(): string[][] {
    this.hit('getNumberFormats');
    return this.each((cell) => cell?.format ?? 'General');
  }
  private setValidationAt(r: number, c: number, rule: unknown): void {
    const key = `${r},${c}`;
    if (rule === null || rule === undefined) this.sheet.validations.delete(key);
    else if (rule instanceof FakeDataValidation) this.sheet.validations.set(key, rule);
    else throw new Error('Exception: Invalid argument: rule');
  }
  setDataValidation(rule: GValidation | null): GRange {
    this.hit('setDataValidation');
    for (let r = 0; r < this.rect.rows; r++)
      for (let c = 0; c < this.rect.cols; c++) this.setValidationAt(this.rect.row + r, this.rect.col + c, rule);
    return this.self;
  }
  getDataValidations(): (GValidation | null)[][] {
    this.hit('getDataValidations');
    return this.each(
      (_cell, r, c) =>
        (this.sheet.validationAt(this.rect.row + r, this.rect.col + c) as unknown as GValidation) ?? null,
    );
  }
  setDataValidations(rules: (GValidation | null)[][]): GRange {
    this.hit('setDataValidations');
    checkShape(rules, this.rect.rows, this.rect.cols);
    for (let r = 0; r < this.rect.rows; r++)
      for (let c = 0; c < this.rect.cols; c++) this.setValidationAt(this.rect.row + r, this.rect.col + c, rules[r][c]);
    return this.self;
  }
  clearDataValidations(): GRange {
    this.hit('clearDataValidations');
    for (let r = 0; r < this.rect.rows; r++)
      for (let c = 0; c < this.rect.cols; c++) this.setValidationAt(this.rect.row + r, this.rect.col + c, null);
    return this.self;
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    this.hit('getFontWeights');
    return this.each((cell) => (cell?.bold ? 'bold' : 'normal'));
  }
  setFontWeights(fontWeights: any[][]): GRange {
    this.hit('setFontWeights');
    checkShape(fontWeights, this.rect.rows, this.rect.cols);
    this.write(fontWeights, (cell, w) => {
      cell.bold = w === 'bold';
    });
    return this.self;
  }
  getFontColors(): string[][] {
    this.hit('getFontColors');
    return this.each((cell) => (cell?.fontColor ? cell.fontColor : '#000000'));
  }
  setFontColors(colors: any[][]): GRange {
    this.hit('setFontColors');
    checkShape(colors, this.rect.rows, this.rect.cols);
    this.write(colors, (cell, f) => {
      const v = f ? String(f).toLowerCase() : '';
      cell.fontColor = v === '#000000' ? '' : v;
    });
    return this.self;
  }
  /** Bold and font colour, the two text-style attributes the fake keeps. */
  getTextStyles(): GTextStyle[][] {
    this.hit('getTextStyles');
    const log = this.sheet.book.log;
    return this.each(
      (cell) => new FakeTextStyle(log, cell?.bold ?? false, cell?.fontColor || '#000000') as unknown as GTextStyle,
    );
  }
  /** Applies the attributes the style sets; the others stay as they are (as Sheets does). */
  private applyStyle(cell: Cell, style: GTextStyle): void {
    if (!(style instanceof FakeTextStyle)) throw new Error('Exception: Invalid argument: style');
    if (style.bold !== null) cell.bold = style.bold;
    if (style.color !== null) {
      const v = style.color.toLowerCase();
      cell.fontColor = v === '#000000' ? '' : v;
    }
  }
  setTextStyle(style: GTextStyle): GRange {
    this.hit('setTextStyle');
    this.write(
      this.each(() => style),
      (cell, st) => this.applyStyle(cell, st),
    );
    return this.self;
  }
  setTextStyles(styles: GTextStyle[][]): GRange {
    this.hit('setTextStyles');
    checkShape(styles, this.rect.rows, this.rect.cols);
    this.write(styles, (cell, st) => this.applyStyle(cell, st));
    return this.self;
  }
  getRow(): number {
    this.hit('getRow');
    return this.rect.row + 1;
  }
  getColumn(): number {
    this.hit('getColumn');
    return this.rect.col + 1;
  }
  getNumRows(): number {
    this.hit('getNumRows');
    return this.rect.rows;
  }
  getNumColumns(): number {
    this.hit('getNumColumns');
    return this.rect.cols;
  }
  getA1Notation(): string {
    this.hit('getA1Notation');
    return this.a1();
  }
  getSheet(): GSheet {
    this.hit('getSheet');
    return this.sheet as unknown as GSheet;
  }
  activate(): GRange {
    this.hit('activate');
    this.sheet.book.active = this.sheet;
    this.sheet.book.activeRange = { sheet: this.sheet.name, a1: this.a1() };
    return this.self;
  }
  applyRowBanding(
    _theme?: GoogleAppsScript.Spreadsheet.BandingTheme,
    _showHeader?: boolean,
    _showFooter?: boolean,
  ): GBanding {
    this.hit('applyRowBanding');
    if (this.sheet.bandings.some((b) => overlaps(b.range.rect, this.rect))) {
      throw new Error('Exception: You cannot add alternating colors to a range that already has alternating colors.');
    }
    const b = new FakeBanding(this.sheet, this);
    this.sheet.bandings.push(b);
    return b as unknown as GBanding;
  }
}

const overlaps = (a: Rect0, b: Rect0) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

/** TextFinder over a range: matchCase / matchEntireCell set options; findAll returns the matching cells in order. */
export class FakeTextFinder {
  private caseSensitive = false;
  private entire = false;
  constructor(
    private range: FakeRange,
    private text: string,
  ) {}
  private get log(): CallLog {
    return this.range.sheet.book.log;
  }
  matchCase(on: boolean): FakeTextFinder {
    this.log.hit('TextFinder.matchCase');
    this.caseSensitive = on;
    return this;
  }
  matchEntireCell(on: boolean): FakeTextFinder {
    this.log.hit('TextFinder.matchEntireCell');
    this.entire = on;
    return this;
  }
  findAll(): GRange[] {
    this.log.hit('TextFinder.findAll');
    const norm = (s: string) => (this.caseSensitive ? s : s.toLowerCase());
    const want = norm(this.text);
    const { row, col } = this.range.rect;
    const out: GRange[] = [];
    this.range.cellTexts().forEach((line, r) =>
      line.forEach((t, c) => {
        const got = norm(t);
        if (this.entire ? got === want : want !== '' && got.includes(want))
          out.push(
            new FakeRange(this.range.sheet, { row: row + r, col: col + c, rows: 1, cols: 1 }) as unknown as GRange,
          );
      }),
    );
    return out;
  }
}

export class FakeRangeList {
  constructor(
    readonly sheet: FakeSheet,
    readonly ranges: FakeRange[],
  ) {}
  getRanges(): GRange[] {
    this.sheet.book.log.hit('RangeList.getRanges');
    return this.ranges.slice() as unknown as GRange[];
  }
}

export class FakeBanding implements Pick<GBanding, 'getRange' | 'setRange' | 'remove'> {
  constructor(
    readonly sheet: FakeSheet,
    public range: FakeRange,
  ) {}
  getRange(): GRange {
    this.sheet.book.log.hit('Banding.getRange');
    return this.range as unknown as GRange;
  }
  setRange(range: GRange): GBanding {
    this.sheet.book.log.hit('Banding.setRange');
    const r = range as unknown as FakeRange;
    if (this.sheet.bandings.some((b) => b !== this && overlaps(b.range.rect, r.rect))) {
      throw new Error('Exception: You cannot add alternating colors to a range that already has alternating colors.');
    }
    this.range = r;
    return this as unknown as GBanding;
  }
  remove(): void {
    this.sheet.book.log.hit('Banding.remove');
    this.sheet.bandings = this.sheet.bandings.filter((b) => b !== this);
  }
}

export class FakeBooleanCondition implements Pick<
  GBooleanCondition,
  'getCriteriaType' | 'getCriteriaValues' | 'getBackground' | 'getFontColor'
> {
  constructor(
    readonly rule: FakeConditionalRule,
    private log: CallLog,
  ) {}
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    this.log.hit('BooleanCondition.getCriteriaType');
    return 'CUSTOM_FORMULA' as unknown as GoogleAppsScript.Spreadsheet.BooleanCriteria;
  }
  getCriteriaValues(): any[] {
    this.log.hit('BooleanCondition.getCriteriaValues');
    return [this.rule.formula];
  }
  getBackground(): string | null {
    this.log.hit('BooleanCondition.getBackground');
    return this.rule.background || null;
  }
  getFontColor(): string | null {
    this.log.hit('BooleanCondition.getFontColor');
    return this.rule.fontColor || null;
  }
}

export class FakeConditionalRule implements Pick<
  GRule,
  'getBooleanCondition' | 'getGradientCondition' | 'getRanges' | 'copy'
> {
  constructor(
    readonly formula: string,
    readonly background: string,
    readonly fontColor: string,
    readonly ranges: FakeRange[],
    private log: CallLog,
  ) {}
  /** A builder preset with this rule's settings (condition, format and ranges), as Apps Script's copy(). */
  copy(): GRuleBuilder {
    this.log.hit('ConditionalFormatRule.copy');
    return new FakeRuleBuilder(this.log, this) as unknown as GRuleBuilder;
  }
  getBooleanCondition(): GBooleanCondition | null {
    this.log.hit('ConditionalFormatRule.getBooleanCondition');
    return new FakeBooleanCondition(this, this.log) as unknown as GBooleanCondition;
  }
  getGradientCondition(): null {
    this.log.hit('ConditionalFormatRule.getGradientCondition');
    return null;
  }
  getRanges(): GRange[] {
    this.log.hit('ConditionalFormatRule.getRanges');
    return this.ranges as unknown as GRange[];
  }
}

export class FakeRuleBuilder implements Pick<
  GRuleBuilder,
  'whenFormulaSatisfied' | 'setBackground' | 'setFontColor' | 'setRanges' | 'build'
> {
  private formula = '';
  private background = '';
  private fontColor = '';
  private ranges: FakeRange[] = [];
  constructor(
    private log: CallLog,
    from?: FakeConditionalRule,
  ) {
    if (from) {
      this.formula = from.formula;
      this.background = from.background;
      this.fontColor = from.fontColor;
      this.ranges = from.ranges.slice();
    }
  }
  private get self(): GRuleBuilder {
    return this as unknown as GRuleBuilder;
  }
  whenFormulaSatisfied(formula: string): GRuleBuilder {
    this.log.hit('ConditionalFormatRuleBuilder.whenFormulaSatisfied');
    if (!formula.startsWith('=')) throw new Error('Exception: Invalid argument: formula must start with =');
    this.formula = formula;
    return this.self;
  }
  setBackground(color: string | null): GRuleBuilder {
    this.log.hit('ConditionalFormatRuleBuilder.setBackground');
    this.background = color ?? '';
    return this.self;
  }
  setFontColor(color: string | null): GRuleBuilder {
    this.log.hit('ConditionalFormatRuleBuilder.setFontColor');
    this.fontColor = color ?? '';
    return this.self;
  }
  setRanges(ranges: GRange[]): GRuleBuilder {
    this.log.hit('ConditionalFormatRuleBuilder.setRanges');
    this.ranges = ranges as unknown as FakeRange[];
    return this.self;
  }
  build(): GRule {
    this.log.hit('ConditionalFormatRuleBuilder.build');
    if (!this.formula) throw new Error('Exception: A conditional format rule needs a condition.');
    if (!this.ranges.length) throw new Error('Exception: A conditional format rule needs at least one range.');
    return new FakeConditionalRule(
      this.formula,
      this.background,
      this.fontColor,
      this.ranges,
      this.log,
    ) as unknown as GRule;
  }
}

/** A text style as a value: only bold and the foreground colour (null: not set, left as it is when applied). */
export class FakeTextStyle implements Pick<GTextStyle, 'isBold' | 'getForegroundColor'> {
  constructor(
    private log: CallLog,
    readonly bold: boolean | null,
    readonly color: string | null,
  ) {}
  isBold(): boolean | null {
    this.log.hit('TextStyle.isBold');
    return this.bold;
  }
  getForegroundColor(): string | null {
    this.log.hit('TextStyle.getForegroundColor');
    return this.color;
  }
}

export class FakeTextStyleBuilder implements Pick<GTextStyleBuilder, 'setBold' | 'setForegroundColor' | 'build'> {
  private bold: boolean | null = null;
  private color: string | null = null;
  constructor(private log: CallLog) {}
  setBold(bold: boolean): GTextStyleBuilder {
    this.log.hit('TextStyleBuilder.setBold');
    this.bold = bold;
    return this as unknown as GTextStyleBuilder;
  }
  setForegroundColor(cssString: string): GTextStyleBuilder {
    this.log.hit('TextStyleBuilder.setForegroundColor');
    this.color = cssString;
    return this as unknown as GTextStyleBuilder;
  }
  build(): GTextStyle {
    this.log.hit('TextStyleBuilder.build');
    return new FakeTextStyle(this.log, this.bold, this.color) as unknown as GTextStyle;
  }
}

export class FakeDataValidation {
  constructor(
    readonly list: string[],
    readonly showDropdown: boolean,
    readonly allowInvalid: boolean,
  ) {}
}

export class FakeValidationBuilder implements Pick<
  GValidationBuilder,
  'requireValueInList' | 'setAllowInvalid' | 'build'
> {
  private list: string[] | null = null;
  private dropdown = true;
  private allowInvalid = true;
  constructor(private log: CallLog) {}
  requireValueInList(values: string[], showDropdown?: boolean): GValidationBuilder {
    this.log.hit('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values) || values.length === 0)
      throw new Error('Exception: The list of values must not be empty.');
    this.list = values.map(String);
    this.dropdown = showDropdown !== false;
    return this as unknown as GValidationBuilder;
  }
  setAllowInvalid(allowInvalidData: boolean): GValidationBuilder {
    this.log.hit('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this as unknown as GValidationBuilder;
  }
  build(): GValidation {
    this.log.hit('DataValidationBuilder.build');
    if (!this.list) throw new Error('Exception: A data validation rule needs a criterion.');
    return new FakeDataValidation(this.list, this.dropdown, this.allowInvalid) as unknown as GValidation;
  }
}

export class FakeSpreadsheet implements Pick<
  GSpreadsheet,
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getSheets'
  | 'getSheetByName'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getNumSheets'
  | 'getSpreadsheetLocale'
  | 'getSpreadsheetTimeZone'
  | 'toast'
  | 'getId'
  | 'getName'
> {
  constructor(readonly book: FakeSpreadsheetBook) {}
  private hit(m: string) {
    this.book.log.hit(`Spreadsheet.${m}`);
  }
  getActiveSheet(): GSheet {
    this.hit('getActiveSheet');
    if (!this.book.active) this.book.active = this.book.sheets[0];
    return this.book.active as unknown as GSheet;
  }
  setActiveSheet(sheet: GSheet): GSheet {
    this.hit('setActiveSheet');
    this.book.active = sheet as unknown as FakeSheet;
    return sheet;
  }
  getSheets(): GSheet[] {
    this.hit('getSheets');
    return this.book.sheets.slice() as unknown as GSheet[];
  }
  getSheetByName(name: string): GSheet | null {
    this.hit('getSheetByName');
    return (this.book.sheets.find((s) => s.name === name) ?? null) as unknown as GSheet | null;
  }
  insertSheet(a?: any, b?: any): GSheet {
    this.hit('insertSheet');
    const name = typeof a === 'string' ? a : `Sheet${this.book.sheets.length + 1}`;
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : this.book.sheets.length;
    return this.book.newSheet(name, index) as unknown as GSheet;
  }
  deleteSheet(sheet: GSheet): void {
    this.hit('deleteSheet');
    const s = sheet as unknown as FakeSheet;
    if (this.book.sheets.length === 1) throw new Error("Exception: You can't remove all the sheets in a document.");
    this.book.sheets = this.book.sheets.filter((x) => x !== s);
    if (this.book.active === s) this.book.active = this.book.sheets[0];
  }
  getNumSheets(): number {
    this.hit('getNumSheets');
    return this.book.sheets.length;
  }
  getSpreadsheetLocale(): string {
    this.hit('getSpreadsheetLocale');
    return this.book.locale;
  }
  getSpreadsheetTimeZone(): string {
    this.hit('getSpreadsheetTimeZone');
    return this.book.timeZone;
  }
  toast(msg: string, title?: string, _timeoutSeconds?: number | null): void {
    this.hit('toast');
    this.book.toasts.push({ message: msg, title });
  }
  getId(): string {
    this.hit('getId');
    return 'fake-spreadsheet';
  }
  getName(): string {
    this.hit('getName');
    return 'Fake spreadsheet';
  }
}

export class FakeMenu implements GMenu {
  items: ({ caption: string; functionName: string } | 'separator')[] = [];
  constructor(
    readonly caption: string,
    private ui: FakeUi,
  ) {}
  addItem(caption: string, functionName: string): GMenu {
    this.ui.log.hit('Menu.addItem');
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): GMenu {
    this.ui.log.hit('Menu.addSeparator');
    this.items.push('separator');
    return this;
  }
  addSubMenu(_menu: GMenu): GMenu {
    this.ui.log.hit('Menu.addSubMenu');
    return this;
  }
  addToUi(): void {
    this.ui.log.hit('Menu.addToUi');
    this.ui.menus.push(this);
  }
}

const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
const BUTTON = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' };

export class FakeUi implements Pick<GUi, 'createMenu' | 'alert' | 'showSidebar' | 'Button' | 'ButtonSet'> {
  menus: FakeMenu[] = [];
  alerts: { title?: string; prompt: string }[] = [];
  sidebars: FakeHtmlOutput[] = [];
  Button = BUTTON as unknown as typeof GoogleAppsScript.Base.Button;
  ButtonSet = BUTTON_SET as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  constructor(readonly log: CallLog) {}
  createMenu(caption: string): GMenu {
    this.log.hit('Ui.createMenu');
    return new FakeMenu(caption, this);
  }
  alert(a: string, b?: any, _c?: any): GoogleAppsScript.Base.Button {
    this.log.hit('Ui.alert');
    if (typeof b === 'string') this.alerts.push({ title: a, prompt: b });
    else this.alerts.push({ prompt: a });
    return BUTTON.OK as unknown as GoogleAppsScript.Base.Button;
  }
  showSidebar(userInterface: GHtmlOutput): void {
    this.log.hit('Ui.showSidebar');
    this.sidebars.push(userInterface as unknown as FakeHtmlOutput);
  }
}

export class FakeHtmlOutput implements Pick<GHtmlOutput, 'getContent' | 'setTitle' | 'getTitle'> {
  private title = '';
  constructor(
    private content: string,
    private log: CallLog,
  ) {}
  getContent(): string {
    this.log.hit('HtmlOutput.getContent');
    return this.content;
  }
  setTitle(title: string): GHtmlOutput {
    this.log.hit('HtmlOutput.setTitle');
    this.title = title;
    return this as unknown as GHtmlOutput;
  }
  getTitle(): string {
    this.log.hit('HtmlOutput.getTitle');
    return this.title;
  }
}

/** One lock per document, shared by every "execution" of a test. `heldElsewhere` simulates another run. */
export class FakeLock implements GLock {
  held = false;
  heldElsewhere = false;
  constructor(private log: CallLog) {}
  hasLock(): boolean {
    this.log.hit('Lock.hasLock');
    return this.held;
  }
  releaseLock(): void {
    this.log.hit('Lock.releaseLock');
    this.held = false;
  }
  tryLock(_timeoutInMillis: number): boolean {
    this.log.hit('Lock.tryLock');
    if (this.heldElsewhere || this.held) return false;
    this.held = true;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis))
      throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
}

export class FakeProperties implements GProperties {
  store: Record<string, string> = {};
  constructor(private log: CallLog) {}
  deleteAllProperties(): GProperties {
    this.log.hit('Properties.deleteAllProperties');
    this.store = {};
    return this;
  }
  deleteProperty(key: string): GProperties {
    this.log.hit('Properties.deleteProperty');
    delete this.store[key];
    return this;
  }
  getKeys(): string[] {
    this.log.hit('Properties.getKeys');
    return Object.keys(this.store);
  }
  getProperties(): { [key: string]: string } {
    this.log.hit('Properties.getProperties');
    return { ...this.store };
  }
  getProperty(key: string): string | null {
    this.log.hit('Properties.getProperty');
    return key in this.store ? this.store[key] : null;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): GProperties {
    this.log.hit('Properties.setProperties');
    if (deleteAllOthers) this.store = {};
    for (const [k, v] of Object.entries(properties)) this.store[k] = String(v);
    return this;
  }
  setProperty(key: string, value: string): GProperties {
    this.log.hit('Properties.setProperty');
    if (typeof value !== 'string') throw new Error('Exception: Invalid argument: value');
    if (value.length > 9 * 1024) throw new Error('Exception: Argument too large: value');
    this.store[key] = value;
    return this;
  }
}

/** Utilities.formatDate for the patterns the bundle uses (yyyy MM dd HH mm ss), in the given IANA zone. */
/** Minutes east of UTC of `timeZone` at `date`. */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const p = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const n = (t: string) => Number(p.find((x) => x.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

export function formatDate(date: Date, timeZone: string, format: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const off = zoneOffsetMinutes(date, timeZone);
  const z = `${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}${String(Math.abs(off) % 60).padStart(2, '0')}`;
  return format
    .replace(/Z/g, z)
    .replace(/yyyy/g, get('year'))
    .replace(/MM/g, get('month'))
    .replace(/dd/g, get('day'))
    .replace(/HH/g, get('hour'))
    .replace(/mm/g, get('minute'))
    .replace(/ss/g, get('second'));
}

/** Everything a bundle sees as globals, wired to one fake spreadsheet. */
export interface FakeServices {
  book: FakeSpreadsheetBook;
  ui: FakeUi;
  lock: FakeLock;
  documentProperties: FakeProperties;
  globals: {
    SpreadsheetApp: Pick<
      GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      | 'getActiveSpreadsheet'
      | 'getActive'
      | 'getActiveSheet'
      | 'getUi'
      | 'newDataValidation'
      | 'newConditionalFormatRule'
      | 'newTextStyle'
      | 'flush'
      | 'BandingTheme'
    >;
    HtmlService: Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutputFromFile' | 'createHtmlOutput'>;
    LockService: GoogleAppsScript.Lock.LockService;
    PropertiesService: Pick<
      GoogleAppsScript.Properties.PropertiesService,
      'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'
    >;
    Session: Pick<GoogleAppsScript.Base.Session, 'getActiveUserLocale' | 'getScriptTimeZone'>;
    Utilities: Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate'>;
    console: Pick<Console, 'log' | 'warn' | 'error' | 'info'>;
    /** Charts.ChartType, as the Charts service gives it. */
    Charts: { ChartType: Record<string, string> };
  };
  /** console.* calls the bundle made. */
  logs: string[];
}

export function createFakeServices(opts: FakeOptions = {}, book = new FakeSpreadsheetBook(opts)): FakeServices {
  const log = book.log;
  const ui = new FakeUi(log);
  const lock = new FakeLock(log);
  const documentProperties = new FakeProperties(log);
  const scriptProperties = new FakeProperties(log);
  const userProperties = new FakeProperties(log);
  const files = opts.htmlFiles ?? {};
  const logs: string[] = [];
  const app = (m: string) => log.hit(`SpreadsheetApp.${m}`);
  const globals: FakeServices['globals'] = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => {
        app('getActiveSpreadsheet');
        return new FakeSpreadsheet(book) as unknown as GSpreadsheet;
      },
      getActive: () => {
        app('getActive');
        return new FakeSpreadsheet(book) as unknown as GSpreadsheet;
      },
      getActiveSheet: () => {
        app('getActiveSheet');
        return (book.active ?? book.sheets[0]) as unknown as GSheet;
      },
      getUi: () => {
        app('getUi');
        return ui as unknown as GUi;
      },
      newDataValidation: () => {
        app('newDataValidation');
        return new FakeValidationBuilder(log) as unknown as GValidationBuilder;
      },
      newTextStyle: () => {
        app('newTextStyle');
        return new FakeTextStyleBuilder(log) as unknown as GTextStyleBuilder;
      },
      newConditionalFormatRule: () => {
        app('newConditionalFormatRule');
        return new FakeRuleBuilder(log) as unknown as GRuleBuilder;
      },
      flush: () => {
        app('flush');
      },
      BandingTheme: {
        LIGHT_GREY: 'LIGHT_GREY',
        CYAN: 'CYAN',
        GREEN: 'GREEN',
        BLUE: 'BLUE',
      } as unknown as typeof GoogleAppsScript.Spreadsheet.BandingTheme,
    },
    HtmlService: {
      createHtmlOutputFromFile: (filename: string) => {
        log.hit('HtmlService.createHtmlOutputFromFile');
        const content = files[filename.replace(/\.html$/, '')];
        if (content === undefined) throw new Error(`Exception: No HTML file named ${filename} was found.`);
        return new FakeHtmlOutput(content, log) as unknown as GHtmlOutput;
      },
      createHtmlOutput: (html?: any) => {
        log.hit('HtmlService.createHtmlOutput');
        return new FakeHtmlOutput(typeof html === 'string' ? html : '', log) as unknown as GHtmlOutput;
      },
    },
    LockService: {
      getDocumentLock: () => {
        log.hit('LockService.getDocumentLock');
        return lock;
      },
      getScriptLock: () => {
        log.hit('LockService.getScriptLock');
        return lock;
      },
      getUserLock: () => {
        log.hit('LockService.getUserLock');
        return lock;
      },
    },
    PropertiesService: {
      getDocumentProperties: () => {
        log.hit('PropertiesService.getDocumentProperties');
        return documentProperties;
      },
      getScriptProperties: () => {
        log.hit('PropertiesService.getScriptProperties');
        return scriptProperties;
      },
      getUserProperties: () => {
        log.hit('PropertiesService.getUserProperties');
        return userProperties;
      },
    },
    Session: {
      getActiveUserLocale: () => {
        log.hit('Session.getActiveUserLocale');
        return book.locale.split('_')[0];
      },
      getScriptTimeZone: () => {
        log.hit('Session.getScriptTimeZone');
        return book.scriptTimeZone;
      },
    },
    Utilities: {
      formatDate: (date: GoogleAppsScript.Base.Date, timeZone: string, format: string) => {
        log.hit('Utilities.formatDate');
        return formatDate(date as unknown as Date, timeZone, format);
      },
    },
    Charts: { ChartType: Object.fromEntries(CHART_TYPES.map((t) => [t, t])) },
    console: {
      log: (...a: unknown[]) => void logs.push(a.map(String).join(' ')),
      info: (...a: unknown[]) => void logs.push(a.map(String).join(' ')),
      warn: (...a: unknown[]) => void logs.push(a.map(String).join(' ')),
      error: (...a: unknown[]) => void logs.push(a.map(String).join(' ')),
    },
  };
  return { book, ui, lock, documentProperties, globals, logs };
}
