/**
 * Cells a person brings to the playground as text: a block copied from Excel or Google Sheets (tab-separated, a cell
 * holding line breaks or quotes comes quoted) and .csv / .tsv files (comma, semicolon or tab; UTF-8, UTF-16 as Excel's
 * "Unicode text" writes it, or GB18030 as Excel on a Chinese Windows saves a CSV). Pure functions, no DOM.
 */
import type { Scalar } from '../excel-sim/workbook';

/** Splits delimited text into rows of cells (RFC 4180 quoting: `"a ""b""\nc"` is one cell `a "b"` + newline + `c`). */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  // The last line has no line break after it (Excel ends a copied block with one; then there is nothing left here).
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** The delimiter of a file's first line (outside quotes): tab, then semicolon (a comma-decimal locale), then comma. */
export function guessDelimiter(text: string): string {
  const seen: Record<string, number> = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 10_000)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in seen) seen[ch]++;
  }
  if (seen['\t']) return '\t';
  return seen[';'] > seen[','] ? ';' : ',';
}

/** A file's bytes as text: a byte-order mark decides; else UTF-8 when it is valid UTF-8; else GB18030. */
export function decodeText(bytes: Uint8Array): string {
  const [a, b, c] = bytes;
  if (a === 0xff && b === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (a === 0xfe && b === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = a === 0xef && b === 0xbb && c === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/**
 * What a pasted cell's text is typed as: numbers, percentages, dates and TRUE/FALSE become values as when typed;
 * any other text stays exactly the text copied (a leading `=`, `+`, `-`, `@` or `'` is text, never a formula: it
 * came out of a cell's value, e.g. a `- KR: ...` bullet). Empty cells are null (pasting clears them, as in Excel).
 */
export function pastedInput(text: string): Scalar | null {
  if (text === '') return null;
  return /^['=+\-@]/.test(text) && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(text.trim()) ? `'${text}` : text;
}

/** Delimited text as a rectangle of inputs for the workbook (rows padded to the widest). */
export function pastedBlock(text: string, delimiter = '\t'): (Scalar | null)[][] {
  const rows = parseDelimited(text, delimiter);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => Array.from({ length: width }, (_, c) => pastedInput(r[c] ?? '')));
}

/** A sheet name from a file name: its extension and the characters Excel refuses removed, at most 31 characters. */
export function sheetNameFromFile(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[\\/?*[\]:]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  return base.slice(0, 31).trim() || 'Sheet1';
}
