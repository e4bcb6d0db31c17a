/**
 * The Excel JavaScript API over a SimWorkbook, with Office's proxy semantics: every object is a proxy, a property
 * can be read only after load() + context.sync() (reading earlier throws PropertyNotLoaded), writes are queued and
 * run at sync in order (a failing op stops the batch, earlier ops stay applied, as in Office), syncs are counted.
 * Only the part of the API the add-in uses is here; `createExcel(wb)` gives an object usable as the global `Excel`.
 */
import {
  addressOf,
  contains,
  intersects,
  parseLocal,
  splitSheet,
  SimRect,
  MAX_ROWS,
  MAX_COLS,
  rectToA1,
} from './address';
import { SimWorkbook, SimSheet, SimOfficeError, Scalar, SimTable, checkSheetName } from './workbook';
import { SimChartCollection } from './charts';

/** bytes: what a write sends (request payload); a load's response is measured when it runs. */
type Op = { kind: 'load' | 'write'; run: () => void; bytes: number };
type Props = string | string[] | { select?: string | string[] } | undefined;

const PAYLOAD_LIMIT = 5_000_000;
/** Excel on the web refuses a request or a response above about 5 MB; the sim enforces it per sync, in bytes of JSON. */
export const SYNC_PAYLOAD_LIMIT = 5_000_000;
/** Request bytes counted for a write without a matrix (a property set, an add, a delete). */
const SMALL_OP_BYTES = 100;

export function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : JSON.stringify(v).length;
}

/** Throws at sync, as Office does, when the member's requirement set (ExcelApi 1.minor) is above what the host supports. */
export function needApi(sim: SimWorkbook, minor: number, member: string): void {
  if (minor > sim.apiVersion)
    throw new SimOfficeError(
      'ApiNotFound',
      `The API you are trying to use could not be found (${member} needs ExcelApi 1.${minor}; this host has 1.${sim.apiVersion}).`,
      member,
    );
}

function propList(p: Props): string[] | null {
  if (p === undefined) return null;
  if (typeof p === 'string')
    return p
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (Array.isArray(p)) return p.flatMap((x) => x.split(',').map((y) => y.trim())).filter(Boolean);
  return propList(p.select);
}

