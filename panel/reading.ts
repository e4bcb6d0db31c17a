/// <reference lib="dom" />
/**
 * "How I read your sheet" in the panel: the header row the reader chose, each column's role with its reason, the
 * counts, and every cell it could not place. The user corrects a column's role or the header row from a dropdown;
 * the correction goes into Settings (columnRoles, headerRow), which each host saves with the workbook and every
 * command reads. Everything from the sheet is set as text, never parsed as HTML.
 */
import type { Lang, Msg } from '../core/i18n';
import { msg } from '../core/i18n';
import { FIELD_LABELS } from '../core/headers';
import type { Field, LayoutReading, RowRole } from '../core/model';
import { countsText, roleCounts, type RoleCounts } from '../core/reading-summary';
import type { Settings } from '../core/settings';
import { a1, colLetter } from '../core/sheet-plan';

/** At most this many unplaced cells are listed; the rest are counted. */
const MAX_UNPLACED_SHOWN = 100;

export const R = {
  title: msg('How I read your sheet', '我如何读取您的表格'),
  sheet: msg('Sheet', '工作表'),
  table: msg('A table', '表格'),
  outline: msg('An outline (one item per line)', '大纲（每行一项）'),
  notOkr: msg('No OKR layout recognised', '未识别出 OKR 布局'),
  headerRow: msg('Header row', '表头行'),
  row: msg('Row', '第'),
  rowSuffix: msg('', '行'),
  noHeader: msg('None (outline)', '无（大纲）'),
  automatic: msg('Automatic', '自动'),
  columns: msg('Columns', '列'),
  readAs: msg('Read as', '读作'),
  notUsed: msg('Not used (kept as is)', '不使用（保持原样）'),
  blankHeader: msg('A column without a header cannot be named here.', '没有表头的列无法在此指定。'),
  counts: msg('Found', '找到'),
  before: msg('Before Convert', '转换前'),
  unplacedTitle: msg('Not placed', '未放置的单元格'),
  unplacedMore: msg('more not shown', '个未显示'),
  saved: msg('Saved with the workbook; every command now reads the sheet this way.', '已随工作簿保存；所有命令都将按此读取表格。'),
  savedRole: msg('Column “{h}” is read as: {r}.', '列“{h}”读作：{r}。'),
  savedHeader: msg('Header row: {r}.', '表头行：{r}。'),
} as const;

const ROLES: (Field | 'ignore')[] = [...(Object.keys(FIELD_LABELS) as Field[]), 'ignore'];

