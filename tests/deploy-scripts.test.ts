/**
 * The deploy scripts run tools the repository pins as dev dependencies: `npm run push:gas` and `npm run sideload`
 * call node_modules/.bin, never `npx --yes` (which downloads whatever version is newest, at run time).
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));

/** The binary each deploy script runs, and the package that provides it. */
const TOOLS: { script: string; bin: string; pkg: string }[] = [
  { script: 'push:gas', bin: 'clasp', pkg: '@google/clasp' },
  { script: 'sideload', bin: 'office-addin-debugging', pkg: 'office-addin-debugging' },
  { script: 'stop-sideload', bin: 'office-addin-debugging', pkg: 'office-addin-debugging' },
];

describe.each(TOOLS)('npm run $script', ({ script, bin, pkg: name }) => {
  const text: string = pkg.scripts[script];

  test('downloads nothing at run time (no npx, no package@version)', () => {
    expect(text).toBeDefined();
    expect(text).not.toMatch(/\bnpx\b/);
    expect(text).not.toMatch(/@\d/);
    expect(text.split(/\s*&&\s*/).some((part) => part.split(/\s+/)[0] === bin)).toBe(true);
  });

  test(`${name} is a dev dependency pinned to one version, in the lock file`, () => {
    const version: string = pkg.devDependencies[name];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
  });

  test(`${name} declares the binary ${bin} and supports the project's Node`, () => {
    const entry = lock.packages[`node_modules/${name}`];
    expect(Object.keys(entry.bin ?? {})).toContain(bin);
    // engines.node, when given as '>=N', must admit Node 20 (the project's engines: >=20)
    const min = /^\s*>=\s*(\d+)/.exec(entry.engines?.node ?? '');
    if (min) expect(Number(min[1])).toBeLessThanOrEqual(20);
  });
});
