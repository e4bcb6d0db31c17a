/** Settings live in the spreadsheet's DocumentProperties, so everyone editing the file shares them. */
import { langFromLocale, t, type Lang } from '../../core/i18n';
import { resolveSettings, settingsProblems, type Settings } from '../../core/settings';

export const SETTINGS_KEY = 'okrGrid.settings';

export function spreadsheetLocale(ss = SpreadsheetApp.getActiveSpreadsheet()): string {
  return ss.getSpreadsheetLocale() || 'en_US';
}

/** What DocumentProperties holds (an object, or {} when nothing or something unreadable is saved). */
function storedSettings(): Record<string, unknown> {
  const raw = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
  let stored: unknown = null;
  try {
    stored = raw ? JSON.parse(raw) : null;
  } catch {
    stored = null;
  }
  return (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
}

const storedLang = (s: Record<string, unknown>): Lang | null => (s.lang === 'en' || s.lang === 'zh' ? s.lang : null);

/** Stored settings over the defaults; settings stored without a language follow the spreadsheet's locale. */
export function loadSettings(ss?: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
  const s = storedSettings();
  const lang = storedLang(s);
  // The locale is asked for only when no language is stored.
  return resolveSettings({ ...s, lang: lang ?? langFromLocale(spreadsheetLocale(ss)) });
}

/** True when no language is stored: the language is the spreadsheet locale's ("Automatic" in the panel). */
export function followsLocale(): boolean {
  return storedLang(storedSettings()) === null;
}

/**
 * Accepts the panel's object or its JSON text; stores only what resolveSettings keeps, without the language when
 * followLocale. Returns the settings as loadSettings now gives them. Settings core would not keep (a 1 MB cycle,
 * bands out of order) are refused with a message in the user's language, before anything is stored.
 */
export function saveSettings(input: unknown, followLocale = false): Settings {
  let parsed: unknown = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch {
      parsed = {};
    }
  }
  const problems = settingsProblems(parsed);
  if (problems.length) throw new Error(problems.map((m) => t(m, uiLang())).join(' '));
  const { lang, ...rest } = resolveSettings(parsed);
  PropertiesService.getDocumentProperties().setProperty(
    SETTINGS_KEY,
    JSON.stringify(followLocale ? rest : { lang, ...rest }),
  );
  return loadSettings();
}

export function uiLang(): Lang {
  return loadSettings().lang;
}