/** The reading as the panel shows it, out of a command's details (untrusted JSON from the host). */
export interface PanelReading extends LayoutReading {
  /** The sheet the reading is about (for selecting an unplaced cell). */
  sheet: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const whole = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const readMsg = (v: unknown): Msg => (isObj(v) ? { en: text(v.en) || text(v.zh), zh: text(v.zh) || text(v.en) } : { en: text(v), zh: text(v) });
const FIELDS = new Set<string>(Object.keys(FIELD_LABELS));
const ROW_ROLES = new Set<string>(['objective', 'kr', 'objective+kr', 'initiative', 'header', 'title', 'note', 'blank']);

/** details.reading (and details.readingSheet) -> a well-formed reading, or null when there is none. */
export function readReading(details: unknown): PanelReading | null {
  if (!isObj(details) || !isObj(details.reading)) return null;
  const r = details.reading;
  const form = r.form === 'table' || r.form === 'outline' ? r.form : 'none';
  const cellOf = (v: unknown) => (isObj(v) && whole(v.row) !== null && whole(v.col) !== null ? { row: whole(v.row)!, col: whole(v.col)! } : null);
  return {
    sheet: text(details.readingSheet),
    form,
    headerRow: whole(r.headerRow),
    headerReason: readMsg(r.headerReason),
    candidates: arr(r.candidates).flatMap((c) => (isObj(c) && whole(c.row) !== null ? [{ row: whole(c.row)!, score: Number(c.score) || 0, reason: readMsg(c.reason) }] : [])),
    columns: arr(r.columns).flatMap((c) =>
      isObj(c) && whole(c.col) !== null
        ? [{ col: whole(c.col)!, header: text(c.header), field: typeof c.field === 'string' && FIELDS.has(c.field) ? (c.field as Field) : null, reason: readMsg(c.reason), chosen: c.chosen === true }]
        : [],
    ),
    rows: arr(r.rows).flatMap((x) => (isObj(x) && whole(x.row) !== null && ROW_ROLES.has(text(x.role)) ? [{ row: whole(x.row)!, role: x.role as RowRole }] : [])),
    unplaced: arr(r.unplaced).flatMap((u) => {
      const cell = isObj(u) ? cellOf(u.cell) : null;
      return cell && isObj(u) ? [{ cell, text: text(u.text), reason: readMsg(u.reason) }] : [];
    }),
    cycles: arr(r.cycles).map(text),
  };
}

/** What the panel gives the reading view: its language, the settings, and how to save a correction. */
export interface ReadingView {
  lang: Lang;
  settings: Settings;
  /** The counts of the reading before the last Convert, when there was one. */
  before: RoleCounts | null;
  /** Whether the section is unfolded (the panel keeps it across redraws). */
  open: boolean;
  onToggle(open: boolean): void;
  /** Saves the settings with the workbook and reads the sheet again. */
  save(next: Settings, what: Msg): void;
  select(sheet: string, row: number, col: number): void;
  disabled: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function option(value: string, label: string, title?: string): HTMLOptionElement {
  const o = el('option', title ? { value, title } : { value }, label);
  return o;
}

const fill = (m: Msg, vars: Record<string, string>): Msg => {
  const sub = (s: string) => s.replace(/\{(\w)\}/g, (_, k: string) => vars[k] ?? '');
  return { en: sub(m.en), zh: sub(m.zh) };
};

const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');
const roleLabel = (role: Field | 'ignore' | null, lang: Lang): string => (role && role !== 'ignore' ? FIELD_LABELS[role][lang] : R.notUsed[lang]);
const rowLabel = (row: number, lang: Lang): string => `${R.row[lang]} ${row + 1} ${R.rowSuffix[lang]}`.trim();

function headerRowField(reading: PanelReading, view: ReadingView): HTMLElement {
  const { lang, settings } = view;
  const sel = el('select', { id: 'okr-reading-header', 'data-reading': 'header-row' });
  const rows = new Set<number>(reading.candidates.map((c) => c.row));
  if (reading.headerRow !== null) rows.add(reading.headerRow);
  if (settings.headerRow !== null) rows.add(settings.headerRow);
  if (reading.headerRow === null) sel.append(option('none', R.noHeader[lang]));
  for (const row of [...rows].sort((a, b) => a - b)) {
    const cand = reading.candidates.find((c) => c.row === row);
    sel.append(option(String(row), rowLabel(row, lang), cand ? cand.reason[lang] : undefined));
  }
  if (settings.headerRow !== null) sel.append(option('auto', R.automatic[lang]));
  sel.value = reading.headerRow === null ? 'none' : String(reading.headerRow);
  sel.disabled = view.disabled;
  sel.addEventListener('change', () => {
    const v = sel.value;
    if (v === 'none') return;
    const headerRow = v === 'auto' ? null : Number(v);
    view.save({ ...settings, headerRow }, fill(R.savedHeader, { r: headerRow === null ? R.automatic[lang] : rowLabel(headerRow, lang) }));
  });
  const why = el('div', { class: 'okr-reason', 'data-reason': 'header' }, reading.headerReason[lang]);
  return el('div', { class: 'okr-field' }, el('label', { for: 'okr-reading-header' }, R.headerRow[lang]), sel, why);
}

function columnItem(c: PanelReading['columns'][number], view: ReadingView): HTMLElement {
  const { lang, settings } = view;
  const header = c.header.trim();
  const sel = el('select', { 'data-reading': 'role', 'data-col': String(c.col), 'aria-label': `${R.readAs[lang]}: ${header || colLetter(c.col)}` });
  for (const role of ROLES) sel.append(option(role, roleLabel(role, lang)));
  if (c.chosen) sel.append(option('auto', `${R.automatic[lang]}`));
  sel.value = c.field ?? 'ignore';
  sel.disabled = view.disabled || !header;
  if (!header) {
    sel.title = R.blankHeader[lang];
    sel.dataset.blank = 'true';
  }
  sel.addEventListener('change', () => {
    const columnRoles = { ...settings.columnRoles };
    if (sel.value === 'auto') delete columnRoles[header];
    else columnRoles[header] = sel.value as Field | 'ignore';
    const shown = sel.value === 'auto' ? R.automatic[lang] : roleLabel(sel.value as Field | 'ignore', lang);
    view.save({ ...settings, columnRoles }, fill(R.savedRole, { h: header, r: shown }));
  });
  const name = el('div', { class: 'okr-col-name' }, el('span', { class: 'okr-where' }, colLetter(c.col)), ' ', el('span', { class: 'okr-col-header' }, header || '—'));
  const reason = el('div', { class: 'okr-reason' }, c.reason[lang]);
  return el('li', { class: 'okr-col', 'data-col': String(c.col), 'data-field': c.field ?? 'ignore', ...(c.chosen ? { 'data-chosen': 'true' } : {}) }, name, sel, reason);
}

function unplacedList(reading: PanelReading, view: ReadingView): HTMLElement[] {
  const list = reading.unplaced;
  if (!list.length) return [];
  const ul = el('ul', { class: 'okr-findings okr-unplaced' });
  for (const u of list.slice(0, MAX_UNPLACED_SHOWN)) {
    const where = `${reading.sheet ? reading.sheet + '!' : ''}${a1(u.cell.row, u.cell.col)}`;
    const li = el('li', { class: 'okr-finding', tabindex: '0', role: 'button', 'data-unplaced': a1(u.cell.row, u.cell.col) },
      el('span', { class: 'okr-sev okr-sev-warning' }),
      el('span', { class: 'okr-where' }, where),
      el('span', { class: 'okr-text' }, `“${u.text}” — ${u.reason[view.lang]}`));
    const go = () => view.select(reading.sheet, u.cell.row, u.cell.col);
    li.addEventListener('click', go);
    li.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        go();
      }
    });
    ul.append(li);
  }
  if (list.length > MAX_UNPLACED_SHOWN) ul.append(el('li', { class: 'okr-more' }, `+${list.length - MAX_UNPLACED_SHOWN} ${R.unplacedMore[view.lang]}`));
  return [el('h3', {}, `${R.unplacedTitle[view.lang]} (${list.length})`), ul];
}

