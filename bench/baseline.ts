/**
 * The baseline the host-call rows are measured against in the same run: this repository at BASELINE_COMMIT (main
 * before issue 13's host budgets), extracted with `git archive` into the system's temp directory (never into the
 * checkout), its Apps Script bundle built there with its own webpack config. Returns null, with the reason, when
 * that cannot be done (no git history, say); the bench then prints the new counts alone.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const BASELINE_COMMIT = '9d8602c5558fa2ad47567aa32d11a3bbcdedc3fc';
const ROOT = path.resolve(__dirname, '..');

/** `commit`: another baseline than BASELINE_COMMIT (a bench that also shows the step before its latest change). */
export function baselineTree(commit = BASELINE_COMMIT): { dir: string } | { error: string } {
  const dir = path.join(os.tmpdir(), `okr-grid-baseline-${commit.slice(0, 12)}`);
  try {
    if (!fs.existsSync(path.join(dir, 'dist/gas/Code.js'))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const tar = execFileSync('git', ['-C', ROOT, 'archive', commit], { maxBuffer: 256 * 1024 * 1024 });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      execFileSync(
        process.execPath,
        [require.resolve('webpack-cli/bin/cli.js'), '--config', 'gas/webpack.config.js', '--mode', 'production'],
        { cwd: dir, stdio: 'pipe', timeout: 240_000 },
      );
    }
    return { dir };
  } catch (e) {
    return {
      error: `baseline ${commit.slice(0, 7)} not available: ${String((e as Error).message).split('\n')[0]}`,
    };
  }
}

/**
 * The core speed rows' baseline: core/ and fixtures/ at CORE_BASELINE_COMMIT (the start of the session that made the
 * reader and the plan lighter, issue 10), extracted with `git archive` into the system's temp directory and loaded
 * from there through ts-node like the bench's own sources. Returns null, with the reason, when that cannot be done.
 */
export const CORE_BASELINE_COMMIT = '82c462b07dc599476f04aef0986190b65e3ee794';

export function coreBaselineTree(): { dir: string } | { error: string } {
  const dir = path.join(os.tmpdir(), `okr-grid-core-baseline-${CORE_BASELINE_COMMIT.slice(0, 12)}`);
  try {
    if (!fs.existsSync(path.join(dir, 'fixtures/sheets.ts'))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const tar = execFileSync('git', ['-C', ROOT, 'archive', CORE_BASELINE_COMMIT, 'core', 'fixtures'], {
        maxBuffer: 64 * 1024 * 1024,
      });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
    }
    return { dir };
  } catch (e) {
    return {
      error: `baseline ${CORE_BASELINE_COMMIT.slice(0, 7)} not available: ${String((e as Error).message).split('\n')[0]}`,
    };
  }
}