function notLoaded(prop: string): never {
  throw new SimOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export class SimRequestContext {
  readonly workbook: SimWorkbookProxy;
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
  private queue: Op[] = [];
  private touched: { sheet: SimSheet; rect: SimRect }[] = [];

  constructor(readonly sim: SimWorkbook) {
    this.workbook = new SimWorkbookProxy(this);
  }

  enqueue(kind: 'load' | 'write', run: () => void, bytes = kind === 'write' ? SMALL_OP_BYTES : 0): void {
    this.queue.push({ kind, run, bytes });
  }

  /** Response bytes of the loads run in the current sync (loads report what they return). */
  private responseBytes = 0;
  respond(bytes: number): void {
    this.responseBytes += bytes;
  }

  touch(sheet: SimSheet, rect: SimRect): void {
    this.touched.push({ sheet, rect });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    this.sim.syncCount++;
    const ops = this.queue;
    this.queue = [];
    const request = ops.reduce((n, op) => n + op.bytes, 0);
    if (request > SYNC_PAYLOAD_LIMIT) {
      this.sim.refusedSyncs++;
      throw new SimOfficeError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size has exceeded the limit (${request} bytes).`,
      );
    }
    this.sim.maxRequestBytes = Math.max(this.sim.maxRequestBytes, request);
    this.responseBytes = 0;
    try {
      for (const op of ops) {
        this.sim.countOp(op.kind);
        op.run();
      }
      // The batch ran (its writes stay applied), but Office cannot send the answer back.
      if (this.responseBytes > SYNC_PAYLOAD_LIMIT) {
        this.sim.refusedSyncs++;
        throw new SimOfficeError(
          'ResponsePayloadSizeLimitExceeded',
          `The response payload size has exceeded the limit (${this.responseBytes} bytes).`,
        );
      }
      this.sim.maxResponseBytes = Math.max(this.sim.maxResponseBytes, this.responseBytes);
      this.sim.totalBytes += request + this.responseBytes;
    } finally {
      const touched = this.touched;
      this.touched = [];
      for (const t of touched) this.sim.emit(t.sheet, t.rect, 'api');
    }
  }
}

/** Base of every proxy: load() queues a snapshot of the asked properties, taken when sync runs the queue. */
abstract class SimProxy {
  protected loaded: Record<string, unknown> | null = null;
  constructor(readonly context: SimRequestContext) {}

  protected abstract read(props: string[] | null): Record<string, unknown>;

  load(props?: Props): this {
    const list = propList(props);
    this.context.enqueue('load', () => {
      const got = this.read(list);
      this.context.respond(jsonBytes(got));
      this.loaded = { ...(this.loaded ?? {}), ...got };
    });
    return this;
  }

  protected prop<T>(name: string): T {
    if (!this.loaded || !(name in this.loaded)) notLoaded(name);
    return this.loaded[name] as T;
  }

  get isNullObject(): boolean {
    return this.prop<boolean>('isNullObject');
  }

  toJSON(): Record<string, unknown> {
    return { ...(this.loaded ?? {}) };
  }
}

export class SimClientResult<T> {
  private done = false;
  private v: T | undefined;
  set(v: T): void {
    this.v = v;
    this.done = true;
  }
  get value(): T {
    if (!this.done) notLoaded('value');
    return this.v as T;
  }
}

type SheetRef = () => SimSheet | null;
type RangeTarget = () => { sheet: SimSheet; rect: SimRect } | null;

function wantsAll(list: string[] | null, name: string): boolean {
  return list === null || list.includes(name);
}

export class SimWorkbookProxy extends SimProxy {
  readonly worksheets: SimWorksheetCollection;
  readonly tables: SimTableCollection;
  constructor(ctx: SimRequestContext) {
    super(ctx);
    this.worksheets = new SimWorksheetCollection(ctx);
    this.tables = new SimTableCollection(ctx, null);
  }
  protected read(): Record<string, unknown> {
    return { isNullObject: false, name: 'Book1.xlsx' };
  }
  get name(): string {
    return this.prop('name');
  }
  getSelectedRange(): SimRange {
    const sim = this.context.sim;
    return new SimRange(this.context, () => {
      const sel = sim.selection;
      const sheet = sel ? sim.sheet(sel.sheet) : sim.active;
      return sheet
        ? { sheet, rect: sel && sheet === sim.sheet(sel.sheet) ? sel.rect : { row: 0, col: 0, rows: 1, cols: 1 } }
        : null;
    });
  }
  getActiveCell(): SimRange {
    return this.getSelectedRange().getCell(0, 0);
  }
}

export class SimWorksheetCollection extends SimProxy {
  /** Changes on any sheet (ExcelApi 1.9). */
  readonly onChanged = {
    add: (handler: (e: unknown) => unknown): { remove(): void } => {
      let off: (() => void) | null = null;
      this.context.enqueue('load', () => {
        needApi(this.context.sim, 9, 'WorksheetCollection.onChanged');
        off = this.context.sim.onChanged(null, (e) => void handler(e));
      });
      return { remove: () => this.context.enqueue('load', () => off?.()) };
    },
  };
  protected read(list: string[] | null): Record<string, unknown> {
    const sim = this.context.sim;
    const items = sim.sheets.map((s) => {
      const w = new SimWorksheet(this.context, () => (sim.sheets.includes(s) ? s : null));
      w.fill(s);
      return w;
    });
    void list;
    return { isNullObject: false, items };
  }
  get items(): SimWorksheet[] {
    return this.prop('items');
  }
  getItem(name: string): SimWorksheet {
    const sim = this.context.sim;
    return new SimWorksheet(this.context, () => {
      const s = sim.sheet(name) ?? sim.sheetById(name);
      if (!s)
        throw new SimOfficeError(
          'ItemNotFound',
          `The requested resource doesn't exist: sheet '${name}'.`,
          'Worksheets.getItem',
        );
      return s;
    });
  }
  getItemOrNullObject(name: string): SimWorksheet {
    const sim = this.context.sim;
    return new SimWorksheet(this.context, () => sim.sheet(name) ?? sim.sheetById(name) ?? null);
  }
  getActiveWorksheet(): SimWorksheet {
    const sim = this.context.sim;
    return new SimWorksheet(this.context, () => sim.active);
  }
  getFirst(): SimWorksheet {
    const sim = this.context.sim;
    return new SimWorksheet(this.context, () => sim.sheets[0]);
  }
  getCount(): SimClientResult<number> {
    const r = new SimClientResult<number>();
    this.context.enqueue('load', () => r.set(this.context.sim.sheets.length));
    return r;
  }
  add(name?: string): SimWorksheet {
    const sim = this.context.sim;
    const holder: { s: SimSheet | null } = { s: null };
    this.context.enqueue('write', () => {
      let n = name;
      if (!n) for (let i = sim.sheets.length + 1; !n || sim.sheet(n); i++) n = `Sheet${i}`;
      checkSheetName(n, sim);
      holder.s = sim.addSheet(n);
    });
    return new SimWorksheet(this.context, () => holder.s);
  }
}

export class SimWorksheet extends SimProxy {
  readonly freezePanes: SimFreezePanes;
  readonly tables: SimTableCollection;
  readonly notes: SimNoteCollection;
  readonly charts: SimChartCollection;
  readonly onChanged: { add(handler: (e: unknown) => unknown): { remove(): void } };

  constructor(
    ctx: SimRequestContext,
    readonly ref: SheetRef,
  ) {
    super(ctx);
    this.charts = new SimChartCollection(ctx, ref);
    this.freezePanes = new SimFreezePanes(ctx, ref);
    this.tables = new SimTableCollection(ctx, ref);
    // Notes are ExcelApi 1.18: every use of them checks the host's version when it runs.
    this.notes = new SimNoteCollection(ctx, () => {
      needApi(ctx.sim, 18, 'Worksheet.notes');
      return ref();
    });
    this.onChanged = {
      add: (handler) => {
        let off: (() => void) | null = null;
        ctx.enqueue('load', () => {
          const s = this.must();
          off = ctx.sim.onChanged(s.id, (e) => void handler(e));
        });
        return { remove: () => ctx.enqueue('load', () => off?.()) };
      },
    };
  }

