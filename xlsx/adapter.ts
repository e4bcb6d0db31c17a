/**
 * The .xlsx host: the same read -> core -> apply cycle as the Excel and Sheets adapters, on a workbook file held in
 * memory by ExcelJS. Files it writes always carry portable formulas (native functions only), so they compute in any
 * spreadsheet without the add-in.
 */
import { promises as fs } from 'fs';
import os from 'os';
import v8 from 'v8';
import vm from 'vm';
import ExcelJS from 'exceljs';
import { readsFor, runCommand, type CommandName, type CommandOptions } from '../core/commands';
import {
  rereadFor,
  type CommandResult,
  type ReadRequest,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from '../core/sheet-plan';
import type { Settings } from '../core/settings';
import type { Msg } from '../core/i18n';
import { activeSheet, readSnapshot } from './snapshot';
import { applyPlan } from './apply';
import { fileProblem, tooLargeText, XlsxFileError } from './messages';
import { storedPackage, zipEntries } from './zip-directory';
import { documentSettingsOf, rememberDocumentSettings } from './document-settings';
import { lostParts, partsOf, partsOfFile, partsText, type PartKind } from './package-parts';
import { carryWebExtensions } from './web-extensions';
import { workbookBytes } from './zip-write';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Compound File Binary (OLE2): an encrypted OOXML package or a legacy .xls. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (buf: Buffer, magic: number[]) => magic.every((b, i) => buf[i] === b);

/** What kind of file this is, from its bytes; null when it looks like an .xlsx package. */
export function sniff(buf: Buffer): 'empty' | 'encrypted' | 'legacyXls' | 'notXlsx' | null {
  if (buf.length === 0) return 'empty';
  if (startsWith(buf, CFB_MAGIC)) {
    // An encrypted OOXML file is a CFB container with an 'EncryptionInfo' stream (names are UTF-16LE).
    return buf.includes(Buffer.from('EncryptionInfo', 'utf16le')) ? 'encrypted' : 'legacyXls';
  }
  if (!startsWith(buf, ZIP_MAGIC)) return 'notXlsx';
  return null;
}

/**
 * Heap a command needs per byte of cell XML (the sheets' XML and the shared strings, uncompressed), measured by
 * running the built command line under --max-old-space-size on the bench's generated files: score, the heaviest
 * command, needs 260-320 MB for the 10,000-KR file's 5.4 MB (about 55 per byte) and 1,400-1,800 MB for the
 * 50,000-KR file's 27.7 MB. With a margin, as real sheets have more styles and text per cell.
 */
export const HEAP_PER_CELL_XML_BYTE = 64;
const CELL_XML = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i;
const MB = 1024 * 1024;

/**
 * Refuses, before ExcelJS loads it, a file whose cells would not fit in the heap this process may grow to: the sizes
 * come from the zip directory, so the answer takes milliseconds where loading would take minutes and then crash
 * with "JavaScript heap out of memory".
 */
export function checkFitsInMemory(buf: Buffer, file: string): void {
  const entries = zipEntries(buf);
  if (!entries) return; // not a readable directory: the load says the file is damaged
  const cells = entries.filter((e) => CELL_XML.test(e.name)).reduce((n, e) => n + e.size, 0);
  const need = cells * HEAP_PER_CELL_XML_BYTE;
  const heap = v8.getHeapStatistics();
  if (need <= heap.heap_size_limit - heap.used_heap_size) return;
  const mb = (n: number) => Math.ceil(n / MB);
  // A bigger heap is worth suggesting only when the machine has the memory (with room for the rest of the system).
  const growTo = need < os.totalmem() * 0.75 ? Math.ceil(need / MB / 1024) * 1024 : null;
  throw new XlsxFileError('tooLarge', tooLargeText(file, mb(cells), mb(need), mb(heap.heap_size_limit), growTo));
}

/** Loads a workbook, turning every way a file can be unusable into an XlsxFileError with a message in both languages. */
export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e: any) {
    if (e?.code === 'ENOENT') throw new XlsxFileError('missing', fileProblem.missing(file));
    throw new XlsxFileError('unreadable', fileProblem.unreadable(file, e?.code ?? String(e?.message ?? e)));
  }
  const kind = sniff(buf);
  if (kind) throw new XlsxFileError(kind, fileProblem[kind](file));
  checkFitsInMemory(buf, file);
  const wb = new ExcelJS.Workbook();
  try {
    // Stored, so JSZip inflates nothing (zip-directory.ts storedPackage).
    await wb.xlsx.load((storedPackage(buf) ?? buf) as any);
  } catch (e: any) {
    throw new XlsxFileError('corrupt', fileProblem.corrupt(file, String(e?.message ?? e).slice(0, 120)));
  }
  if (wb.worksheets.length === 0) throw new XlsxFileError('noSheets', fileProblem.noSheets(file));
  rememberDocumentSettings(wb, documentSettingsOf(buf));
  return wb;
}

/** Everything any command may need, so one snapshot serves the command and the validation printed beside it. */
export function readsForAll(names: CommandName[], settings: Settings): ReadRequest {
  const reqs = names.map((n) => readsFor(n, settings));
  return {
    formulas: reqs.some((r) => r.formulas),
    notes: reqs.some((r) => r.notes),
    backgrounds: reqs.some((r) => r.backgrounds),
    others: [...new Set(reqs.flatMap((r) => r.others))],
  };
}

export function portable(settings: Settings): Settings {
  return { ...settings, formulaMode: 'portable' };
}

