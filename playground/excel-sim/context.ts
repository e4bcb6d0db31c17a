/** The request context (queue, sync, payload limits) and the workbook proxy it holds. */
import { type SimRect } from './address';
import { SimWorkbook, SimSheet, SimOfficeError } from './workbook';
import { type Op, SMALL_OP_BYTES, SYNC_PAYLOAD_LIMIT, SimProxy } from './proxy';
import { SimWorksheetCollection } from './worksheet';
import { SimRange } from './range';
import { SimTableCollection } from './tables';

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
