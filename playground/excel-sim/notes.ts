/** Notes (the cell notes of ExcelApi 1.18; comments are not modelled). */
import { parseLocal, splitSheet } from './address';
import { SimSheet, SimOfficeError } from './workbook';
import { type SheetRef, SimClientResult, SimProxy } from './proxy';
import { SimRequestContext } from './context';
import { SimRange } from './range';

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