  /** Fills the loaded properties directly (collection items arrive loaded). */
  fill(s: SimSheet): void {
    this.loaded = this.read(null, s);
  }

  protected read(_list: string[] | null, given?: SimSheet): Record<string, unknown> {
    const s = given ?? this.ref();
    if (!s) return { isNullObject: true, name: null, id: null, position: null, visibility: null };
    return {
      isNullObject: false,
      name: s.name,
      id: s.id,
      position: this.context.sim.sheets.indexOf(s),
      visibility: s.visible ? 'Visible' : 'Hidden',
    };
  }

  private must(): SimSheet {
    const s = this.ref();
    if (!s) throw new SimOfficeError('ItemNotFound', 'The worksheet does not exist.');
    return s;
  }

  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.context.enqueue('write', () => {
      const s = this.must();
      if (s.name.toLowerCase() !== v.toLowerCase()) checkSheetName(v, this.context.sim);
      s.name = v;
    });
  }
  get id(): string {
    return this.prop('id');
  }
  get position(): number {
    return this.prop('position');
  }
  set position(p: number) {
    this.context.enqueue('write', () => {
      const sim = this.context.sim;
      const s = this.must();
      const activeName = sim.active.name;
      sim.sheets = sim.sheets.filter((x) => x !== s);
      sim.sheets.splice(Math.max(0, Math.min(p, sim.sheets.length)), 0, s);
      sim.activeIndex = sim.sheets.findIndex((x) => x.name === activeName);
    });
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  set visibility(v: string) {
    this.context.enqueue('write', () => {
      const s = this.must();
      const hide = v !== 'Visible';
      if (hide && this.context.sim.sheets.filter((x) => x.visible && x !== s).length === 0)
        throw new SimOfficeError('InvalidOperation', 'A workbook must keep one visible sheet.');
      s.visible = !hide;
    });
  }

  getRange(address?: string): SimRange {
    return new SimRange(this.context, () => {
      const s = this.ref();
      if (!s) return null;
      if (address === undefined || address === '')
        return { sheet: s, rect: { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const { sheet, local } = splitSheet(address);
      if (sheet && sheet.toLowerCase() !== s.name.toLowerCase())
        throw new SimOfficeError('InvalidArgument', `Address '${address}' is on another sheet.`);
      const rect = parseLocal(local);
      if (!rect) throw new SimOfficeError('InvalidArgument', `'${address}' is not a valid address.`);
      return { sheet: s, rect };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): SimRange {
    return new SimRange(this.context, () => {
      const s = this.ref();
      if (!s) return null;
      if (row < 0 || col < 0 || rows < 1 || cols < 1) throw new SimOfficeError('InvalidArgument', 'Bad range indexes.');
      return { sheet: s, rect: { row, col, rows, cols } };
    });
  }
  getCell(row: number, col: number): SimRange {
    return this.getRangeByIndexes(row, col, 1, 1);
  }
  /** Several areas ('A1:B2,D1:D9') as one object (Excel's RangeAreas); only conditional formats are used on it. */
  getRanges(address: string): SimRangeAreas {
    return new SimRangeAreas(this.context, () => {
      needApi(this.context.sim, 9, 'Worksheet.getRanges');
      const s = this.ref();
      if (!s) return null;
      const rects = address.split(',').map((a) => {
        const r = parseLocal(splitSheet(a).local);
        if (!r) throw new SimOfficeError('InvalidArgument', `'${a}' is not a valid address.`);
        return r;
      });
      return { sheet: s, rects };
    });
  }
  getUsedRange(valuesOnly = false): SimRange {
    return new SimRange(this.context, () => {
      const s = this.must();
      return { sheet: s, rect: s.usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return new SimRange(this.context, () => {
      const s = this.ref();
      const rect = s?.usedRect(valuesOnly);
      return s && rect ? { sheet: s, rect } : null;
    });
  }
  activate(): void {
    this.context.enqueue('write', () => {
      const s = this.must();
      this.context.sim.activate(s.name);
    });
  }
  delete(): void {
    this.context.enqueue('write', () => {
      const s = this.must();
      this.context.sim.deleteSheet(s.name);
    });
  }
}

export class SimFreezePanes {
  constructor(
    private ctx: SimRequestContext,
    private ref: SheetRef,
  ) {}
  freezeRows(count = 1): void {
    this.ctx.enqueue('write', () => {
      const s = this.ref();
      if (!s) throw new SimOfficeError('ItemNotFound', 'The worksheet does not exist.');
      s.freezeRows = count;
      s.freezeCols = 0;
    });
  }
  unfreeze(): void {
    this.ctx.enqueue('write', () => {
      const s = this.ref();
      if (s) {
        s.freezeRows = 0;
        s.freezeCols = 0;
      }
    });
  }
  /** The top-left pane: whole rows from row 1 (rows only), or A1 through a cell (rows and columns). */
  freezeAt(frozenRange: SimRange | string): void {
    this.ctx.enqueue('write', () => {
      const s = this.ref();
      if (!s) throw new SimOfficeError('ItemNotFound', 'The worksheet does not exist.');
      const rect =
        typeof frozenRange === 'string'
          ? parseLocal(splitSheet(frozenRange).local)
          : (frozenRange.target()?.rect ?? null);
      if (!rect || rect.row !== 0 || rect.col !== 0)
        throw new SimOfficeError('InvalidArgument', 'Frozen panes start at A1.');
      s.freezeRows = rect.rows;
      s.freezeCols = rect.cols === MAX_COLS ? 0 : rect.cols;
    });
  }
  /** The frozen pane (whole rows when only rows are frozen), or a null object when nothing is frozen. */
  getLocationOrNullObject(): SimRange {
    return new SimRange(this.ctx, () => {
      const s = this.ref();
      return s && s.freezeRows > 0
        ? { sheet: s, rect: { row: 0, col: 0, rows: s.freezeRows, cols: s.freezeCols > 0 ? s.freezeCols : MAX_COLS } }
        : null;
    });
  }
}

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

function normColor(c: string): string {
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

export class SimRangeFormat {
  readonly fill: { color: string; clear(): void; load(props?: Props): unknown };
  readonly font: { bold: boolean; color: string; load(props?: Props): unknown };
  constructor(
    private ctx: SimRequestContext,
    private target: RangeTarget,
  ) {
    const each = (fn: (cell: ReturnType<SimSheet['ensure']>) => void) =>
      ctx.enqueue('write', () => {
        const t = target();
        if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
        const { sheet, rect } = t;
        checkCells(rect);
        for (let r = 0; r < rect.rows; r++)
          for (let c = 0; c < rect.cols; c++) fn(sheet.ensure(rect.row + r, rect.col + c));
      });
    // A loaded format property is the range's common value, or null when its cells differ (as in Excel).
    const loaded: Record<string, unknown> = {};
    const common = (get: (cell: ReturnType<SimSheet['get']>) => unknown) => {
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
    };
    const load = (keys: Record<string, (cell: ReturnType<SimSheet['get']>) => unknown>) =>
      ctx.enqueue('load', () => {
        for (const [k, get] of Object.entries(keys)) loaded[k] = common(get);
        ctx.respond(jsonBytes(loaded));
      });
    const got = (k: string) => {
      if (!(k in loaded)) notLoaded(k.split('.')[1]);
      return loaded[k];
    };
    this.fill = {
      get color(): string {
        return got('fill.color') as string;
      },
      set color(v: string) {
        const c = normColor(v);
        each((cell) => (cell.fill = c));
      },
      clear: () => each((cell) => delete cell.fill),
      load(): unknown {
        load({
          'fill.color': (cell) => cell?.fill ?? '#FFFFFF',
          'fill.pattern': (cell) => (cell?.fill ? 'Solid' : 'None'),
        });
        return this;
      },
    };
    Object.defineProperty(this.fill, 'pattern', { get: () => got('fill.pattern') });
    this.font = {
      get bold(): boolean {
        return got('font.bold') as boolean;
      },
      set bold(v: boolean) {
        each((cell) => (cell.bold = v));
      },
      get color(): string {
        return got('font.color') as string;
      },
      set color(v: string) {
        const c = normColor(v);
        each((cell) => (cell.fontColor = c));
      },
      load(): unknown {
        load({ 'font.bold': (cell) => !!cell?.bold, 'font.color': (cell) => cell?.fontColor ?? '#000000' });
        return this;
      },
    };
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

export interface SimListRule {
  list?: { inCellDropDown: boolean; source: string };
}

/** A range's data validation; load('type,rule,errorAlert') reads it back (only list rules are modelled). */
export class SimDataValidation extends SimProxy {
  private pendingStyle: 'Stop' | 'Warning' | 'Information' | null = null;
  constructor(
    ctx: SimRequestContext,
    private target: RangeTarget,
  ) {
    super(ctx);
  }
  protected read(): Record<string, unknown> {
    const t = this.target();
    if (!t) return { isNullObject: true };
    const hit = t.sheet.validations.filter((v) => intersects(v.rect, t.rect));
    if (!hit.length)
      return {
        isNullObject: false,
        type: 'None',
        rule: {},
        errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
      };
    const one = hit.length === 1 && contains(hit[0].rect, t.rect) ? hit[0] : null;
    if (!one)
      return {
        isNullObject: false,
        type: 'Inconsistent',
        rule: {},
        errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
      };
    return {
      isNullObject: false,
      type: 'List',
      rule: { list: { inCellDropDown: true, source: one.list.join(',') } },
      errorAlert: { showAlert: true, style: one.style, title: '', message: '' },
    };
  }
  get type(): string {
    return this.prop('type');
  }
  private must() {
    const t = this.target();
    if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
    return t;
  }
  set rule(rule: SimListRule) {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      if (!rule?.list || typeof rule.list.source !== 'string')
        throw new SimOfficeError('InvalidArgument', 'Only list rules are modelled.');
      if (rule.list.source.length > 255)
        throw new SimOfficeError('InvalidArgument', 'A list source is limited to 255 characters.');
      // Excel refuses a second rule over cells that already have one (clear() first).
      if (sheet.validations.some((v) => intersects(v.rect, rect)))
        throw new SimOfficeError('InvalidOperation', 'The range already has a data validation rule.');
      const list = rule.list.source.split(',').map((x) => x.trim());
      sheet.validations.push({ rect, list, style: this.pendingStyle ?? 'Stop' });
    });
  }
  get rule(): SimListRule {
    return this.prop('rule');
  }
  get errorAlert(): {
    showAlert?: boolean;
    style?: 'Stop' | 'Warning' | 'Information';
    title?: string;
    message?: string;
  } {
    return this.prop('errorAlert');
  }
  set errorAlert(a: {
    showAlert?: boolean;
    style?: 'Stop' | 'Warning' | 'Information';
    title?: string;
    message?: string;
  }) {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      const style = a.style ?? 'Stop';
      this.pendingStyle = style;
      for (const v of sheet.validations) if (intersects(v.rect, rect)) v.style = style;
    });
  }
  clear(): void {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      const kept = [];
      for (const v of sheet.validations) {
        if (!intersects(v.rect, rect)) kept.push(v);
        else if (!(
          v.rect.row >= rect.row &&
          v.rect.row + v.rect.rows <= rect.row + rect.rows &&
          v.rect.col >= rect.col &&
          v.rect.col + v.rect.cols <= rect.col + rect.cols
        )) {
          // Partly covered: keep the rows above/below the cleared block (enough for column-shaped rules).
          if (v.rect.row < rect.row) kept.push({ ...v, rect: { ...v.rect, rows: rect.row - v.rect.row } });
          const end = v.rect.row + v.rect.rows;
          if (end > rect.row + rect.rows)
            kept.push({ ...v, rect: { ...v.rect, row: rect.row + rect.rows, rows: end - rect.row - rect.rows } });
        }
      }
      sheet.validations = kept;
    });
  }
}

type AreasTarget = () => { sheet: SimSheet; rects: SimRect[] } | null;

export class SimConditionalFormatCollection extends SimProxy {
  constructor(
    ctx: SimRequestContext,
    private target: AreasTarget,
  ) {
    super(ctx);
  }
  protected read(): Record<string, unknown> {
    const t = this.target();
    if (!t) return { isNullObject: true, items: [] };
    const items = t.sheet.conditionalFormats
      .filter((cf) => cf.ranges.some((r) => t.rects.some((x) => intersects(r, x))))
      .map((cf) => new SimConditionalFormat(this.context, t.sheet, { cf }, true));
    return { isNullObject: false, items };
  }
  get items(): SimConditionalFormat[] {
    return this.prop('items');
  }
  getCount(): SimClientResult<number> {
    const r = new SimClientResult<number>();
    this.context.enqueue('load', () => r.set((this.read().items as unknown[]).length));
    return r;
  }
  add(type: string): SimConditionalFormat {
    const holder: { cf: SimConditionalFormatData | null } = { cf: null };
    let sheetRef: SimSheet | null = null;
    this.context.enqueue('write', () => {
      const t = this.target();
      if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
      if (type !== 'Custom')
        throw new SimOfficeError('InvalidArgument', `Only custom conditional formats are modelled (got ${type}).`);
      sheetRef = t.sheet;
      holder.cf = this.context.sim.addConditionalFormat(
        t.sheet,
        t.rects.map((r) => ({ ...r })),
      );
    });
    return new SimConditionalFormat(this.context, () => sheetRef, holder, false);
  }
  clearAll(): void {
    this.context.enqueue('write', () => {
      const t = this.target();
      if (!t) return;
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter(
        (cf) => !cf.ranges.some((r) => t.rects.some((x) => intersects(r, x))),
      );
    });
  }
}

type SimConditionalFormatData = import('./workbook').SimCfData;

/** One conditional format; `custom.rule.formula` and `custom.format.fill/font.color` as in Excel. */
export class SimConditionalFormat extends SimProxy {
  readonly custom: {
    rule: { formula: string; load(props?: Props): unknown };
    format: {
      fill: { color: string; load(props?: Props): unknown };
      font: { color: string; load(props?: Props): unknown };
    };
  };
  constructor(
    ctx: SimRequestContext,
    private sheet: SimSheet | (() => SimSheet | null),
    private holder: { cf: SimConditionalFormatData | null },
    fromCollection: boolean,
  ) {
    super(ctx);
    if (fromCollection && holder.cf) this.loaded = this.read();
    const must = () => {
      if (!holder.cf) throw new SimOfficeError('InvalidReference', 'The conditional format does not exist.');
      return holder.cf;
    };
    const self = this;
    this.custom = {
      rule: {
        load(): unknown {
          ctx.enqueue('load', () => {
            self.loaded = { ...(self.loaded ?? {}), ...self.read() };
          });
          return this;
        },
        get formula(): string {
          return self.prop<string>('formula');
        },
        set formula(v: string) {
          ctx.enqueue('write', () => {
            must().formula = v;
          });
        },
      },
      format: {
        fill: {
          load(): unknown {
            self.load();
            return this;
          },
          get color(): string {
            return self.prop<string>('fill');
          },
          set color(v: string) {
            const c = normColor(v);
            ctx.enqueue('write', () => {
              must().fill = c;
            });
          },
        },
        font: {
          load(): unknown {
            self.load();
            return this;
          },
          get color(): string {
            return self.prop<string>('fontColor');
          },
          set color(v: string) {
            const c = normColor(v);
            ctx.enqueue('write', () => {
              must().fontColor = c;
            });
          },
        },
      },
    };
  }
  protected read(): Record<string, unknown> {
    const cf = this.holder.cf;
    if (!cf) return { isNullObject: true };
    return {
      isNullObject: false,
      id: String(cf.id),
      type: cf.type,
      formula: cf.formula,
      fill: cf.fill,
      fontColor: cf.fontColor,
    };
  }
  get type(): string {
    return this.prop('type');
  }
  get id(): string {
    return this.prop('id');
  }
  /** The one range the format applies to, or a null object when it spans several areas (ExcelApi 1.6). */
  getRangeOrNullObject(): SimRange {
    return new SimRange(this.context, () => {
      const cf = this.holder.cf;
      const s = typeof this.sheet === 'function' ? this.sheet() : this.sheet;
      return cf && s && cf.ranges.length === 1 ? { sheet: s, rect: { ...cf.ranges[0] } } : null;
    });
  }
  /** The ranges the format applies to (ExcelApi 1.9). */
  getRanges(): SimRangeAreas {
    return new SimRangeAreas(this.context, () => {
      needApi(this.context.sim, 9, 'ConditionalFormat.getRanges');
      const cf = this.holder.cf;
      const s = typeof this.sheet === 'function' ? this.sheet() : this.sheet;
      return cf && s ? { sheet: s, rects: cf.ranges.map((r) => ({ ...r })) } : null;
    });
  }
  delete(): void {
    this.context.enqueue('write', () => {
      const cf = this.holder.cf;
      if (!cf) throw new SimOfficeError('InvalidReference', 'The conditional format does not exist.');
      const s = typeof this.sheet === 'function' ? this.sheet() : this.sheet;
      if (s) s.conditionalFormats = s.conditionalFormats.filter((x) => x !== cf);
      this.holder.cf = null;
    });
  }
}

export class SimTableCollection extends SimProxy {
  /** ref null: the workbook's tables (every sheet). */
  constructor(
    ctx: SimRequestContext,
    private ref: SheetRef | null,
    private filter?: () => { sheet: SimSheet; rect: SimRect; fully: boolean } | null,
  ) {
    super(ctx);
  }
  protected read(): Record<string, unknown> {
    if (this.filter) {
      const f = this.filter();
      if (!f) return { isNullObject: true, items: [] };
      const hit = f.sheet.tables.filter((t) => (f.fully ? contains(f.rect, t.rect) : intersects(f.rect, t.rect)));
      return { isNullObject: false, items: hit.map((t) => new SimTableProxy(this.context, f.sheet, { t }, true)) };
    }
    const sheets = this.ref ? [this.ref()].filter((x): x is SimSheet => !!x) : this.context.sim.sheets;
    if (this.ref && !sheets.length) return { isNullObject: true, items: [] };
    return {
      isNullObject: false,
      items: sheets.flatMap((s) => s.tables.map((t) => new SimTableProxy(this.context, s, { t }, true))),
    };
  }
  get items(): SimTableProxy[] {
    return this.prop('items');
  }
  add(address: string, hasHeaders: boolean): SimTableProxy {
    const holder: { t: SimTable | null } = { t: null };
    let sheet: SimSheet | null = null;
    this.context.enqueue('write', () => {
      const s = this.ref ? this.ref() : null;
      if (!s) throw new SimOfficeError('ItemNotFound', 'Tables are added through a worksheet here.');
      const rect = parseLocal(splitSheet(address).local);
      if (!rect) throw new SimOfficeError('InvalidArgument', `'${address}' is not a valid address.`);
      if (!hasHeaders) throw new SimOfficeError('InvalidArgument', 'Only tables with headers are modelled.');
      sheet = s;
      holder.t = this.context.sim.addTable(s, rect);
    });
    return new SimTableProxy(this.context, () => sheet, holder, false);
  }
  getItemOrNullObject(name: string): SimTableProxy {
    const sim = this.context.sim;
    let sheet: SimSheet | null = null;
    const holder = {
      get t(): SimTable | null {
        for (const s of sim.sheets) {
          const t = s.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
          if (t) {
            sheet = s;
            return t;
          }
        }
        return null;
      },
      set t(_v: SimTable | null) {
        /* deletion is looked up again */
      },
    };
    return new SimTableProxy(this.context, () => sheet, holder, false);
  }
}

export class SimTableProxy extends SimProxy {
  constructor(
    ctx: SimRequestContext,
    private sheet: SimSheet | (() => SimSheet | null),
    private holder: { t: SimTable | null },
    fromCollection: boolean,
  ) {
    super(ctx);
    if (fromCollection) this.loaded = this.read();
  }
  private s(): SimSheet | null {
    return typeof this.sheet === 'function' ? this.sheet() : this.sheet;
  }
  private must(): { t: SimTable; s: SimSheet } {
    const t = this.holder.t;
    const s = this.s();
    if (!t || !s) throw new SimOfficeError('ItemNotFound', 'The table does not exist.');
    return { t, s };
  }
  protected read(): Record<string, unknown> {
    const t = this.holder.t;
    const s = this.s();
    if (!t || !s) return { isNullObject: true };
    return { isNullObject: false, name: t.name, id: String(t.id), address: addressOf(s.name, t.rect) };
  }
  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.context.enqueue('write', () => this.context.sim.renameTable(this.must().t, v));
  }
  /** Not an Excel property: the table's range address, filled when the table is loaded (Excel: getRange().address). */
  get address(): string {
    return this.prop('address');
  }
  set showBandedRows(_v: boolean) {
    this.context.enqueue('write', () => void this.must());
  }
  set style(_v: string) {
    this.context.enqueue('write', () => void this.must());
  }
  get worksheet(): SimWorksheet {
    return new SimWorksheet(this.context, () => (this.holder.t ? this.s() : null));
  }
  getRange(): SimRange {
    return new SimRange(this.context, () => {
      const t = this.holder.t;
      const s = this.s();
      return t && s ? { sheet: s, rect: t.rect } : null;
    });
  }
  resize(address: string): void {
    this.context.enqueue('write', () => {
      needApi(this.context.sim, 13, 'Table.resize');
      const { t, s } = this.must();
      const rect = parseLocal(splitSheet(address).local);
      if (!rect || rect.row !== t.rect.row)
        throw new SimOfficeError('InvalidArgument', 'A table keeps its header row when resized.');
      if (s.tables.some((x) => x !== t && intersects(x.rect, rect)))
        throw new SimOfficeError('InvalidOperation', 'A table cannot overlap another table.');
      t.rect = rect;
    });
  }
  delete(): void {
    this.context.enqueue('write', () => {
      const { t, s } = this.must();
      s.tables = s.tables.filter((x) => x !== t);
    });
  }
  /** Turns the table back into plain cells (values and formulas stay). */
  convertToRange(): SimRange {
    const rect = { r: null as { sheet: SimSheet; rect: SimRect } | null };
    this.context.enqueue('write', () => {
      const { t, s } = this.must();
      rect.r = { sheet: s, rect: t.rect };
      s.tables = s.tables.filter((x) => x !== t);
    });
    return new SimRange(this.context, () => rect.r);
  }
}

export class SimNoteCollection extends SimProxy {
  constructor(
    ctx: SimRequestContext,
    private ref: SheetRef,
  ) {
    super(ctx);
  }
  private must(): SimSheet {
    const s = this.ref();
    if (!s) throw new SimOfficeError('ItemNotFound', 'The worksheet does not exist.');
    return s;
  }
  private cellOf(address: string): { row: number; col: number } {
    const r = parseLocal(splitSheet(address).local);
    if (!r || r.rows !== 1 || r.cols !== 1)
      throw new SimOfficeError('InvalidArgument', `'${address}' is not one cell.`);
    return { row: r.row, col: r.col };
  }
  protected read(): Record<string, unknown> {
    const s = this.ref();
    if (!s) return { isNullObject: true, items: [] };
    const items = [...s.notes.keys()].map((key) => {
      const [row, col] = key.split(',').map(Number);
      return new SimNote(this.context, () => s, row, col, true);
    });
    return { isNullObject: false, items };
  }
  get items(): SimNote[] {
    return this.prop('items');
  }
  add(cellAddress: string, content: string): SimNote {
    const { row, col } = this.cellOf(cellAddress);
    this.context.enqueue('write', () => {
      const s = this.must();
      if (s.notes.has(`${row},${col}`))
        throw new SimOfficeError('InvalidArgument', `The cell ${cellAddress} already has a note.`);
      s.notes.set(`${row},${col}`, String(content));
    });
    return new SimNote(this.context, this.ref, row, col, false);
  }
  getItem(cellAddress: string): SimNote {
    const { row, col } = this.cellOf(cellAddress);
    return new SimNote(this.context, this.ref, row, col, false, true);
  }
  getItemOrNullObject(cellAddress: string): SimNote {
    const { row, col } = this.cellOf(cellAddress);
    return new SimNote(this.context, this.ref, row, col, false);
  }
  getCount(): SimClientResult<number> {
    const r = new SimClientResult<number>();
    this.context.enqueue('load', () => r.set(this.must().notes.size));
    return r;
  }
}

export class SimNote extends SimProxy {
  constructor(
    ctx: SimRequestContext,
    private ref: SheetRef,
    private row: number,
    private col: number,
    fromCollection: boolean,
    private strict = false,
  ) {
    super(ctx);
    if (fromCollection) this.loaded = this.read();
  }
  private key(): string {
    return `${this.row},${this.col}`;
  }
  protected read(): Record<string, unknown> {
    const s = this.ref();
    const has = !!s && s.notes.has(this.key());
    if (!has && this.strict) throw new SimOfficeError('ItemNotFound', 'There is no note in that cell.');
    return has
      ? { isNullObject: false, content: s!.notes.get(this.key()), authorName: 'You' }
      : { isNullObject: true, content: null };
  }
  get content(): string {
    return this.prop('content');
  }
  set content(v: string) {
    this.context.enqueue('write', () => {
      const s = this.ref();
      if (!s || !s.notes.has(this.key())) throw new SimOfficeError('ItemNotFound', 'There is no note in that cell.');
      s.notes.set(this.key(), String(v));
    });
  }
  delete(): void {
    this.context.enqueue('write', () => {
      const s = this.ref();
      if (!s || !s.notes.has(this.key())) throw new SimOfficeError('ItemNotFound', 'There is no note in that cell.');
      s.notes.delete(this.key());
    });
  }
  getLocation(): SimRange {
    return new SimRange(this.context, () => {
      const s = this.ref();
      return s ? { sheet: s, rect: { row: this.row, col: this.col, rows: 1, cols: 1 } } : null;
    });
  }
}

/** The subset of the `Excel` namespace the add-in uses, backed by a SimWorkbook. */
export interface SimExcel {
  run<T>(batch: (context: SimRequestContext) => Promise<T>): Promise<T>;
  readonly workbook: SimWorkbook;
  ConditionalFormatType: { custom: 'Custom' };
  ClearApplyTo: { all: 'All'; contents: 'Contents'; formats: 'Formats' };
  DataValidationAlertStyle: { stop: 'Stop'; warning: 'Warning'; information: 'Information' };
}

export function createExcel(workbook: SimWorkbook): SimExcel {
  return {
    workbook,
    async run<T>(
      batch: ((context: SimRequestContext) => Promise<T>) | unknown,
      maybe?: (context: SimRequestContext) => Promise<T>,
    ): Promise<T> {
      const fn = (typeof batch === 'function' ? batch : maybe) as (context: SimRequestContext) => Promise<T>;
      const ctx = new SimRequestContext(workbook);
      const out = await fn(ctx);
      // Excel.run syncs whatever the batch left queued.
      if (ctx.pending) await ctx.sync();
      return out;
    },
    ConditionalFormatType: { custom: 'Custom' },
    ClearApplyTo: { all: 'All', contents: 'Contents', formats: 'Formats' },
    DataValidationAlertStyle: { stop: 'Stop', warning: 'Warning', information: 'Information' },
  };
}

/** The bits of the `Office` global a shared-runtime add-in touches: settings, display language, actions, the pane. */
export interface SimOffice {
  context: {
    displayLanguage: string;
    document: {
      settings: {
        get(name: string): unknown;
        set(name: string, value: unknown): void;
        remove(name: string): void;
        saveAsync(cb?: (r: { status: 'succeeded' | 'failed' }) => void): void;
      };
    };
    requirements: { isSetSupported(name: string, version?: string): boolean };
  };
  actions: { associate(name: string, fn: (...args: unknown[]) => unknown): void };
  addin: { showAsTaskpane(): Promise<void>; hide(): Promise<void> };
  onReady(cb?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  HostType: { Excel: 'Excel' };
  /** Not in Office: what `actions.associate` registered, and whether the pane is shown. */
  associated: Map<string, (...args: unknown[]) => unknown>;
  paneVisible: boolean;
}

export function createOffice(workbook: SimWorkbook, displayLanguage = 'en-US'): SimOffice {
  const pending: Record<string, unknown> = {};
  const office: SimOffice = {
    context: {
      displayLanguage,
      document: {
        settings: {
          get: (name) => (name in pending ? pending[name] : workbook.settings[name]) ?? null,
          set: (name, value) => {
            pending[name] = JSON.parse(JSON.stringify(value));
          },
          remove: (name) => {
            pending[name] = undefined;
          },
          saveAsync: (cb) => {
            for (const [k, v] of Object.entries(pending)) {
              if (v === undefined) delete workbook.settings[k];
              else workbook.settings[k] = v;
              delete pending[k];
            }
            cb?.({ status: 'succeeded' });
          },
        },
      },
      requirements: {
        isSetSupported: (name: string, version?: string) => {
          if (name !== 'ExcelApi') return true;
          const minor = Number(String(version ?? '1.1').split('.')[1] ?? 0);
          return minor <= workbook.apiVersion;
        },
      },
    },
    actions: { associate: (name, fn) => void office.associated.set(name, fn) },
    addin: {
      showAsTaskpane: async () => {
        office.paneVisible = true;
      },
      hide: async () => {
        office.paneVisible = false;
      },
    },
    onReady: async (cb) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      cb?.(info);
      return info;
    },
    HostType: { Excel: 'Excel' },
    associated: new Map(),
    paneVisible: false,
  };
  return office;
}

export { rectToA1 };
