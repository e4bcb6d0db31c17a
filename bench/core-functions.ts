/** OKRSCORE and ROLLUP over 1,000 / 10,000 / 100,000-row ranges in one call, as a host hands them over. */
import { fnOkrScore, fnRollup, isCellError } from '../core/functions';
import { measure, row, type BenchRow } from './util';

const SIZES = [1_000, 10_000, 100_000];

/** Deterministic pseudo-random numbers (no Math.random: runs must be comparable). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Excel-shaped columns: plain numbers, as a workbook holds them. */
function numericColumns(n: number) {
  const r = lcg(n);
  const current: unknown[][] = [];
  const target: unknown[][] = [];
  const start: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const s = Math.round(r() * 100);
    const up = r() < 0.7;
    const t = up ? s + 1 + Math.round(r() * 100) : Math.max(0, s - 1 - Math.round(r() * s));
    start.push([s]);
    target.push([t]);
    current.push([s + (t - s) * (r() * 1.4 - 0.2)]);
  }
  return { current, target, start };
}

/** Sheets-shaped columns as people type them: '50%', '1,200', '¥3.5万', blanks, a few bad cells. */
function typedColumns(n: number) {
  const r = lcg(n + 7);
  const forms = [
    (x: number) => `${x}%`,
    (x: number) => x.toLocaleString('en-US'),
    (x: number) => `¥${x / 10}万`,
    (x: number) => x,
  ];
  const current: unknown[][] = [];
  const target: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const f = forms[i % forms.length];
    const t = 100 + Math.round(r() * 900);
    const c = Math.round(r() * t);
    target.push([f(t)]);
    current.push([i % 97 === 0 ? 'XX' : i % 31 === 0 ? '' : f(c)]);
  }
  return { current, target };
}

function check(out: unknown[][], n: number): void {
  if (out.length !== n) throw new Error(`expected ${n} rows, got ${out.length}`);
}

export async function rows(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const n of SIZES) {
    const { current, target, start } = numericColumns(n);
    const { wallMs, cpuMs } = measure(() => {
      const res = fnOkrScore(current, target, start, null);
      check(res, n);
      return res;
    });
    const base = `numbers, start column, kind auto; cpu ${cpuMs.toFixed(1)} ms`;
    const note = n === 100_000 ? `${base}; target < 100 ms: ${wallMs < 100 ? 'met' : 'MISSED'}` : base;
    out.push(row('OKRSCORE (numbers)', n, wallMs, note));
  }
  for (const n of SIZES) {
    const { current, target } = typedColumns(n);
    let errors = 0;
    const { wallMs, cpuMs } = measure(() => {
      const res = fnOkrScore(current, target, undefined, undefined);
      check(res, n);
      errors = 0;
      for (const r of res) if (isCellError(r[0])) errors++;
      return res;
    });
    out.push(
      row(
        'OKRSCORE (typed text)',
        n,
        wallMs,
        `'50%', '1,200', '¥3.5万'; ${errors} placeholder rows -> #N/A; cpu ${cpuMs.toFixed(1)} ms`,
      ),
    );
  }
  for (const n of SIZES) {
    const r = lcg(n + 3);
    const scores: unknown[][] = [];
    const weights: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      scores.push([i % 10 === 0 ? '' : r()]);
      weights.push([Math.round(r() * 100)]);
    }
    let value: unknown;
    const { wallMs, cpuMs } = measure(() => (value = fnRollup(scores, weights)));
    if (typeof value !== 'number') throw new Error(`ROLLUP gave ${JSON.stringify(value)}`);
    out.push(row('ROLLUP (weighted)', n, wallMs, `numbers, 10% blank scores; cpu ${cpuMs.toFixed(1)} ms`));
  }
  return out;
}
