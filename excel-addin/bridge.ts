/// <reference types="office-js" />
/**
 * The panel's bridge in Excel: commands run through the adapter in the shared runtime, settings live in the
 * document (Office.context.document.settings), the language follows Office's display language.
 * The playground builds the same bridge over its in-memory workbook.
 */
import { langFromLocale, t } from '../core/i18n';
import { DOCUMENT_SETTINGS_KEY, resolveSettings, settingsProblems, type Settings } from '../core/settings';
import type { CommandName, PanelBridge, PanelResult } from '../panel/bridge';
import { runExcelCommand, selectCell, type ExcelLike } from './adapter';
import { API, excelSupport, has } from './support';

export const SETTINGS_KEY = DOCUMENT_SETTINGS_KEY;

/** The part of the `Office` global the bridge reads. */
export interface OfficeLike {
  context: {
    displayLanguage?: string;
    document: {
      settings: {
        get(name: string): unknown;
        set(name: string, value: unknown): void;
        saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
      };
    };
  };
}

/** What the document holds (an object, or {} when nothing is saved). Saved settings without a language follow Office's. */
function savedSettings(office: OfficeLike): Record<string, unknown> {
  const saved = office.context.document.settings.get(SETTINGS_KEY);
  return saved && typeof saved === 'object' ? (saved as Record<string, unknown>) : {};
}

const savedLang = (saved: Record<string, unknown>) => (saved.lang === 'en' || saved.lang === 'zh' ? saved.lang : null);

export function loadSettings(office: OfficeLike): Settings {
  const saved = savedSettings(office);
  return resolveSettings({ ...saved, lang: savedLang(saved) ?? langFromLocale(office.context.displayLanguage) });
}

/** followLocale: store the settings without `lang`, so the language keeps following Office's display language. */
export function saveSettings(office: OfficeLike, s: Settings, followLocale = false): Promise<void> {
  const problems = settingsProblems(s);
  if (problems.length) return Promise.reject(new Error(problems.map((m) => t(m, loadSettings(office).lang)).join(' ')));
  const { lang, ...rest } = resolveSettings(s);
  office.context.document.settings.set(SETTINGS_KEY, followLocale ? rest : { lang, ...rest });
  return new Promise((resolve, reject) =>
    office.context.document.settings.saveAsync((r) =>
      String(r.status).toLowerCase() === 'succeeded'
        ? resolve()
        : reject(new Error(r.error?.message ?? 'Could not save settings.')),
    ),
  );
}

export function createExcelBridge(excel: ExcelLike, office: OfficeLike): PanelBridge {
  return {
    host: 'excel',
    locale: () => office.context.displayLanguage || 'en-US',
    run: (command: CommandName): Promise<PanelResult> => runExcelCommand(excel, command, loadSettings(office)),
    select: (sheet, row, col) => selectCell(excel, sheet, row, col),
    getSettings: async () => ({ ...loadSettings(office), followLocale: savedLang(savedSettings(office)) === null }),
    saveSettings: (s, followLocale) => saveSettings(office, s, followLocale === true),
    onSheetChange: (listener) => watchUserChanges(excel, listener),
  };
}

/**
 * The panel's onSheetChange: another sheet shown, or cells the user changed (a paste, an edit; the add-in's own
 * writes are not the user's). Without the workbook-wide change event (ExcelApi 1.9) only sheet switches are told.
 */
function watchUserChanges(excel: ExcelLike, listener: () => void): void {
  const support = excelSupport();
  excel
    .run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.onActivated.add(async () => listener());
      if (has(support, API.workbookChanged))
        sheets.onChanged.add(async (e) => {
          if (String((e as { triggerSource?: string }).triggerSource) !== 'ThisLocalAddin') listener();
        });
      await ctx.sync();
    })
    .catch(() => undefined); // a panel that cannot follow the sheet still works: commands refresh it
}
