/**
 * The command line end to end on a 10,000-KR workbook: a node process reading the .xlsx, running the command and
 * writing the result (the built dist/cli bundle through bin/okr-grid.js, as `npx okr-grid` runs it).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { generatedTable, FIXTURE_TODAY } from '../fixtures/sheets';
import { excelSheet, writeExcelWorkbook } from '../tests/xlsx/helpers';
import { main } from '../xlsx/cli';
import { median, row, type BenchRow } from './util';

const N = 10_000;
/** convert is the headline number (median of 3); validate and score once each, to keep `npm run bench` short. */
const RUNS: Record<string, number> = { convert: 3, validate: 1, score: 1 };
const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'okr-grid.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'okr-grid.js');

async function timeRuns(fn: () => Promise<void> | void, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

export async function rows(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okr-bench-cli-'));
  const input = path.join(dir, 'okrs-10k.xlsx');
  await writeExcelWorkbook(input, [excelSheet('OKRs', generatedTable(N), { dateCols: [12, 13] })]);
  const size = `${Math.round(fs.statSync(input).size / 1024)} KB in`;
  const built = fs.existsSync(BUNDLE);
  const out: BenchRow[] = [];
  try {
    for (const command of ['convert', 'validate', 'score']) {
      const output = path.join(dir, `out-${command}.xlsx`);
      const args = [command, input, '-o', output, '--today', FIXTURE_TODAY, '--quiet', '--json'];
      let exit: number | null = null;
      const ms = built
        ? await timeRuns(() => {
            exit = spawnSync(process.execPath, [BIN, ...args], { stdio: 'ignore' }).status;
          }, RUNS[command])
        : await timeRuns(async () => {
            exit = await main(args, { out: () => undefined, err: () => undefined, env: process.env, tty: false });
          }, RUNS[command]);
      const written = fs.existsSync(output) ? `${Math.round(fs.statSync(output).size / 1024)} KB out` : 'no output';
      out.push(
        row(
          `okr-grid ${command} (xlsx file, end to end)`,
          N,
          ms,
          `${built ? 'node bin/okr-grid.js' : 'in-process (dist/cli not built)'}; exit ${exit}; ${size}, ${written}; ${RUNS[command] > 1 ? `median of ${RUNS[command]}` : 'one run'}`,
        ),
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
