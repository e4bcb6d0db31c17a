/**
 * Validate and Clear as plans. A highlighted cell gets a fill by severity and a note made of the user's own note
 * (if any) followed by a marker block:
 *
 *   <the user's note, unchanged>
 *   [OKR Grid] <reason>
 *   [OKR Grid] <another reason>
 *   ⟦okr-grid fill=#ffffff lines=2⟧   (or fill=none; lines = how many reason lines precede it)
 *
 * The last line records the fill the cell had before, so Clear restores exactly the user's fill and note with no
 * other storage. Validating again first strips earlier markers, so validating twice leaves the same sheet.
 */
import type { SheetPlan, SheetSnapshot, WorkbookPlan, CellPatch } from './sheet-plan';
import { emptySheetPlan } from './sheet-plan';
import type { Finding, Severity } from './rules';
import type { Lang } from './i18n';
import { backgroundAt, noteAt } from './plan-grid';

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

/** The note for a highlighted cell: the user's note, the reasons, the original fill. */
export function markedNote(userNote: string, reasons: string[], fill: string): string {
  const block = [
    ...reasons.map((r) => REASON_PREFIX + r.replace(/[\r\n]+/g, ' ')),
    `⟦okr-grid fill=${fill || 'none'} lines=${reasons.length}⟧`,
  ].join('\n');
  return userNote ? `${userNote}\n${block}` : block;
}

interface CellState {
  note: string;
  fill: string;
}

/** What a cell looked like before the add-in marked it (or as it is, when unmarked). */
function originalOf(snap: SheetSnapshot, row: number, col: number): CellState & { marked: boolean } {
  const note = noteAt(snap, row, col);
  const parsed = parseMarkedNote(note);
  if (parsed) return { note: parsed.userNote, fill: parsed.fill, marked: true };
  return { note, fill: backgroundAt(snap, row, col), marked: false };
}

/** Every marked cell of the snapshot. */
function markedCells(snap: SheetSnapshot): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  const notes = snap.notes ?? [];
  for (let r = 0; r < notes.length; r++) {
    const line = notes[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      const n = line[c];
      if (n && n.includes('⟦okr-grid') && parseMarkedNote(n))
        out.push({ row: snap.origin.row + r, col: snap.origin.col + c });
    }
  }
  return out;
}

const key = (r: number, c: number) => `${r}:${c}`;

/** Backgrounds and notes that show `findings` on the active sheet (and remove earlier marks no finding needs). */
export function markFindings(snap: SheetSnapshot, findings: Finding[], lang: Lang): SheetPlan {
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
  const backgrounds: CellPatch<string>[] = [];
  const notes: CellPatch<string>[] = [];
  for (const e of byCell.values()) {
    const orig = originalOf(snap, e.row, e.col);
    backgrounds.push({ row: e.row, col: e.col, value: SEVERITY_FILL[e.severity] });
    notes.push({ row: e.row, col: e.col, value: markedNote(orig.note, e.reasons, orig.fill) });
  }
  for (const { row, col } of markedCells(snap)) {
    if (byCell.has(key(row, col))) continue;
    const orig = originalOf(snap, row, col);
    backgrounds.push({ row, col, value: orig.fill });
    notes.push({ row, col, value: orig.note });
  }
  const order = (a: CellPatch<string>, b: CellPatch<string>) => a.row - b.row || a.col - b.col;
  plan.backgrounds = backgrounds.sort(order);
  plan.notes = notes.sort(order);
  return plan;
}

/** Restores the fill and note of every marked cell; touches nothing else. */
export function planClear(snap: SheetSnapshot): { sheet: SheetPlan; cleared: number } {
  const plan = emptySheetPlan(snap.name);
  const cells = markedCells(snap);
  for (const { row, col } of cells) {
    const orig = originalOf(snap, row, col);
    plan.backgrounds.push({ row, col, value: orig.fill });
    plan.notes.push({ row, col, value: orig.note });
  }
  return { sheet: plan, cleared: cells.length };
}

export function planValidate(snap: SheetSnapshot, findings: Finding[], lang: Lang): WorkbookPlan {
  const sheet = markFindings(snap, findings, lang);
  const first = findings.find((f) => !f.sheet || f.sheet === snap.name);
  return {
    sheets: sheet.backgrounds.length || sheet.notes.length ? [sheet] : [],
    activate: snap.name,
    ...(first ? { select: { sheet: snap.name, row: first.row, col: first.col } } : {}),
  };
}
