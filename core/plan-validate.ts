/**
 * Validate and Clear as plans. A highlighted cell gets a fill by severity and a note made of the user's own note
 * (if any) followed by the reasons, each on its own line starting with "[OKR Grid] ". What Clear needs to put the
 * cell back (its fill and note before, and the note the add-in wrote) is kept out of sight, in the hidden sheet
 * MARKS_SHEET (one row per marked cell), so notes show only their text. A note the user edited after Validate keeps
 * the edit: Clear removes only the reason lines. Validating again starts from the kept originals, so validating
 * twice leaves the same sheet and a red fill is never taken for the user's own.
 *
 * Earlier versions kept the fill in a last note line `⟦okr-grid fill=#ffffff lines=2⟧`: such notes are still read
 * (parseMarkedNote) and cleared.
 */
import type { SheetPlan, SheetSnapshot, WorkbookPlan, CellPatch, PlanCell } from './sheet-plan';
import { a1, emptySheetPlan } from './sheet-plan';
import type { Finding, Severity } from './rules';
import type { Lang } from './i18n';
import { backgroundAt, noteAt, usedExtent } from './plan-grid';

export const SEVERITY_FILL: Record<Severity, string> = { error: '#f4c7c3', warning: '#fce8b2', info: '#d2e3fc' };
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export const REASON_PREFIX = '[OKR Grid] ';
const FILL_LINE = /^⟦okr-grid fill=(#[0-9a-f]{6}|none)(?: lines=(\d+))?⟧$/i;

export interface MarkedNote {
  /** The user's note as it was before the add-in touched the cell ('' when there was none). */
  userNote: string;
  /** The cell's fill before ('' = none). */
  fill: string;
}

/** Reads a note carrying the marker block; null when the note has none. */
export function parseMarkedNote(note: string): MarkedNote | null {
  if (!note) return null;
  const lines = note.replace(/\r\n/g, '\n').split('\n');
  let end = lines.length - 1;
  while (end >= 0 && lines[end].trim() === '') end--;
  if (end < 0) return null;
  const m = FILL_LINE.exec(lines[end].trim());
  if (!m) return null;
  let start = end;
  const count = m[2] === undefined ? Infinity : Number(m[2]);
  while (start - 1 >= 0 && end - start < count && lines[start - 1].startsWith(REASON_PREFIX)) start--;
  const userNote = lines.slice(0, start).join('\n');
  const fill = m[1].toLowerCase() === 'none' ? '' : m[1].toLowerCase();
  return { userNote, fill };
}

/** The note format of earlier versions (the reasons, then the fill line): kept to test that such notes are still read. */
export function markedNote(userNote: string, reasons: string[], fill: string): string {
  const block = [
    ...reasons.map((r) => REASON_PREFIX + r.replace(/[\r\n]+/g, ' ')),
    `⟦okr-grid fill=${fill || 'none'} lines=${reasons.length}⟧`,
  ].join('\n');
  return userNote ? `${userNote}\n${block}` : block;
}

// ---------------------------------------------------------------------------------------------------------------
// The hidden marks sheet

export const MARKS_SHEET = 'OKR Grid marks';
const MARKS_HEADER = ['Sheet', 'Cell', 'Fill before', 'Note before', 'Note written'];

/** One highlighted cell: where, what it had before, and the note the add-in wrote there. */
export interface Mark {
  sheet: string;
  row: number;
  col: number;
  fill: string;
  note: string;
  written: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** The marks kept in the hidden sheet (rows after its header; rows it cannot read are skipped). */
export function readMarks(snap: SheetSnapshot | undefined): Mark[] {
  const out: Mark[] = [];
  if (!snap) return out;
  for (let r = 1; r < snap.values.length; r++) {
    const line = snap.values[r] ?? [];
    const m = /^([A-Z]{1,3})(\d+)$/.exec(str(line[1]).trim());
    const sheet = str(line[0]);
    if (!m || !sheet) continue;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    out.push({
      sheet,
      row: Number(m[2]) - 1,
      col,
      fill: str(line[2]).toLowerCase(),
      note: str(line[3]),
      written: str(line[4]),
    });
  }
  return out;
}

/**
 * The marks sheet holding `marks`: created hidden at the end, or rewritten as one block that also blanks whatever
 * the old one used beyond the new rows (nothing is cleared that a failure could not put back).
 */
export function marksPlan(marks: Mark[], existing: SheetSnapshot | undefined): SheetPlan {
  const plan: SheetPlan = { ...emptySheetPlan(MARKS_SHEET), create: {}, hidden: true };
  const rows: PlanCell[][] = [
    MARKS_HEADER,
    ...marks.map((m) => [m.sheet, a1(m.row, m.col), m.fill, m.note, m.written]),
  ];
  const old = existing ? usedExtent(existing) : { lastRow: -1, lastCol: -1 };
  const height = Math.max(rows.length, old.lastRow + 1);
  const width = Math.max(MARKS_HEADER.length, old.lastCol + 1);
  for (let r = 0; r < height; r++) {
    const line = rows[r] ?? [];
    rows[r] = Array.from({ length: width }, (_, c) => (line[c] === undefined || line[c] === '' ? null : line[c]));
  }
  plan.writes.push({ row: 0, col: 0, cells: rows });
  return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Marking and clearing

interface CellState {
  note: string;
  fill: string;
}

const OUR_FILLS = new Set(Object.values(SEVERITY_FILL));

/** The user's note now: the note as it is, without the reason lines the add-in wrote into it. */
function withoutReasons(note: string): string {
  return note
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((l) => !l.startsWith(REASON_PREFIX))
    .join('\n')
    .replace(/\n+$/, '');
}

/**
 * What a cell looked like before the add-in marked it. With a kept mark: the note before (or, when the user edited
 * the note since, their edit without our reason lines) and the fill before (unless the user gave it another fill).
 */
function originalOf(snap: SheetSnapshot, row: number, col: number, mark: Mark | undefined): CellState {
  const note = noteAt(snap, row, col);
  const fill = backgroundAt(snap, row, col);
  if (mark) {
    return {
      note: note === mark.written ? mark.note : withoutReasons(note),
      fill: fill === '' || OUR_FILLS.has(fill) ? mark.fill : fill,
    };
  }
  return { note, fill };
}

/** The marks of `snap`: the kept ones, and notes an earlier version marked inline. */
function marksOf(snap: SheetSnapshot, kept: Mark[]): Map<string, Mark> {
  const out = new Map<string, Mark>();
  for (const m of kept) if (m.sheet === snap.name) out.set(key(m.row, m.col), m);
  const notes = snap.notes ?? [];
  for (let r = 0; r < notes.length; r++) {
    const line = notes[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      const n = line[c];
      if (!n || !n.includes('⟦okr-grid')) continue;
      const parsed = parseMarkedNote(n);
      const row = snap.origin.row + r;
      const col = snap.origin.col + c;
      if (parsed && !out.has(key(row, col)))
        out.set(key(row, col), { sheet: snap.name, row, col, fill: parsed.fill, note: parsed.userNote, written: n });
    }
  }
  return out;
}

const key = (r: number, c: number) => `${r}:${c}`;

/** The note for a highlighted cell: the user's note, then one line per reason. */
export function reasonsNote(userNote: string, reasons: string[]): string {
  const block = reasons.map((r) => REASON_PREFIX + r.replace(/[\r\n]+/g, ' ')).join('\n');
  return userNote ? `${userNote}\n${block}` : block;
}

/**
 * Backgrounds and notes that show `findings` on the sheet (and put back earlier marks no finding needs), with the
 * marks to keep for the sheet afterwards.
 */
export function markFindings(
  snap: SheetSnapshot,
  findings: Finding[],
  lang: Lang,
  kept: Mark[] = [],
): { sheet: SheetPlan; marks: Mark[] } {
  const plan = emptySheetPlan(snap.name);
  const byCell = new Map<string, { row: number; col: number; severity: Severity; reasons: string[] }>();
  for (const f of findings) {
    if (f.sheet && f.sheet !== snap.name) continue;
    if (!(f.row >= 0 && f.col >= 0)) continue;
    const k = key(f.row, f.col);
    const e = byCell.get(k) ?? { row: f.row, col: f.col, severity: f.severity, reasons: [] };
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[e.severity]) e.severity = f.severity;
    const text = f.message[lang];
    if (!e.reasons.includes(text)) e.reasons.push(text);
    byCell.set(k, e);
  }
  const marks = marksOf(snap, kept);
  const backgrounds: CellPatch<string>[] = [];
  const notes: CellPatch<string>[] = [];
  const now: Mark[] = [];
  for (const [k, e] of byCell) {
    const orig = originalOf(snap, e.row, e.col, marks.get(k));
    const written = reasonsNote(orig.note, e.reasons);
    backgrounds.push({ row: e.row, col: e.col, value: SEVERITY_FILL[e.severity] });
    notes.push({ row: e.row, col: e.col, value: written });
    now.push({ sheet: snap.name, row: e.row, col: e.col, fill: orig.fill, note: orig.note, written });
  }
  for (const [k, m] of marks) {
    if (byCell.has(k)) continue;
    const orig = originalOf(snap, m.row, m.col, m);
    backgrounds.push({ row: m.row, col: m.col, value: orig.fill });
    notes.push({ row: m.row, col: m.col, value: orig.note });
  }
  const order = (a: { row: number; col: number }, b: { row: number; col: number }) => a.row - b.row || a.col - b.col;
  plan.backgrounds = backgrounds.sort(order);
  plan.notes = notes.sort(order);
  return { sheet: plan, marks: now.sort(order) };
}

/** Restores the fill and note of every marked cell of the sheet; touches nothing else. */
export function planClear(snap: SheetSnapshot, kept: Mark[] = []): { sheet: SheetPlan; cleared: number } {
  const plan = emptySheetPlan(snap.name);
  const marks = [...marksOf(snap, kept).values()].sort((a, b) => a.row - b.row || a.col - b.col);
  for (const m of marks) {
    const orig = originalOf(snap, m.row, m.col, m);
    plan.backgrounds.push({ row: m.row, col: m.col, value: orig.fill });
    plan.notes.push({ row: m.row, col: m.col, value: orig.note });
  }
  return { sheet: plan, cleared: marks.length };
}

/**
 * Validate's plan: the sheet's marks, the hidden marks sheet with the sheet's new marks (other sheets' kept), and
 * the first finding selected.
 */
export function planValidate(
  snap: SheetSnapshot,
  findings: Finding[],
  lang: Lang,
  marksSheet?: SheetSnapshot,
): WorkbookPlan {
  const kept = readMarks(marksSheet);
  const { sheet, marks } = markFindings(snap, findings, lang, kept);
  const first = findings.find((f) => !f.sheet || f.sheet === snap.name);
  const sheets: SheetPlan[] = sheet.backgrounds.length || sheet.notes.length ? [sheet] : [];
  const before = kept.filter((m) => m.sheet === snap.name);
  if (marks.length || before.length)
    sheets.push(marksPlan([...kept.filter((m) => m.sheet !== snap.name), ...marks], marksSheet));
  return {
    sheets,
    activate: snap.name,
    ...(first ? { select: { sheet: snap.name, row: first.row, col: first.col } } : {}),
  };
}

/** Clear's plan: the sheet's marked cells put back, and its rows gone from the marks sheet. */
export function clearPlan(snap: SheetSnapshot, marksSheet?: SheetSnapshot): { plan: WorkbookPlan; cleared: number } {
  const kept = readMarks(marksSheet);
  const { sheet, cleared } = planClear(snap, kept);
  if (!cleared) return { plan: { sheets: [] }, cleared };
  const sheets = [sheet];
  if (kept.some((m) => m.sheet === snap.name))
    sheets.push(
      marksPlan(
        kept.filter((m) => m.sheet !== snap.name),
        marksSheet,
      ),
    );
  return { plan: { sheets, activate: snap.name }, cleared };
}

/** Sheets (other than `name`) the marks sheet holds marks for, in the workbook's tab order. */
export function sheetsWithMarks(marksSheet: SheetSnapshot | undefined, sheetNames: string[], name: string): string[] {
  const marked = new Set(readMarks(marksSheet).map((m) => m.sheet));
  return sheetNames.filter((n) => n !== name && marked.has(n));
}
