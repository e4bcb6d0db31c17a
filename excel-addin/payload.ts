/// <reference types="office-js" />
/**
 * Excel on the web refuses a request or a response above about 5 MB. The adapter keeps each sync under
 * SYNC_BUDGET bytes of JSON: writes are measured exactly and queued into as many syncs as they need (a large block
 * split into bands of rows); reads are tried in one sync and, when the answer is too large, read again in bands.
 * Below the budget a command takes its constant number of syncs; above it, syncs grow with size / budget only.
 */

export const SYNC_BUDGET = 4_500_000;

/** Request bytes counted for an operation without a matrix (a property set, an add, a delete). */
export const SMALL_OP = 200;

export function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : JSON.stringify(v).length;
}

/** The request or the response of a sync was above the host's payload limit. */
export function isPayloadError(e: unknown): boolean {
  const o = e as { code?: unknown; message?: unknown; debugInfo?: { code?: unknown } } | null;
  const text = `${String(o?.code ?? '')} ${String(o?.debugInfo?.code ?? '')} ${String(o?.message ?? '')}`;
  return /PayloadSizeLimitExceeded|payload size/i.test(text);
}

/**
 * Queues operations and syncs whenever the next one would take the pending request over the budget, so every sync
 * stays under it; `done` syncs what is left (always once, so a batch ends with its writes applied).
 */
export class Batch {
  private used = 0;
  syncs = 0;
  constructor(
    private ctx: { sync(): Promise<unknown> },
    private budget = SYNC_BUDGET,
  ) {}

  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.budget) await this.flush();
    queue();
    this.used += bytes;
  }

  private async flush(): Promise<void> {
    await this.ctx.sync();
    this.syncs++;
    this.used = 0;
  }

  async done(): Promise<void> {
    await this.flush();
  }
}

/**
 * Splits a matrix into bands of whole rows whose JSON stays under `budget` bytes each (a single row larger than the
 * budget is its own band: nothing smaller can be written).
 */
export function rowBands<T>(m: T[][], budget = SYNC_BUDGET): { start: number; rows: T[][]; bytes: number }[] {
  const out: { start: number; rows: T[][]; bytes: number }[] = [];
  let start = 0;
  let bytes = 2;
  for (let r = 0; r < m.length; r++) {
    const b = jsonBytes(m[r]) + 1;
    if (r > start && bytes + b > budget) {
      out.push({ start, rows: m.slice(start, r), bytes });
      start = r;
      bytes = 2;
    }
    bytes += b;
  }
  if (m.length > start) out.push({ start, rows: m.slice(start), bytes });
  return out;
}
