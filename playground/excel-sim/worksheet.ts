/** Worksheet, worksheet collection and freeze panes. */
import { parseLocal, splitSheet, MAX_ROWS, MAX_COLS } from './address';
import { SimSheet, SimOfficeError, checkSheetName } from './workbook';
import { SimChartCollection } from './charts';
import { type SheetRef, SimClientResult, SimProxy, needApi } from './proxy';
import { SimRequestContext } from './context';
import { SimRange, SimRangeAreas } from './range';
import { SimTableCollection } from './tables';
import { SimNoteCollection } from './notes';

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
  /** Another sheet shown (ExcelApi 1.7). */
  readonly onActivated = {
    add: (handler: (e: unknown) => unknown): { remove(): void } => {
      let off: (() => void) | null = null;
      this.context.enqueue('load', () => {
        needApi(this.context.sim, 7, 'WorksheetCollection.onActivated');
        off = this.context.sim.onActivated((e) => void handler(e));
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
