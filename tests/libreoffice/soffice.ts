/**
 * Driving LibreOffice headless for the tests: one invocation converts several files, with a fresh user profile per run
 * (no lock conflicts with other runs) that tells Calc to recalculate every formula when it loads an .xlsx.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync, spawnSync } from 'child_process';

export function sofficePath(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice']) {
    if (fs.existsSync(p)) return p;
  }
  const w = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  return w.status === 0 && w.stdout.trim() ? w.stdout.trim() : null;
}

/**
 * soffice present: true. Missing: fail loudly in CI (it must be installed there), otherwise warn loudly and let the
 * caller skip.
 */
export function requireSoffice(): boolean {
  if (sofficePath()) return true;
  const text =
    'LibreOffice (soffice) is not installed: the LibreOffice equality tests cannot run. ' +
    'Install it with `apt-get install -y libreoffice-calc-nogui` (.ci/run does).';
  if (process.env.CI) throw new Error(text);
  console.warn(`\n!!!!!!!!!!\n!!! SKIPPED: ${text}\n!!!!!!!!!!\n`);
  return false;
}

/** 0 = always recalculate on load (the default for .xlsx is "never", which would trust cached values). */
const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Converts `files` (one soffice run) to `format` ('xlsx', 'csv', 'xls'...) in `outDir`; returns the output paths. */
export function convertAll(files: string[], format: string, outDir: string): string[] {
  const soffice = sofficePath();
  if (!soffice) throw new Error('soffice not found');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_PROFILE);
  fs.mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        format,
        '--outdir',
        outDir,
        ...files,
      ],
      { stdio: 'pipe', timeout: 240000 },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const ext = format.split(':')[0];
  return files.map((f) => {
    const out = path.join(outDir, `${path.basename(f, path.extname(f))}.${ext}`);
    if (!fs.existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
    return out;
  });
}
