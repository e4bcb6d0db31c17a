/**
 * The Excel add-in's settings inside an .xlsx file, for the command line (Node only: it reads the zip itself). Office
 * keeps an add-in's document settings in the add-in's web-extension part, which ExcelJS neither reads nor writes back;
 * the command line honours the reading corrections found there before its own settings sheet (settings-store.ts).
 */
import type ExcelJS from 'exceljs';
import { DOCUMENT_SETTINGS_KEY, readingCorrections, resolveSettings, type Settings } from '../core/settings';
import { savedSettings } from './settings-store';
import { readEntry, zipEntries } from './zip-directory';

const WEB_EXTENSION_PART = /^xl\/webextensions\/webextension[^/]*\.xml$/i;
const PROPERTY = /<(?:[\w.-]+:)?property\b([^>]*?)\/?>/g;
const XML_ENTITY: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] !== '#'
      ? (XML_ENTITY[e] ?? m)
      : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[2] ?? m[3]) : null;
}

/**
 * The Excel add-in's document settings as the file holds them: Office keeps an add-in's settings in its web-extension
 * part (xl/webextensions/webextension1.xml), each as <we:property name="key" value="JSON"/>. {} when there are none.
 */
export function documentSettingsOf(buf: Buffer): Record<string, unknown> {
  for (const e of zipEntries(buf) ?? []) {
    if (!WEB_EXTENSION_PART.test(e.name) || e.size > 1024 * 1024) continue;
    const xml = readEntry(buf, e)?.toString('utf8') ?? '';
    for (const m of xml.matchAll(PROPERTY)) {
      if (attribute(m[1], 'name') !== DOCUMENT_SETTINGS_KEY) continue;
      try {
        let v: unknown = JSON.parse(attribute(m[1], 'value') ?? '');
        if (typeof v === 'string') v = JSON.parse(v); // a value saved as JSON text
        if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
      } catch {
        // not JSON: no settings from this part
      }
    }
  }
  return {};
}

/** The add-in's document settings read from each opened file (set by openWorkbook; ExcelJS does not keep the part). */
const DOCUMENT_SETTINGS = new WeakMap<ExcelJS.Workbook, Record<string, unknown>>();

export function rememberDocumentSettings(wb: ExcelJS.Workbook, settings: Record<string, unknown>): void {
  DOCUMENT_SETTINGS.set(wb, settings);
}

/**
 * The reading corrections saved in the file: the add-in's document settings first, the settings sheet where they have
 * none (core's rule, as in the add-ins), and whether the document settings gave any.
 */
export function fileReading(
  wb: ExcelJS.Workbook,
): Pick<Settings, 'columnRoles' | 'headerRow'> & { fromDocument: boolean } {
  const doc = resolveSettings(DOCUMENT_SETTINGS.get(wb) ?? {});
  const fromDocument = Object.keys(doc.columnRoles).length > 0 || doc.headerRow !== null;
  return { ...readingCorrections(doc, savedSettings(wb)), fromDocument };
}
