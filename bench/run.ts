/**
 * `npm run bench`: runs every bench/*.ts module that exports `rows(): Promise<BenchRow[]>` (except this file and
 * util.ts) and prints one markdown table. Add a row by adding a module; a module that fails prints as a row.
 * Each module runs in its own node process (same flags as this one), so one module's heap does not slow the next.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { BenchRow } from './util';

function fmtNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms < 10 ? fmtNumber(ms, 2) : ms < 100 ? fmtNumber(ms, 1) : fmtNumber(ms, 0);
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatTable(rows: BenchRow[]): string {
  const lines = ['| name | rows | median ms | rows/s | note |', '|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const perSec = r.medianMs > 0 && Number.isFinite(r.medianMs) ? (r.rows / r.medianMs) * 1000 : NaN;
    lines.push(
      `| ${cell(r.name)} | ${fmtNumber(r.rows)} | ${fmtMs(r.medianMs)} | ${fmtNumber(perSec)} | ${cell(r.note ?? '')} |`,
    );
  }
  return lines.join('\n');
}

export function benchModules(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts' && f !== 'util.ts')
    .sort()
    .map((f) => path.join(dir, f));
}

export async function collect(files: string[]): Promise<BenchRow[]> {
  const all: BenchRow[] = [];
  for (const file of files) {
    const name = path.basename(file, '.ts');
    try {
      const mod = require(file) as { rows?: () => Promise<BenchRow[]> | BenchRow[] };
      if (typeof mod.rows !== 'function') continue;
      const rows = await mod.rows();
      if (!Array.isArray(rows)) throw new Error('rows() did not return an array');
      all.push(...rows);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      all.push({
        name: `${name} (failed)`,
        rows: 0,
        medianMs: NaN,
        note: `FAILED: ${message.split('\n')[0].slice(0, 200)}`,
      });
    }
  }
  return all;
}

const CHILD_FLAG = '--bench-module';

function failedRow(file: string, message: string): BenchRow {
  return {
    name: `${path.basename(file, '.ts')} (failed)`,
    rows: 0,
    medianMs: NaN,
    note: `FAILED: ${message.split('\n')[0].slice(0, 200)}`,
  };
}

/** Runs one module in a child process and reads its rows back as JSON. */
function runIsolated(file: string): BenchRow[] {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, CHILD_FLAG, file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) return [failedRow(file, child.error.message)];
  const line = (child.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('BENCH-ROWS '));
  if (child.status !== 0 || !line) {
    const why =
      (child.stderr || child.stdout || `exit code ${child.status}`)
        .trim()
        .split('\n')
        .find((l) => /error/i.test(l)) ?? `exit code ${child.status}`;
    return [failedRow(file, why)];
  }
  try {
    const rows = JSON.parse(line.slice('BENCH-ROWS '.length)) as BenchRow[];
    return rows.map((r) => ({ ...r, medianMs: r.medianMs === null ? NaN : r.medianMs }));
  } catch (e) {
    return [failedRow(file, `unreadable output: ${(e as Error).message}`)];
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf(CHILD_FLAG);
  if (at >= 0) {
    const rows = await collect([process.argv[at + 1]]);
    process.stdout.write('\nBENCH-ROWS ' + JSON.stringify(rows) + '\n');
    return;
  }
  const rows: BenchRow[] = [];
  for (const file of benchModules(__dirname)) rows.push(...runIsolated(file));
  console.log(formatTable(rows));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
