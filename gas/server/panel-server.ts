/** What the sidebar calls through google.script.run (see gas/sidebar/bridge.ts). */
import type { Settings } from '../../core/settings';
import type { PanelSettings } from '../../panel/bridge';
import { runInHost, type HostResult } from './run-command';
import { followsLocale, loadSettings, saveSettings, spreadsheetLocale } from './settings-store';

export function panelRunImpl(name: unknown): HostResult {
  return runInHost(name);
}

export function panelSelectImpl(sheetName: unknown, row: unknown, col: unknown): void {
  const r = Number(row);
  const c = Number(col);
  if (typeof sheetName !== 'string' || !Number.isInteger(r) || !Number.isInteger(c) || r < 0 || c < 0) return;
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName);
  if (sheet) sheet.getRange(r + 1, c + 1).activate();
}

/** followLocale: no language is stored, so `lang` is the spreadsheet locale's (the panel shows "Automatic"). */
export function panelGetSettingsImpl(): PanelSettings {
  return { ...loadSettings(), followLocale: followsLocale() };
}

/** followLocale (the panel's "Automatic"): store the settings without a language. */
export function panelSaveSettingsImpl(json: unknown, followLocale?: unknown): Settings {
  return saveSettings(json, followLocale === true);
}

/** 'zh_CN' (Sheets) -> 'zh-CN' (BCP 47, as the panel expects). */
export function panelLocaleImpl(): string {
  return spreadsheetLocale().replace(/_/g, '-');
}
