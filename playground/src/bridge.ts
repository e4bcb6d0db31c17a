/**
 * The playground's PanelBridge: the same Excel adapter the task pane uses in Excel (excel-addin/adapter.ts), driven
 * against the in-browser workbook through the in-memory `Excel` and `Office` globals of playground/excel-sim.
 */
/// <reference types="office-js" />
import { localToday, runExcelCommand, selectCell, watchEdits, type ExcelLike } from '../../excel-addin/adapter';
import { resolveSettings, type Settings } from '../../core/settings';
import type { CommandName, PanelBridge, PanelResult } from '../../panel/bridge';
import { createExcel, createOffice } from '../excel-sim/api';
import type { SimWorkbook } from '../excel-sim/workbook';

/** Where the settings live in the document (Office.context.document.settings). */
export const SETTINGS_KEY = 'okrGridSettings';

export interface BridgeHooks {
  locale(): string;
  /** A command finished (the grid redraws). */
  ran(command: CommandName, ok: boolean): void;
  /** A cell was selected through the add-in. */
  selected(): void;
}

type Globals = { Excel?: unknown; Office?: unknown };

/** Puts the in-memory `Excel` and `Office` for `wb` where the add-in code looks for them, and starts the edit stamp. */
export function installHost(wb: SimWorkbook, displayLanguage: string): void {
  const g = globalThis as Globals;
  const excel = createExcel(wb);
  const office = createOffice(wb, displayLanguage);
  const first = (g.Excel as { workbook?: SimWorkbook } | undefined)?.workbook !== wb;
  g.Excel = excel;
  g.Office = office;
  if (first) void watchEdits(excel as unknown as ExcelLike).catch(() => undefined);
}

function excel(): ExcelLike {
  return (globalThis as Globals).Excel as ExcelLike;
}

function office(): typeof Office {
  return (globalThis as Globals).Office as typeof Office;
}

export function createPlaygroundBridge(wb: SimWorkbook, hooks: BridgeHooks): PanelBridge {
  const getSettings = async (): Promise<Settings> => {
    const raw = office().context.document.settings.get(SETTINGS_KEY);
    return resolveSettings(typeof raw === 'string' ? safeJson(raw) : raw);
  };
  return {
    host: 'playground',
    locale: () => hooks.locale(),
    async run(command: CommandName): Promise<PanelResult> {
      let out: PanelResult = { ok: false, summary: { en: '', zh: '' } };
      try {
        out = await runExcelCommand(excel(), command, await getSettings(), localToday());
        return out;
      } finally {
        hooks.ran(command, out.ok);
      }
    },
    async select(sheet: string, row: number, col: number): Promise<void> {
      await selectCell(excel(), sheet, row, col);
      hooks.selected();
    },
    getSettings,
    async saveSettings(s: Settings): Promise<void> {
      const settings = office().context.document.settings;
      settings.set(SETTINGS_KEY, JSON.stringify(s));
      await new Promise<void>((resolve, reject) =>
        settings.saveAsync((r: { status: unknown }) => (String(r.status).toLowerCase() === 'succeeded' ? resolve() : reject(new Error('Could not save the settings.')))),
      );
    },
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
