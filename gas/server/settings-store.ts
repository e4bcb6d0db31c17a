/** Settings live in the spreadsheet's DocumentProperties, so everyone editing the file shares them. */
import { langFromLocale, type Lang } from '../../core/i18n';
import { resolveSettings, type Settings } from '../../core/settings';

export const SETTINGS_KEY = 'okrGrid.settings';

export function spreadsheetLocale(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale() || 'en_US';
}

/** Stored settings over the defaults; the language defaults to the spreadsheet's locale until the user picks one. */
export function loadSettings(): Settings {
  const raw = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
  let stored: unknown = null;
  try {
    stored = raw ? JSON.parse(raw) : null;
  } catch {
    stored = null;
  }
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  return resolveSettings({ ...s, lang: s.lang === 'en' || s.lang === 'zh' ? s.lang : langFromLocale(spreadsheetLocale()) });
}

/** Accepts the panel's object or its JSON text; stores only what resolveSettings keeps. */
export function saveSettings(input: unknown): Settings {
  let parsed: unknown = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch {
      parsed = {};
    }
  }
  const s = resolveSettings(parsed);
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, JSON.stringify(s));
  return s;
}

export function uiLang(): Lang {
  return loadSettings().lang;
}