/** Draws the section into `box` (replacing what was there). */
export function renderReading(box: HTMLElement, reading: PanelReading | null, view: ReadingView): void {
  const { lang } = view;
  // No reading (a host or reader that gives none, or no sheet yet): no section.
  if (!reading) {
    box.replaceChildren();
    return;
  }
  const summary = el('summary', {}, R.title[lang]);
  const details = el('details', { class: 'okr-reading-details' }, summary);
  details.open = view.open;
  details.addEventListener('toggle', () => view.onToggle(details.open));
  box.replaceChildren(details);
  const form = reading.form === 'table' ? R.table : reading.form === 'outline' ? R.outline : R.notOkr;
  details.append(el('p', { class: 'okr-reading-form', 'data-form': reading.form }, `${form[lang]}${reading.sheet ? ` — ${R.sheet[lang]} “${reading.sheet}”` : ''}`));
  if (reading.form !== 'outline' || reading.candidates.length) details.append(headerRowField(reading, view));
  if (reading.columns.length) {
    const ul = el('ul', { class: 'okr-cols' }, ...reading.columns.map((c) => columnItem(c, view)));
    details.append(el('h3', {}, R.columns[lang]), ul);
  }
  const counts = roleCounts(reading);
  details.append(el('p', { class: 'okr-reading-counts', 'data-counts': 'now' }, `${R.counts[lang]}${colon(lang)}${countsText(counts, reading.unplaced.length)[lang]}`));
  if (view.before) details.append(el('p', { class: 'okr-reading-counts', 'data-counts': 'before' }, `${R.before[lang]}${colon(lang)}${countsText(view.before, null)[lang]}`));
  details.append(...unplacedList(reading, view));
}

export const READING_CSS = `
.okr-reading h3 { font-size: 12px; font-weight: 600; color: var(--okr-fg2); margin: 12px 0 4px; }
.okr-reading-form { margin: 0 0 8px; font-size: 13px; }
.okr-reason { font-size: 12px; line-height: 16px; color: var(--okr-fg2); word-break: break-word; }
/* A select is as wide as its longest option unless told otherwise: keep every one inside the pane. */
.okr-reading .okr-field { grid-template-columns: minmax(0, 1fr); }
.okr-reading select { min-width: 0; max-width: 100%; }
.okr-cols { list-style: none; margin: 0; padding: 0; border: 1px solid var(--okr-line); border-radius: var(--okr-radius); }
.okr-col { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 46%); gap: 2px 8px; align-items: center;
  padding: 6px 8px; border-bottom: 1px solid var(--okr-line); }
.okr-col:last-child { border-bottom: 0; }
.okr-col .okr-reason { grid-column: 1 / -1; }
.okr-col[data-chosen] { background: #ebf3fc; }
.okr-col-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 13px; }
.okr-panel .okr-col select { min-height: 28px; padding: 2px 6px; font-size: 13px; }
.okr-reading-counts { font-size: 13px; margin: 10px 0 0; }
.okr-reading-counts[data-counts="before"] { color: var(--okr-fg2); margin-top: 2px; }
`;
