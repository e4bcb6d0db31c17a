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

/** Host locale strings such as 'zh-CN', 'zh_TW', 'en-US' -> the UI language. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return /^zh/i.test(String(locale ?? '')) ? 'zh' : 'en';
}