export interface WorkbookRun {
  sheet: string;
  snap: WorkbookSnapshot;
  /** The command's result; once applied, its plan is dropped unless keepPlan was asked. */
  result: CommandResult;
  /** Findings of 'validate' on the same snapshot (the command's own when the command is validate). */
  validation: CommandResult;
  applied: boolean;
  warnings: Msg[];
  rows: number;
}

/** The .xlsx host cannot write charts: a check-in here writes the log only (the dashboard is drawn by the add-in). */
/** Every command also says what Validate would (the findings printed beside it), from the one reading it makes. */
const RUN_OPTS: Partial<Record<CommandName, CommandOptions>> = { checkin: { dashboard: false, findings: true } };
const runOpts = (name: CommandName): CommandOptions => RUN_OPTS[name] ?? { findings: true };

const NO_PLAN: WorkbookPlan = { sheets: [] };

/** Reads `ws` and runs the command; core may ask for more (the OKR sheet behind a scorecard, sheets its plan changes). */
function commandOn(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  name: CommandName,
  s: Settings,
  today: string,
): { ws: ExcelJS.Worksheet; snap: WorkbookSnapshot; result: CommandResult } {
  let req = readsForAll([name, 'validate'], s);
  let snap = readSnapshot(wb, ws, req, today);
  let result = runCommand(name, snap, s, runOpts(name));
  const shown = ws.name;
  // Read again at most twice.
  for (let i = 0, more = rereadFor(req, result); i < 2 && more; i++, more = rereadFor(req, result)) {
    req = more;
    const subject = req.subject ? wb.getWorksheet(req.subject) : undefined;
    if (subject) ws = subject;
    snap = readSnapshot(wb, ws, req, today);
    if (ws.name !== shown) snap.shown = shown;
    result = runCommand(name, snap, s, runOpts(name));
  }
  return { ws, snap, result };
}

/**
 * Validate's result on the command's snapshot: the command's own for validate, else what the command read beside it
 * (CommandResult.validation), else (a sheet with no OKRs) Validate run on the snapshot.
 */
function validationOf(
  name: CommandName,
  c: { snap: WorkbookSnapshot; result: CommandResult },
  s: Settings,
): CommandResult {
  if (name === 'validate') return c.result;
  if (c.result.validation === undefined) return runCommand('validate', c.snap, s);
  return { ok: true, plan: NO_PLAN, summary: c.result.summary, details: c.result.validation };
}

/**
 * Reads `sheet` (or the active sheet), runs the command and, when it succeeds and `apply`, applies its plan to `wb`.
 * The applied plan is then dropped (at 10,000 rows it holds some 100 MB of formula text) unless `keepPlan`.
 * Throws only when applying fails; the workbook must then be dropped, not saved. With `direct`, the sheets the plan
 * makes whole are written straight at the save (direct-sheet.ts): the workbook is then saved, not read again.
 */
export function runOnWorkbook(
  wb: ExcelJS.Workbook,
  name: CommandName,
  settings: Settings,
  opts: { sheet?: ExcelJS.Worksheet; today: string; apply: boolean; keepPlan?: boolean; direct?: boolean },
): WorkbookRun {
  const s = portable(settings);
  const c = commandOn(wb, opts.sheet ?? activeSheet(wb)!, name, s, opts.today);
  let warnings: Msg[] = [];
  let applied = false;
  if (c.result.ok && opts.apply) {
    warnings = applyPlan(wb, c.result.plan, { direct: opts.direct }).warnings;
    applied = true;
    if (!opts.keepPlan) c.result = { ...c.result, plan: NO_PLAN };
  }
  const validation = validationOf(name, c, s);
  const { ws, snap, result } = c;
  return { sheet: ws.name, snap, result, validation, applied, warnings, rows: snap.active.values.length };
}

/** Below this much heap in use, a full collection before the save is not worth its time. */
const COLLECT_ABOVE_BYTES = 128 * 1024 * 1024;
let fullGc: (() => void) | null | undefined;

/**
 * A full garbage collection, when the heap is big: called before ExcelJS's write, whose own peak then starts from the
 * live workbook instead of on top of the run's garbage (the plan's formula text: some 150 MB at 10,000 rows), which
 * V8 would otherwise keep until its heap had grown. `gc` is exposed the way Jest's leak detector does it.
 */
export function collectGarbage(): void {
  if (process.memoryUsage().heapUsed < COLLECT_ABOVE_BYTES) return;
  if (fullGc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      fullGc = vm.runInNewContext('gc') as () => void;
    } catch {
      fullGc = null;
    }
  }
  fullGc?.();
}

/**
 * Writes to a temporary file beside the target, then renames it: the target is never left half written. With `keep`,
 * the Excel add-in's parts of the source (which ExcelJS drops) are put back, then the written file is compared with
 * the source's parts: overwriting the input (inPlace) when it would lose some is refused (the input stays untouched);
 * otherwise the kinds lost are returned for a warning.
 */
export async function saveWorkbook(
  wb: ExcelJS.Workbook,
  file: string,
  keep?: { source: string; inPlace: boolean },
): Promise<PartKind[]> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  collectGarbage();
  try {
    // Read before the write: with --in-place the source is the file the rename below replaces.
    const source = keep ? await fs.readFile(keep.source) : null;
    await fs.writeFile(tmp, await workbookBytes(wb));
    if (source) await carryWebExtensions(source, tmp);
    const lost = source ? lostParts(await partsOf(source), await partsOfFile(tmp)) : [];
    if (keep?.inPlace && lost.length) throw new XlsxFileError('losesParts', partsText.refuseInPlace(file, lost));
    await fs.rename(tmp, file);
    return lost;
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
