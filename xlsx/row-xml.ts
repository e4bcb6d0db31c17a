/**
 * ExcelJS's sheetData and shared strings, rendered here as one string per row (per string) from the models ExcelJS's
 * writer has prepared, byte for byte what its RowXform, CellXform and SharedStringXform write for them. ExcelJS's
 * XmlStream keeps every tag, attribute and text of a cell as a piece of its own (a dozen per cell: millions at 10,000
 * KRs), each made by a generic call, then joins them: a third of a command's write, and most of its garbage. A cell
 * of a kind not handled here (rich text inline, hyperlinks, errors, array formulas, formula results other than
 * text, numbers and booleans) is rendered by ExcelJS's own CellXform, so every cell is still written as ExcelJS does.
 */
import XmlStream from 'exceljs/lib/utils/xml-stream';
import CellXform from 'exceljs/lib/xlsx/xform/sheet/cell-xform';
import SharedStringXform from 'exceljs/lib/xlsx/xform/strings/shared-string-xform';
import utils from 'exceljs/lib/utils/utils';

/** ExcelJS's ValueType numbers (exceljs/lib/doc/enums.js) of the cells rendered here. */
const T = { Null: 0, Merge: 1, Number: 2, String: 3, Date: 4, Formula: 6, Boolean: 9 } as const;

/** A cell's model as ExcelJS's writer has prepared it (CellXform.prepare: styleId, ssId, si). */
export interface CellModel {
  address: string;
  type: number;
  styleId?: number;
  value?: unknown;
  ssId?: number;
  formula?: string;
  shareType?: string;
  ref?: string;
  range?: { range: string };
  si?: number;
  result?: unknown;
  style?: object;
  date1904?: boolean;
}

/** A row's model (Row.model, prepared by RowXform.prepare). */
export interface RowModel {
  number: number;
  min: number;
  max: number;
  cells: CellModel[];
  height?: number;
  styleId?: number;
  hidden?: boolean;
  outlineLevel?: number;
  collapsed?: boolean;
  style?: object;
}

/** One frozen empty style per cell type (the style ExcelJS's writer gives an empty one depends on the type: dates). */
const EMPTY_STYLES = new Map<number, object>();

