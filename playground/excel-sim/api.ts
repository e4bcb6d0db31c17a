/**
 * The Excel JavaScript API over a SimWorkbook, with Office's proxy semantics: every object is a proxy, a property
 * can be read only after load() + context.sync() (reading earlier throws PropertyNotLoaded), writes are queued and
 * run at sync in order (a failing op stops the batch, earlier ops stay applied, as in Office), syncs are counted.
 * Only the part of the API the add-in uses is here; `createExcel(wb)` gives an object usable as the global `Excel`.
 */
import { rectToA1 } from './address';
import { SimWorkbook } from './workbook';
import { SimRequestContext } from './context';

/** The subset of the `Excel` namespace the add-in uses, backed by a SimWorkbook. */
export interface SimExcel {
  run<T>(batch: (context: SimRequestContext) => Promise<T>): Promise<T>;
  readonly workbook: SimWorkbook;
  ConditionalFormatType: { custom: 'Custom' };
  ClearApplyTo: { all: 'All'; contents: 'Contents'; formats: 'Formats' };
  DataValidationAlertStyle: { stop: 'Stop'; warning: 'Warning'; information: 'Information' };
}

export function createExcel(workbook: SimWorkbook): SimExcel {
  return {
    workbook,
    async run<T>(
      batch: ((context: SimRequestContext) => Promise<T>) | unknown,
      maybe?: (context: SimRequestContext) => Promise<T>,
    ): Promise<T> {
      const fn = (typeof batch === 'function' ? batch : maybe) as (context: SimRequestContext) => Promise<T>;
      const ctx = new SimRequestContext(workbook);
      const out = await fn(ctx);
      // Excel.run syncs whatever the batch left queued.
      if (ctx.pending) await ctx.sync();
      return out;
    },
    ConditionalFormatType: { custom: 'Custom' },
    ClearApplyTo: { all: 'All', contents: 'Contents', formats: 'Formats' },
    DataValidationAlertStyle: { stop: 'Stop', warning: 'Warning', information: 'Information' },
  };
}

/** The bits of the `Office` global a shared-runtime add-in touches: settings, display language, actions, the pane. */
export interface SimOffice {
  context: {
    displayLanguage: string;
    document: {
      settings: {
        get(name: string): unknown;
        set(name: string, value: unknown): void;
        remove(name: string): void;
        saveAsync(cb?: (r: { status: 'succeeded' | 'failed' }) => void): void;
      };
    };
    requirements: { isSetSupported(name: string, version?: string): boolean };
  };
  actions: { associate(name: string, fn: (...args: unknown[]) => unknown): void };
  addin: { showAsTaskpane(): Promise<void>; hide(): Promise<void> };
  onReady(cb?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  HostType: { Excel: 'Excel' };
  /** Not in Office: what `actions.associate` registered, and whether the pane is shown. */
  associated: Map<string, (...args: unknown[]) => unknown>;
  paneVisible: boolean;
}

export function createOffice(workbook: SimWorkbook, displayLanguage = 'en-US'): SimOffice {
  const pending: Record<string, unknown> = {};
  const office: SimOffice = {
    context: {
      displayLanguage,
      document: {
        settings: {
          get: (name) => (name in pending ? pending[name] : workbook.settings[name]) ?? null,
          set: (name, value) => {
            pending[name] = JSON.parse(JSON.stringify(value));
          },
          remove: (name) => {
            pending[name] = undefined;
          },
          saveAsync: (cb) => {
            for (const [k, v] of Object.entries(pending)) {
              if (v === undefined) delete workbook.settings[k];
              else workbook.settings[k] = v;
              delete pending[k];
            }
            cb?.({ status: 'succeeded' });
          },
        },
      },
      requirements: {
        isSetSupported: (name: string, version?: string) => {
          if (name !== 'ExcelApi') return true;
          const minor = Number(String(version ?? '1.1').split('.')[1] ?? 0);
          return minor <= workbook.apiVersion;
        },
      },
    },
    actions: { associate: (name, fn) => void office.associated.set(name, fn) },
    addin: {
      showAsTaskpane: async () => {
        office.paneVisible = true;
      },
      hide: async () => {
        office.paneVisible = false;
      },
    },
    onReady: async (cb) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      cb?.(info);
      return info;
    },
    HostType: { Excel: 'Excel' },
    associated: new Map(),
    paneVisible: false,
  };
  return office;
}

export { rectToA1 };
