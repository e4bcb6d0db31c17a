/** The "OKR" menu, its handlers and the sidebar. Labels follow the spreadsheet's locale. */
import { langFromLocale, t, type Lang } from '../../core/i18n';
import { MENU_LABELS, MENU_TITLE, PANEL_TITLE } from './messages';
import { runFromMenu } from './run-command';
import { spreadsheetLocale, uiLang } from './settings-store';

/** Menu label -> the top-level function it calls (each must be exposed in index.ts). */
export const MENU_ITEMS: { label: keyof typeof MENU_LABELS; fn: string }[] = [
  { label: 'convert', fn: 'menuConvert' },
  { label: 'validate', fn: 'menuValidate' },
  { label: 'clear', fn: 'menuClear' },
  { label: 'score', fn: 'menuScore' },
  { label: 'checkin', fn: 'menuCheckin' },
  { label: 'rollForward', fn: 'menuRollForward' },
  { label: 'panel', fn: 'openPanel' },
  { label: 'settings', fn: 'openSettings' },
];

export function buildMenu(): void {
  let lang: Lang = 'en';
  try {
    lang = langFromLocale(spreadsheetLocale());
  } catch {
    lang = 'en';
  }
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createMenu(t(MENU_TITLE, lang));
  for (const item of MENU_ITEMS) {
    if (item.label === 'panel') menu.addSeparator();
    menu.addItem(t(MENU_LABELS[item.label], lang), item.fn);
  }
  menu.addToUi();
}

export const menuConvert = () => runFromMenu('convert');
export const menuValidate = () => runFromMenu('validate');
export const menuClear = () => runFromMenu('clear');
export const menuScore = () => runFromMenu('score');
export const menuRollForward = () => runFromMenu('rollForward');
export const menuCheckin = () => runFromMenu('checkin');

/** The sidebar (Sidebar.html, the panel bundled into one file). Settings live in the same panel. */
export function showPanel(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t(PANEL_TITLE, uiLang()));
  SpreadsheetApp.getUi().showSidebar(html);
}
