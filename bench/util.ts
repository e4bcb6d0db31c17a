/** Shared helpers for bench modules: every bench/*.ts exporting `rows()` adds rows to the one table run.ts prints. */

export interface BenchRow {
  name: string;
  /** Rows processed in one call (or the workload size). */
  rows: number;
  /** Median wall time in milliseconds. */
  medianMs: number;
  /** Free-form: host calls, targets, anything a reader needs. */
  note?: string;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Timing {
  /** Median wall time, ms. */
  wallMs: number;
  /** Median CPU time of this process (user + system, all threads), ms: a check when the machine is busy. */
  cpuMs: number;
}

/**
 * Median times of `runs` timed calls of fn, after `warmup` untimed ones. The result of each call is kept in a
 * sink so the work cannot be optimised away. No forced GC between calls: after a full collection V8 shrinks the young
 * generation and the next call pays for extra scavenges, a state no user's call starts from.
 */
export function measure(fn: () => unknown, runs = 7, warmup = 2): Timing {
  return measurePair(fn, null, runs, warmup)[0];
}

/**
 * measure() of two functions at once, their timed calls alternating (a b b a a b ...), so a machine whose load
 * changes during the run weighs on both alike: the way to compare a change with its baseline. `b` null: `a` alone.
 */
export function measurePair(a: () => unknown, b: (() => unknown) | null, runs = 7, warmup = 2): [Timing, Timing] {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) {
    sink = a();
    if (b) sink = b();
  }
  const times = [new Times(), new Times()];
  const timed = (fn: () => unknown, t: Times) => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    sink = fn();
    t.wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    t.cpu.push((c.user + c.system) / 1000);
  };
  for (let i = 0; i < runs; i++) {
    const aFirst = !b || i % 2 === 0;
    if (aFirst) timed(a, times[0]);
    if (b) timed(b, times[1]);
    if (!aFirst) timed(a, times[0]);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return [times[0].medians(), times[1].medians()];
}

class Times {
  wall: number[] = [];
  cpu: number[] = [];
  medians(): Timing {
    return { wallMs: median(this.wall), cpuMs: median(this.cpu) };
  }
}

/** Median wall milliseconds (see measure). */
export function timeMedian(fn: () => unknown, runs = 7, warmup = 2): number {
  return measure(fn, runs, warmup).wallMs;
}

export function row(name: string, rows: number, medianMs: number, note = ''): BenchRow {
  return { name, rows, medianMs, note };
}
