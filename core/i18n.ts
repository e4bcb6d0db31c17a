/** English and Simplified Chinese are both first-class: every user-facing text is a Msg with both. */
export type Lang = 'en' | 'zh';

export interface Msg {
  en: string;
  zh: string;
}

export function msg(en: string, zh: string): Msg {
  return { en, zh };
}

export function t(m: Msg, lang: Lang): string {
  return m[lang];
}

/**
 * The message of anything thrown, for a user-facing sentence: an Error's message, an Office error's message (or code)
 * with the place Office reports in debugInfo, else the value as text.
 */
export function errorText(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; code?: unknown; debugInfo?: { errorLocation?: unknown } };
    const where = o.debugInfo?.errorLocation ? ` (${String(o.debugInfo.errorLocation)})` : '';
    if (o.message !== undefined || o.code !== undefined) return `${String(o.message ?? o.code)}${where}`;
  }
  return String(e);
}

/** Host locale strings such as 'zh-CN', 'zh_TW', 'en-US' -> the UI language. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return /^zh/i.test(String(locale ?? '')) ? 'zh' : 'en';
}
