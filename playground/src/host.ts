/**
 * What the built Excel add-in (dist/excel/functions.js, commands.js, taskpane.js) finds when the playground loads it:
 * `Excel`, `Office` and `CustomFunctions` globals backed by the in-browser workbook (playground/excel-sim).
 * The globals delegate to the current workbook, so a new sample or an opened .xlsx swaps the workbook under the
 * running add-in; the task pane is mounted again (Office.onReady's callback runs again) for the new document.
 */
import { createExcel, createOffice, type SimExcel, type SimOffice } from '../excel-sim/api';
import type { SimWorkbook } from '../excel-sim/workbook';
import { createCustomFunctions } from '../excel-sim/custom-functions';
import type { EngineFunction } from './engine';

type ReadyCallback = (info: { host: string; platform: string }) => void;

export class PlaygroundHost {
  private excel: SimExcel | null = null;
  private office: SimOffice | null = null;
  private book: SimWorkbook | null = null;
  private readonly ready: ReadyCallback[] = [];
  /** Custom functions the add-in associated, by id (OKRSCORE...). */
  readonly associated = new Map<string, (...args: unknown[]) => unknown>();

  /** @param afterRun called after every Excel.run of the add-in (the grid redraws). */
  constructor(private readonly afterRun: () => void) {}

  get workbook(): SimWorkbook | null {
    return this.book;
  }

  /** Defines the globals the add-in bundles use. */
  install(): void {
    const host = this;
    const current = <T>(x: T | null, what: string): T => {
      if (!x) throw new Error(`The playground has no ${what} yet.`);
      return x;
    };
    const excel = new Proxy({} as Record<string, unknown>, {
      get(_t, key) {
        if (key === 'run')
          return async (...args: unknown[]) => {
            try {
              return await (current(host.excel, 'workbook').run as (...a: unknown[]) => Promise<unknown>)(...args);
            } finally {
              host.afterRun();
            }
          };
        return (current(host.excel, 'workbook') as unknown as Record<string | symbol, unknown>)[key];
      },
    });
    const office = new Proxy({} as Record<string, unknown>, {
      get(_t, key) {
        if (key === 'onReady')
          return (cb?: ReadyCallback) => {
            const info = { host: 'Excel', platform: 'OfficeOnline' };
            if (cb) {
              host.ready.push(cb);
              if (host.office) Promise.resolve().then(() => cb(info));
            }
            return Promise.resolve(info);
          };
        return (current(host.office, 'workbook') as unknown as Record<string | symbol, unknown>)[key];
      },
    });
    const customFunctions = createCustomFunctions(this.associated);
    Object.assign(globalThis, { Excel: excel, Office: office, CustomFunctions: customFunctions });
  }

  /** Points the add-in at `wb` (and Office's display language); mounts the task pane again when the workbook changed. */
  use(wb: SimWorkbook, displayLanguage: string): void {
    const changed = wb !== this.book;
    const languageChanged = this.office?.context.displayLanguage !== displayLanguage;
    this.book = wb;
    this.excel = createExcel(wb);
    this.office = createOffice(wb, displayLanguage);
    if (!changed && !languageChanged) return;
    // The task pane starts its "Updated" stamp once per runtime; a new document is a new runtime.
    if (changed) (globalThis as { __okrWatching?: boolean }).__okrWatching = false;
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    for (const cb of this.ready) {
      try {
        cb(info);
      } catch (e) {
        console.error(e);
      }
    }
  }

  /**
   * The associated functions under Excel's names (namespace OKR). Excel hands a custom function each range
   * argument as a matrix (one cell as [[v]]) and an omitted optional argument as null.
   */
  engineFunctions(namespace = 'OKR'): Record<string, EngineFunction> {
    const out: Record<string, EngineFunction> = {};
    for (const [id, fn] of this.associated) {
      out[`${namespace}.${id}`] = (...args: unknown[]) => {
        const given = args.map((a) => (a === null || a === undefined ? null : Array.isArray(a) ? a : [[a]]));
        while (given.length < fn.length) given.push(null);
        return fn(...given);
      };
    }
    return out;
  }
}

/** Loads a script of the built add-in; rejects when it is missing (not built). */
export function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.async = false;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(s);
  });
}
