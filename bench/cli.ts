/**
 * The command line end to end on a 10,000-KR workbook: a node process reading the .xlsx, running the command and
 * writing the result (the built dist/cli bundle through bin/okr-grid.js, as `npx okr-grid` runs it), beside the
 * baseline measured in the same run: a node process reading and writing the same file with ExcelJS alone (issue 13
 * item 6: at most 1.3x its time and its peak memory). Each process reports its own CPU time and peak RSS
 * (process.resourceUsage) through a preloaded module; wall time is printed too, but on a shared machine the CPU
 * time is the steadier figure. Both write every part deflated at level 6 (ExcelJS through JSZip, pako's default level;
 * the command line through Node's zlib), so the comparison is not skewed by how hard each compresses.
 *
 * Each command's row also compares it with ExcelJS alone reading and writing the file that command wrote: what the
 * result itself costs ExcelJS's in-memory writer (convert doubles the sheet's XML: more cells, the owned columns),
 * so the part of the ratio that is the command line's own work shows apart from the size of what it writes.
 *
 * OKR_BENCH_CLI_BEFORE=<path to another dist/cli/okr-grid.js> (say, main's, copied aside before a change) adds its
 * rows for the same commands, measured in the same run against the same baseline: before / after in one table.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { generatedTable, FIXTURE_TODAY } from '../fixtures/sheets';
import { excelSheet, writeExcelWorkbook } from '../tests/xlsx/helpers';
import { median, row, type BenchRow } from './util';

const N = 10_000;
/** convert is the headline number (median of 3, as its baseline); the other commands once each. */
const RUNS: Record<string, number> = { convert: 3, validate: 1, score: 1, checkin: 1, rollup: 1 };
const COMMANDS = Object.keys(RUNS);
const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'okr-grid.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'okr-grid.js');
const BEFORE = process.env.OKR_BENCH_CLI_BEFORE;

/** Runs the bundle named by $OKR_BENCH_BUNDLE as bin/okr-grid.js runs dist/cli (for the before rows). */
const BUNDLE_RUNNER = `require(process.env.OKR_BENCH_BUNDLE).run();`;

/** Preloaded into each measured process: writes its CPU ms and peak RSS (KB) to $OKR_BENCH_USAGE at exit. */
const USAGE_PRELOAD = `process.on('exit', () => {
  const u = process.resourceUsage();
  require('fs').writeFileSync(process.env.OKR_BENCH_USAGE, JSON.stringify({
    cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
});`;

/** ExcelJS alone: read the file, write it back. */
const exceljsAlone = () => `const ExcelJS = require(${JSON.stringify(require.resolve('exceljs'))});
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[2]);
  await wb.xlsx.writeFile(process.argv[3]);
})();`;

interface Usage {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  exit: number | null;
}

function measureProcess(dir: string, args: string[], bundle?: string): Usage {
  const usageFile = path.join(dir, 'usage.json');
  fs.rmSync(usageFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', path.join(dir, 'usage.js'), ...args], {
    stdio: 'ignore',
    env: { ...process.env, OKR_BENCH_USAGE: usageFile, OKR_BENCH_BUNDLE: bundle ?? '' },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const u = fs.existsSync(usageFile) ? JSON.parse(fs.readFileSync(usageFile, 'utf8')) : { cpuMs: NaN, maxRssKb: NaN };
  return { wallMs, cpuMs: u.cpuMs, maxRssMb: u.maxRssKb / 1024, exit: r.status };
}

/** Median of each figure over `runs` processes. */
function measureRuns(dir: string, args: string[], runs: number, bundle?: string): Usage {
  const all = Array.from({ length: runs }, () => measureProcess(dir, args, bundle));
  const med = (k: 'wallMs' | 'cpuMs' | 'maxRssMb') => median(all.map((u) => u[k]));
  return { wallMs: med('wallMs'), cpuMs: med('cpuMs'), maxRssMb: med('maxRssMb'), exit: all[0].exit };
}

const fmt = (u: Usage) => `CPU ${Math.round(u.cpuMs)} ms, peak RSS ${Math.round(u.maxRssMb)} MB`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);

/** One command on the input, written to a new file (rollup: the company scorecard of that one workbook). */
function measureCommand(dir: string, input: string, command: string, bundle?: string): Usage & { written: string } {
  const output = path.join(dir, `out-${command}.xlsx`);
  fs.rmSync(output, { force: true });
  const cli = bundle ? path.join(dir, 'run-bundle.js') : BIN;
  const args = [cli, command, input, '-o', output, '--today', FIXTURE_TODAY, '--quiet', '--json'];
  const u = measureRuns(dir, args, RUNS[command], bundle);
  const written = fs.existsSync(output) ? `${Math.round(fs.statSync(output).size / 1024)} KB out` : 'no output';
  return { ...u, written };
}

/** ExcelJS alone reading and writing a command's output (one run), or null when the command wrote none. */
function resultBaseline(dir: string, output: string): Usage | null {
  if (!fs.existsSync(output)) return null;
  return measureRuns(dir, [path.join(dir, 'exceljs-alone.js'), output, path.join(dir, 'alone-result.xlsx')], 1);
}

export async function rows(): Promise<BenchRow[]> {
  if (!fs.existsSync(BUNDLE)) return [row('okr-grid (dist/cli not built: run npm run build)', N, NaN)];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okr-bench-cli-'));
  fs.writeFileSync(path.join(dir, 'usage.js'), USAGE_PRELOAD);
  fs.writeFileSync(path.join(dir, 'exceljs-alone.js'), exceljsAlone());
  fs.writeFileSync(path.join(dir, 'run-bundle.js'), BUNDLE_RUNNER);
  const input = path.join(dir, 'okrs-10k.xlsx');
  await writeExcelWorkbook(input, [excelSheet('OKRs', generatedTable(N), { dateCols: [12, 13] })]);
  const size = `${Math.round(fs.statSync(input).size / 1024)} KB in`;
  const out: BenchRow[] = [];
  try {
    const base = measureRuns(dir, [path.join(dir, 'exceljs-alone.js'), input, path.join(dir, 'alone.xlsx')], 3);
    out.push(row('ExcelJS alone: read + write the same file (baseline)', N, base.wallMs, `${fmt(base)}; median of 3`));
    const bundles: [string, string | undefined][] = [['', undefined]];
    if (BEFORE) bundles.push([' (before: OKR_BENCH_CLI_BEFORE)', path.resolve(BEFORE)]);
    for (const command of COMMANDS) {
      for (const [label, bundle] of bundles) {
        const u = measureCommand(dir, input, command, bundle);
        const vs = `${ratio(u.cpuMs, base.cpuMs)}x CPU, ${ratio(u.maxRssMb, base.maxRssMb)}x memory, ${ratio(u.wallMs, base.wallMs)}x wall of ExcelJS alone (target 1.3x)`;
        const runs = RUNS[command] > 1 ? `median of ${RUNS[command]}` : 'one run';
        let note = `${fmt(u)}; ${vs}; exit ${u.exit}; ${size}, ${u.written}; ${runs}`;
        const result = bundle ? null : resultBaseline(dir, path.join(dir, `out-${command}.xlsx`));
        if (result)
          note += `; ${ratio(u.cpuMs, result.cpuMs)}x CPU, ${ratio(u.maxRssMb, result.maxRssMb)}x memory of ExcelJS alone on the file written (${fmt(result)})`;
        out.push(row(`okr-grid ${command} (xlsx file, end to end)${label}`, N, u.wallMs, note));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