function emptyStyleOf(type: number): object {
  let style = EMPTY_STYLES.get(type);
  if (!style) EMPTY_STYLES.set(type, (style = Object.freeze({})));
  return style;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * Cells and rows without a style share one empty style object (per cell type) in the models written. ExcelJS gives
 * each cell it reads without a style an empty object of its own, and its writer, which knows a style by its object,
 * works each one's style out anew, rendering it to XML to find its number: a third of ExcelJS's preparing of a
 * 10,000-KR sheet. A formula's style depends on its result's type: those are left as they are.
 */
export function shareEmptyStyles(rows: RowModel[] | undefined): void {
  for (const row of rows ?? []) {
    if (row.style && isEmpty(row.style)) row.style = emptyStyleOf(T.Number); // a row's style is a number's
    for (const c of row.cells) if (c.style && c.type !== T.Formula && isEmpty(c.style)) c.style = emptyStyleOf(c.type);
  }
}

/** An attribute as XmlStream writes it (absent when undefined). */
const attr = (name: string, value: unknown) =>
  value === undefined ? '' : ` ${name}="${utils.xmlEncode(String(value))}"`;

/** A leaf element as XmlStream's leafNode writes it: no text is an empty element, any other text is encoded. */
const leaf = (name: string, attrs: string, text: unknown) =>
  text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${utils.xmlEncode(String(text))}</${name}>`;

const cellXform = new CellXform();

/** A cell through ExcelJS's own CellXform. */
function exceljsCell(m: CellModel): string {
  const xml = new XmlStream();
  cellXform.render(xml, m);
  return xml.xml;
}

/** A formula's <f> attributes, as CellXform.renderFormula orders them. */
function formulaAttrs(m: CellModel): string | null {
  if (m.shareType === 'shared') return ' t="shared"' + attr('ref', m.ref || m.range!.range) + attr('si', m.si);
  if (m.shareType === 'array') return null;
  return m.si === undefined ? '' : ' t="shared"' + attr('si', m.si);
}

/** A formula cell's type attribute and content, or null for a kind left to ExcelJS. */
function formulaXml(m: CellModel): string | null {
  const attrs = formulaAttrs(m);
  if (attrs === null || (m.formula !== undefined && typeof m.formula !== 'string')) return null;
  const f = leaf('f', attrs, m.formula);
  const r = m.result;
  if (r === null || r === undefined) return `>${f}`;
  if (typeof r === 'number') return `>${f}${leaf('v', '', r)}`;
  if (typeof r === 'string') return ` t="str">${f}${leaf('v', '', r)}`;
  if (typeof r === 'boolean') return ` t="b">${f}<v>${r ? 1 : 0}</v>`;
  return null;
}

/** What follows a cell's address and style: its type attribute and content, or null for a kind left to ExcelJS. */
function cellBody(m: CellModel): string | null {
  switch (m.type) {
    case T.Null:
    case T.Merge:
      return '/>';
    case T.Number:
      return typeof m.value === 'number' ? `>${leaf('v', '', m.value)}</c>` : null;
    case T.Date:
      return m.value instanceof Date ? `>${leaf('v', '', utils.dateToExcel(m.value, m.date1904))}</c>` : null;
    case T.Boolean:
      return ` t="b"><v>${m.value ? 1 : 0}</v></c>`;
    case T.String:
      return m.ssId === undefined ? null : ` t="s"><v>${m.ssId}</v></c>`;
    case T.Formula: {
      const f = formulaXml(m);
      return f === null ? null : `${f}</c>`;
    }
    default:
      return null;
  }
}

/** One <c> element ('' for an empty cell without a style, which ExcelJS leaves out). */
export function cellXml(m: CellModel): string {
  if (m.type === T.Null && !m.styleId) return '';
  const body = cellBody(m);
  if (body === null) return exceljsCell(m);
  return `<c${attr('r', m.address)}${m.styleId ? attr('s', m.styleId) : ''}${body}`;
}

/** One <row> element with its cells, as RowXform renders it. */
export function rowXml(row: RowModel): string {
  let open = `<row${attr('r', row.number)}`;
  if (row.height) open += `${attr('ht', row.height)} customHeight="1"`;
  if (row.hidden) open += ' hidden="1"';
  if (row.min > 0 && row.max > 0 && row.min <= row.max) open += ` spans="${row.min}:${row.max}"`;
  if (row.styleId) open += `${attr('s', row.styleId)} customFormat="1"`;
  open += ' x14ac:dyDescent="0.25"';
  if (row.outlineLevel) open += attr('outlineLevel', row.outlineLevel);
  if (row.collapsed) open += ' collapsed="1"';
  let cells = '';
  for (const c of row.cells) cells += cellXml(c);
  return cells ? `${open}>${cells}</row>` : `${open}/>`;
}

const sharedStringXform = new SharedStringXform();

/** One shared string's <si>, as SharedStringXform renders it (rich text by ExcelJS's own). */
export function sharedStringXml(value: unknown): string {
  if (typeof value !== 'string') {
    const xml = new XmlStream();
    sharedStringXform.render(xml, value);
    return xml.xml;
  }
  const space = /^\s|\n|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<si><t${space}>${utils.xmlEncode(value)}</t></si>`;
}

/** The shared strings part, its text handed to `write` a string at a time (ExcelJS's SharedStringsXform.render). */
export function renderSharedStrings(model: { values: unknown[]; count: number }, write: (xml: string) => void): void {
  write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"${attr('count', model.count)}${attr('uniqueCount', model.values.length)}`;
  if (!model.values.length) return write(`${sst}/>`);
  write(`${sst}>`);
  for (const v of model.values) write(sharedStringXml(v));
  write('</sst>');
}
