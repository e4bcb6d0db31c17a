/** Range, range areas and collections, and a range's format. */
import { addressOf, intersects, type SimRect, MAX_ROWS, MAX_COLS } from './address';
import { SimSheet, SimOfficeError, type Scalar } from './workbook';
import {
  PAYLOAD_LIMIT,
  type Props,
  type RangeTarget,
  SimClientResult,
  SimProxy,
  jsonBytes,
  needApi,
  notLoaded,
  wantsAll,
} from './proxy';
import { SimRequestContext } from './context';
import { SimWorksheet } from './worksheet';
import { SimDataValidation } from './data-validation';
import { SimConditionalFormatCollection } from './conditional-formats';
import { SimTableCollection } from './tables';

function checkShape(values: unknown, rect: SimRect): (Scalar | null)[][] {
  if (!Array.isArray(values)) {
    // A single value is spread over the whole range, as Office does.
    return Array.from({ length: rect.rows }, () => Array.from({ length: rect.cols }, () => values as Scalar));
  }
  if (values.length !== rect.rows || values.some((line) => !Array.isArray(line) || line.length !== rect.cols))
    throw new SimOfficeError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows}x${rect.cols}).`,
    );
  return values as (Scalar | null)[][];
}

function checkCells(rect: SimRect): void {
  if (rect.rows * rect.cols > PAYLOAD_LIMIT)
    throw new SimOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
}

export class SimRange extends SimProxy {
  readonly format: SimRangeFormat;
  readonly dataValidation: SimDataValidation;
  readonly conditionalFormats: SimConditionalFormatCollection;

  constructor(
    ctx: SimRequestContext,
    readonly target: RangeTarget,
  ) {
    super(ctx);
    this.format = new SimRangeFormat(ctx, target);
    // Data validation is ExcelApi 1.8, the add-in's minimum.
    this.dataValidation = new SimDataValidation(ctx, () => {
      needApi(ctx.sim, 8, 'Range.dataValidation');
      return target();
    });
    this.conditionalFormats = new SimConditionalFormatCollection(ctx, () => {
      const t = target();
      return t ? { sheet: t.sheet, rects: [t.rect] } : null;
    });
  }

  private must(): { sheet: SimSheet; rect: SimRect } {
    const t = this.target();
    if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
    return t;
  }

  protected read(list: string[] | null): Record<string, unknown> {
    const t = this.target();
    if (!t) return { isNullObject: true };
    const { sheet, rect } = t;
    const sim = this.context.sim;
    const out: Record<string, unknown> = {
      isNullObject: false,
      address: addressOf(sheet.name, rect),
      addressLocal: addressOf(sheet.name, rect),
      rowIndex: rect.row,
      columnIndex: rect.col,
      rowCount: rect.rows,
      columnCount: rect.cols,
      cellCount: rect.rows * rect.cols,
    };
    const grid = (fn: (r: number, c: number) => unknown) => {
      checkCells(rect);
      // What a read transfers: each matrix loaded counts its cells (values and formulas of a range count twice).
      sim.cellsRead += rect.rows * rect.cols;
      const m: unknown[][] = [];
      for (let r = 0; r < rect.rows; r++) {
        const line: unknown[] = new Array(rect.cols);
        for (let c = 0; c < rect.cols; c++) line[c] = fn(rect.row + r, rect.col + c);
        m.push(line);
      }
      return m;
    };
    if (wantsAll(list, 'values')) out.values = grid((r, c) => sim.value(sheet.name, r, c) ?? '');
    if (wantsAll(list, 'formulas'))
      out.formulas = grid((r, c) => {
        const cell = sheet.get(r, c);
        return cell?.f ?? (cell?.v === undefined ? '' : cell.v);
      });
    if (wantsAll(list, 'numberFormat')) out.numberFormat = grid((r, c) => sheet.get(r, c)?.nf ?? 'General');
    if (wantsAll(list, 'text'))
      out.text = grid((r, c) => {
        const v = sim.value(sheet.name, r, c);
        return v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
      });
    if (wantsAll(list, 'valueTypes'))
      out.valueTypes = grid((r, c) => {
        const v = sim.value(sheet.name, r, c);
        if (v === null || v === '') return 'Empty';
        if (typeof v === 'number') return 'Double';
        if (typeof v === 'boolean') return 'Boolean';
        return /^#[A-Z/0!?]+[!?A]?$/.test(v) ? 'Error' : 'String';
      });
    return out;
  }

  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get cellCount(): number {
    return this.prop('cellCount');
  }
  get text(): string[][] {
    return this.prop('text');
  }
  get valueTypes(): string[][] {
    return this.prop('valueTypes');
  }
  get values(): unknown[][] {
    return this.prop('values');
  }
  set values(v: unknown[][]) {
    this.writeInputs(v);
  }
  get formulas(): unknown[][] {
    return this.prop('formulas');
  }
  set formulas(v: unknown[][]) {
    this.writeInputs(v);
  }
  get numberFormat(): string[][] {
    return this.prop('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.context.enqueue(
      'write',
      () => {
        const { sheet, rect } = this.must();
        const m = checkShape(v, rect);
        m.forEach((line, r) =>
          line.forEach((f, c) => {
            sheet.ensure(rect.row + r, rect.col + c).nf = f === null || f === undefined ? 'General' : String(f);
          }),
        );
      },
      jsonBytes(v),
    );
  }

  private writeInputs(v: unknown): void {
    this.context.enqueue(
      'write',
      () => {
        const { sheet, rect } = this.must();
        const m = checkShape(v, rect);
        for (const line of m)
          for (const x of line)
            if (x !== null && typeof x === 'object')
              throw new SimOfficeError('InvalidArgument', 'A cell value must be a string, number or boolean.');
        this.context.sim.setInputs(sheet, rect.row, rect.col, m);
        this.context.touch(sheet, rect);
      },
      jsonBytes(v),
    );
  }

  private derived(fn: (t: { sheet: SimSheet; rect: SimRect }) => SimRect): SimRange {
    return new SimRange(this.context, () => {
      const t = this.target();
      if (!t) return null;
      const rect = fn(t);
      if (
        rect.row < 0 ||
        rect.col < 0 ||
        rect.rows < 1 ||
        rect.cols < 1 ||
        rect.row + rect.rows > MAX_ROWS ||
        rect.col + rect.cols > MAX_COLS
      )
        throw new SimOfficeError('InvalidArgument', 'The range would fall outside the sheet.');
      return { sheet: t.sheet, rect };
    });
  }
  getCell(row: number, col: number): SimRange {
    return this.derived(({ rect }) => ({ row: rect.row + row, col: rect.col + col, rows: 1, cols: 1 }));
  }
  getResizedRange(dRows: number, dCols: number): SimRange {
    return this.derived(({ rect }) => ({ ...rect, rows: rect.rows + dRows, cols: rect.cols + dCols }));
  }
  getOffsetRange(dRows: number, dCols: number): SimRange {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row + dRows, col: rect.col + dCols }));
  }
  getRow(i: number): SimRange {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row + i, rows: 1 }));
  }
  getColumn(i: number): SimRange {
    return this.derived(({ rect }) => ({ ...rect, col: rect.col + i, cols: 1 }));
  }
  getLastRow(): SimRange {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row + rect.rows - 1, rows: 1 }));
  }
  getEntireColumn(): SimRange {
    return this.derived(({ rect }) => ({ ...rect, row: 0, rows: MAX_ROWS }));
  }
  getUsedRange(valuesOnly = false): SimRange {
    return this.derived(({ sheet, rect }) => {
      const u = sheet.usedRect(valuesOnly);
      if (!u || !intersects(u, rect)) return { row: rect.row, col: rect.col, rows: 1, cols: 1 };
      const row = Math.max(u.row, rect.row);
      const col = Math.max(u.col, rect.col);
      return {
        row,
        col,
        rows: Math.min(u.row + u.rows, rect.row + rect.rows) - row,
        cols: Math.min(u.col + u.cols, rect.col + rect.cols) - col,
      };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return new SimRange(this.context, () => {
      const t = this.target();
      if (!t) return null;
      const u = t.sheet.usedRect(valuesOnly);
      if (!u || !intersects(u, t.rect)) return null;
      const row = Math.max(u.row, t.rect.row);
      const col = Math.max(u.col, t.rect.col);
      return {
        sheet: t.sheet,
        rect: {
          row,
          col,
          rows: Math.min(u.row + u.rows, t.rect.row + t.rect.rows) - row,
          cols: Math.min(u.col + u.cols, t.rect.col + t.rect.cols) - col,
        },
      };
    });
  }
  /**
   * The first cell (or, searching Backwards, the last) whose text matches (ExcelApi 1.9): completeMatch the whole
   * cell, matchCase the case. Searched row by row; the null object when none matches (find: ItemNotFound at sync).
   */
  findOrNullObject(text: string, criteria: SimSearchCriteria = {}): SimRange {
    return new SimRange(this.context, () => {
      needApi(this.context.sim, 9, 'Range.findOrNullObject');
      const t = this.target();
      return t ? findCell(this.context.sim, t.sheet, t.rect, String(text), criteria) : null;
    });
  }
  find(text: string, criteria: SimSearchCriteria = {}): SimRange {
    return new SimRange(this.context, () => {
      needApi(this.context.sim, 9, 'Range.find');
      const found = findCell(this.context.sim, this.must().sheet, this.must().rect, String(text), criteria);
      if (!found) throw new SimOfficeError('ItemNotFound', 'The requested resource does not exist.');
      return found;
    });
  }

  /** Tables overlapping (or, with fullyContained, inside) the range. */
  getTables(fullyContained = false): SimTableCollection {
    return new SimTableCollection(this.context, null, () => {
      needApi(this.context.sim, 9, 'Range.getTables');
      const t = this.target();
      return t ? { ...t, fully: fullyContained } : null;
    });
  }

  /**
   * The cells holding formulas (ExcelApi 1.9) as areas: one per run of formula cells down a column (Excel merges
   * differently, but an area is always a rectangle of formula cells). A null object when there are none.
   */
  getSpecialCellsOrNullObject(cellType: string): SimRangeAreas {
    return new SimRangeAreas(this.context, () => {
      needApi(this.context.sim, 9, 'Range.getSpecialCellsOrNullObject');
      if (cellType !== 'Formulas')
        throw new SimOfficeError('InvalidArgument', `Only 'Formulas' special cells are modelled (got ${cellType}).`);
      const t = this.target();
      if (!t) return null;
      const rects: SimRect[] = [];
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
        let start = -1;
        for (let r = t.rect.row; r <= t.rect.row + t.rect.rows; r++) {
          const has = r < t.rect.row + t.rect.rows && !!t.sheet.get(r, c)?.f;
          if (has && start < 0) start = r;
          if (!has && start >= 0) {
            rects.push({ row: start, col: c, rows: r - start, cols: 1 });
            start = -1;
          }
        }
      }
      return rects.length ? { sheet: t.sheet, rects } : null;
    });
  }

  /** Internal: this range's properties as a collection load gives them to its items. */
  readFor(list: string[] | null): Record<string, unknown> {
    return this.read(list);
  }

  /** Per-cell fills/fonts (ExcelApi 1.9): only format.fill.color/pattern and format.font.bold/color are modelled. */
  getCellProperties(opts: unknown): SimClientResult<unknown[][]> {
    const res = new SimClientResult<unknown[][]>();
    // Like Excel, only the properties asked for come back (the response size depends on it).
    const o = (opts ?? {}) as {
      address?: boolean;
      format?: { fill?: { color?: boolean; pattern?: boolean }; font?: { bold?: boolean; color?: boolean } };
    };
    this.context.enqueue('load', () => {
      needApi(this.context.sim, 9, 'Range.getCellProperties');
      const { sheet, rect } = this.must();
      checkCells(rect);
      const m: unknown[][] = [];
      for (let r = 0; r < rect.rows; r++) {
        const line: unknown[] = [];
        for (let c = 0; c < rect.cols; c++) {
          const cell = sheet.get(rect.row + r, rect.col + c);
          const p: Record<string, unknown> = {};
          if (o.address) p.address = addressOf(sheet.name, { row: rect.row + r, col: rect.col + c, rows: 1, cols: 1 });
          const format: Record<string, unknown> = {};
          if (o.format?.fill) {
            const fill: Record<string, unknown> = {};
            if (o.format.fill.color) fill.color = cell?.fill ?? '#FFFFFF';
            if (o.format.fill.pattern) fill.pattern = cell?.fill ? 'Solid' : 'None';
            format.fill = fill;
          }
          if (o.format?.font) {
            const font: Record<string, unknown> = {};
            if (o.format.font.bold) font.bold = !!cell?.bold;
            if (o.format.font.color) font.color = cell?.fontColor ?? '#000000';
            format.font = font;
          }
          if (o.format) p.format = format;
          line.push(p);
        }
        m.push(line);
      }
      this.context.respond(jsonBytes(m));
      res.set(m);
    });
    return res;
  }

  setCellProperties(props: unknown[][]): void {
    this.context.enqueue(
      'write',
      () => {
        needApi(this.context.sim, 9, 'Range.setCellProperties');
        const { sheet, rect } = this.must();
        checkShape(props, rect).forEach((line, r) =>
          line.forEach((p, c) => {
            const f = (
              p as {
                format?: { fill?: { color?: string; pattern?: string }; font?: { bold?: boolean; color?: string } };
              } | null
            )?.format;
            if (!f) return;
            const cell = sheet.ensure(rect.row + r, rect.col + c);
            if (f.fill?.pattern === 'None') delete cell.fill;
            else if (f.fill?.color !== undefined) cell.fill = normColor(f.fill.color);
            if (f.font?.bold !== undefined) cell.bold = f.font.bold;
            if (f.font?.color !== undefined) cell.fontColor = normColor(f.font.color);
          }),
        );
      },
      jsonBytes(props),
    );
  }

  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      sheet.clear(rect, applyTo);
      if (applyTo !== 'Formats') this.context.touch(sheet, rect);
    });
  }

  select(): void {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      this.context.sim.activate(sheet.name);
      this.context.sim.selection = { sheet: sheet.name, rect };
    });
  }

  get worksheet(): SimWorksheet {
    return new SimWorksheet(this.context, () => this.target()?.sheet ?? null);
  }
}

export function normColor(c: string): string {
  const s = String(c).trim();
  const named: Record<string, string> = {
    red: '#FF0000',
    yellow: '#FFFF00',
    green: '#008000',
    white: '#FFFFFF',
    black: '#000000',
  };
  if (named[s.toLowerCase()]) return named[s.toLowerCase()];
  if (!/^#[0-9a-f]{6}$/i.test(s)) throw new SimOfficeError('InvalidArgument', `'${c}' is not a colour.`);
  return s.toUpperCase();
}

export class SimRangeAreas extends SimProxy {
  readonly conditionalFormats: SimConditionalFormatCollection;
  /** The areas as a collection of ranges (ExcelApi 1.9); load('items/formulas,items/rowIndex,...'). */
  readonly areas: SimRangeCollection;
  constructor(
    ctx: SimRequestContext,
    readonly target: () => { sheet: SimSheet; rects: SimRect[] } | null,
  ) {
    super(ctx);
    this.conditionalFormats = new SimConditionalFormatCollection(ctx, target);
    this.areas = new SimRangeCollection(ctx, target);
  }
  protected read(): Record<string, unknown> {
    const t = this.target();
    return t
      ? {
          isNullObject: false,
          address: t.rects.map((r) => addressOf(t.sheet.name, r)).join(','),
          areaCount: t.rects.length,
        }
      : { isNullObject: true };
  }
  get address(): string {
    return this.prop('address');
  }
}

export class SimRangeCollection extends SimProxy {
  constructor(
    ctx: SimRequestContext,
    private target: () => { sheet: SimSheet; rects: SimRect[] } | null,
  ) {
    super(ctx);
  }
  protected read(list: string[] | null): Record<string, unknown> {
    const t = this.target();
    if (!t) return { isNullObject: true, items: [] };
    const sub = list ? list.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length)) : null;
    const items = t.rects.map((rect) => {
      const r = new SimRange(this.context, () => ({ sheet: t.sheet, rect }));
      (r as unknown as { loaded: Record<string, unknown> }).loaded = r.readFor(sub && sub.length ? sub : null);
      return r;
    });
    return { isNullObject: false, items };
  }
  get items(): SimRange[] {
    return this.prop('items');
  }
}

/** A loaded format property: the range's common value, or null when its cells differ (as in Excel). */
function commonValue(target: RangeTarget, get: (cell: ReturnType<SimSheet['get']>) => unknown): unknown {
  const t = target();
  if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
  let first: unknown = undefined;
  for (let r = 0; r < t.rect.rows; r++)
    for (let c = 0; c < t.rect.cols; c++) {
      const v = get(t.sheet.get(t.rect.row + r, t.rect.col + c));
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
  return first ?? null;
}

type SimCell = ReturnType<SimSheet['ensure']>;
type ReadCell = ReturnType<SimSheet['get']>;

/** What a format's fill and font do with their range: write each cell, load common values, read a loaded one. */
interface FormatAccess {
  each(fn: (cell: SimCell) => void): void;
  load(keys: Record<string, (cell: ReadCell) => unknown>): void;
  got(key: string): unknown;
}

function simFill(a: FormatAccess): SimRangeFormat['fill'] {
  const fill = {
    get color(): string {
      return a.got('fill.color') as string;
    },
    set color(v: string) {
      const c = normColor(v);
      a.each((cell) => (cell.fill = c));
    },
    clear: () => a.each((cell) => delete cell.fill),
    load(): unknown {
      a.load({
        'fill.color': (cell) => cell?.fill ?? '#FFFFFF',
        'fill.pattern': (cell) => (cell?.fill ? 'Solid' : 'None'),
      });
      return this;
    },
  };
  Object.defineProperty(fill, 'pattern', { get: () => a.got('fill.pattern') });
  return fill;
}

function simFont(a: FormatAccess): SimRangeFormat['font'] {
  return {
    get bold(): boolean {
      return a.got('font.bold') as boolean;
    },
    set bold(v: boolean) {
      a.each((cell) => (cell.bold = v));
    },
    get color(): string {
      return a.got('font.color') as string;
    },
    set color(v: string) {
      const c = normColor(v);
      a.each((cell) => (cell.fontColor = c));
    },
    load(): unknown {
      a.load({ 'font.bold': (cell) => !!cell?.bold, 'font.color': (cell) => cell?.fontColor ?? '#000000' });
      return this;
    },
  };
}

export class SimRangeFormat {
  readonly fill: { color: string; clear(): void; load(props?: Props): unknown };
  readonly font: { bold: boolean; color: string; load(props?: Props): unknown };
  constructor(
    private ctx: SimRequestContext,
    private target: RangeTarget,
  ) {
    const loaded: Record<string, unknown> = {};
    const access: FormatAccess = {
      each: (fn) =>
        ctx.enqueue('write', () => {
          const t = target();
          if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
          const { sheet, rect } = t;
          checkCells(rect);
          for (let r = 0; r < rect.rows; r++)
            for (let c = 0; c < rect.cols; c++) fn(sheet.ensure(rect.row + r, rect.col + c));
        }),
      load: (keys) =>
        ctx.enqueue('load', () => {
          for (const [k, get] of Object.entries(keys)) loaded[k] = commonValue(target, get);
          ctx.respond(jsonBytes(loaded));
        }),
      got: (k) => {
        if (!(k in loaded)) notLoaded(k.split('.')[1]);
        return loaded[k];
      },
    };
    this.fill = simFill(access);
    this.font = simFont(access);
  }
  set columnWidth(points: number) {
    this.ctx.enqueue('write', () => {
      const t = this.target();
      if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
      for (let c = 0; c < t.rect.cols; c++) t.sheet.columnWidths[t.rect.col + c] = points;
    });
  }
  get columnWidth(): number {
    return notLoaded('columnWidth');
  }
  autofitColumns(): void {
    this.ctx.enqueue('write', () => undefined);
  }
}

export interface SimSearchCriteria {
  completeMatch?: boolean;
  matchCase?: boolean;
  searchDirection?: 'Forward' | 'Backwards';
}

/** Range.find's search over `rect` of `sheet`: the cells' shown text, row by row (backwards from the last cell). */
function findCell(
  sim: SimRequestContext['sim'],
  sheet: SimSheet,
  rect: SimRect,
  text: string,
  c: SimSearchCriteria,
): { sheet: SimSheet; rect: SimRect } | null {
  const norm = (s: string) => (c.matchCase ? s : s.toLowerCase());
  const want = norm(text);
  const last = Math.min(rect.row + rect.rows, sheet.cells.length);
  const hit = (r: number, k: number) => {
    const v = sheet.get(r, k) ? sim.value(sheet.name, r, k) : null;
    const got = norm(v === null || v === undefined ? '' : String(v));
    return c.completeMatch ? got === want : want !== '' && got.includes(want);
  };
  const rows = Array.from({ length: Math.max(0, last - rect.row) }, (_, i) => rect.row + i);
  if (c.searchDirection === 'Backwards') rows.reverse();
  for (const r of rows) {
    const cols = Array.from({ length: rect.cols }, (_, i) => rect.col + i);
    if (c.searchDirection === 'Backwards') cols.reverse();
    for (const k of cols) if (hit(r, k)) return { sheet, rect: { row: r, col: k, rows: 1, cols: 1 } };
  }
  return null;
}
