/**
 * Loads the BUILT Apps Script project (dist/gas) the way Apps Script does: every .js/.gs file evaluated in one
 * global scope, the services (here the fakes) as globals. Run `npm run build` (or webpack --config-name gas) first.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { makeEvaluator } from './formula-eval';
import {
  createFakeServices,
  type FakeOptions,
  type FakeServices,
  type FakeSpreadsheetBook,
} from '../fakes/spreadsheet-app';

export const DIST = path.resolve(__dirname, '../../dist/gas');

export function distFile(name: string): string {
  const p = path.join(DIST, name);
  if (!fs.existsSync(p))
    throw new Error(
      `${p} is missing: run \`npm run build\` (or \`npx webpack --mode production --config-name gas\`) first`,
    );
  return fs.readFileSync(p, 'utf8');
}

export interface LoadedProject {
  fake: FakeServices;
  book: FakeSpreadsheetBook;
  /** The project's global scope. */
  g: Record<string, any>;
  /** Calls a top-level function by name, as a menu item, macro, trigger or google.script.run would. */
  call(name: string, ...args: unknown[]): any;
}

const codeCache = new Map<string, vm.Script>();

function projectScripts(dist: string): vm.Script {
  let code = codeCache.get(dist);
  if (!code) {
    const files = fs.readdirSync(dist).filter((f) => /\.(js|gs)$/.test(f));
    const source = files.map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n;\n');
    code = new vm.Script(source, { filename: `${dist} (all script files)` });
    codeCache.set(dist, code);
  }
  return code;
}

/**
 * A project over a fresh fake spreadsheet; formulas recalculate with the bundle's own custom functions. `dist`: a
 * built project other than this checkout's (the bench loads an earlier build as its baseline).
 */
export function loadProject(
  opts: FakeOptions = {},
  setup?: (book: FakeSpreadsheetBook) => void,
  dist = DIST,
): LoadedProject {
  if (dist === DIST) distFile('Code.js');
  let ctxRef: Record<string, any> = {};
  const fake = createFakeServices({
    htmlFiles: { Sidebar: fs.readFileSync(path.join(dist, 'Sidebar.html'), 'utf8') },
    evaluate: makeEvaluator(() => ctxRef),
    ...opts,
  });
  setup?.(fake.book);
  const ctx = vm.createContext({ ...fake.globals });
  projectScripts(dist).runInContext(ctx);
  const g = ctx as Record<string, any>;
  ctxRef = g;
  return {
    fake,
    book: fake.book,
    g,
    call(name: string, ...args: unknown[]) {
      if (typeof g[name] !== 'function') throw new Error(`no top-level function ${name}`);
      return g[name](...args);
    },
  };
}

/** Deep copy across the vm boundary (arrays/objects built inside the context have its prototypes). */
export function plain<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
