/** Tables. */
import { addressOf, contains, intersects, parseLocal, splitSheet, type SimRect } from './address';
import { SimSheet, SimOfficeError, SimTable } from './workbook';
import { type SheetRef, SimProxy, needApi } from './proxy';
import { SimRequestContext } from './context';
import { SimWorksheet } from './worksheet';
import { SimRange } from './range';

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
