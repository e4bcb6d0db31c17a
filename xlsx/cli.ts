/**
 * `okr-grid`: the grid's commands on .xlsx files, for scheduled jobs and people without the add-in.
 * Never overwrites its input unless --in-place; exit 0 done, 1 error-severity findings, 2 bad usage / unusable file.
 */
import path from 'path';
import { promises as fs } from 'fs';
import type ExcelJS from 'exceljs';
import type { CommandName } from '../core/commands';
import { columnRoleOf, resolveSettings, type Settings } from '../core/settings';
import type { Field } from '../core/model';
import { langFromLocale, t, type Lang, type Msg } from '../core/i18n';
import { isoToSerial, localIsoDate } from '../core/values';
import { openWorkbook, runOnWorkbook, saveWorkbook, type WorkbookRun } from './adapter';
import { cliText, UsageError, XlsxFileError } from './messages';
import { countBySeverity, findingsOf, findingsTable, type PrintableFinding } from './findings-table';
import { rollupWorkbooks } from './rollup';
import { hasXlsxExtension, partsText } from './package-parts';
import { readingText, unplacedText } from './reading-text';
import { fileReading } from './document-settings';
import { saveReadingSettings } from './settings-store';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: show progress even for small files. */
  tty: boolean;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const COMMAND_OF: Record<string, CommandName | 'rollup'> = {
  convert: 'convert',
  validate: 'validate',
  score: 'score',
  close: 'score',
  checkin: 'checkin',
  rollup: 'rollup',
};

/** Files bigger than this get progress messages even when stderr is not a terminal. */
const LARGE_FILE_BYTES = 256 * 1024;

export interface CliArgs {
  command: string;
  files: string[];
  out?: string;
  inPlace: boolean;
  sheet?: string;
  cycle?: string;
  lang: Lang;
  json: boolean;
  quiet: boolean;
  today: string;
  help: boolean;
  /** --columns "Goal=target,Start Date=due": column roles by header text (corrections to the reading). */
  columns?: Record<string, Field | 'ignore'>;
}

/** The language of messages: --lang when it is valid, else the environment's; read first, so usage errors use it. */
function argLang(argv: string[], env: Record<string, string | undefined>): Lang {
  const li = argv.findIndex((x) => x === '--lang' || x.startsWith('--lang='));
  const v = li < 0 ? undefined : argv[li].includes('=') ? argv[li].split('=')[1] : argv[li + 1];
  return v === 'en' || v === 'zh' ? v : langFromLocale(env.OKR_GRID_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
}

/** Sets the option `arg` on `a`; `value()` takes its value. false when `arg` is not an option (a command or file). */
function setOption(a: CliArgs, arg: string, value: () => string): boolean {
  switch (arg) {
    case '-h':
    case '--help':
      a.help = true;
      return true;
    case '-o':
    case '--out':
      a.out = value();
      return true;
    case '--in-place':
      a.inPlace = true;
      return true;
    case '--sheet':
      a.sheet = value();
      return true;
    case '--cycle':
      a.cycle = value();
      return true;
    case '--lang': {
      const v = value();
      if (v !== 'en' && v !== 'zh') throw new UsageError(cliText.badLang(v));
      a.lang = v;
      return true;
    }
    case '--today': {
      const v = value();
      // isoToSerial checks the calendar (Date.parse takes 2026-02-30 for March 2).
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || isoToSerial(v) === null) throw new UsageError(cliText.badDate(v));
      a.today = v;
      return true;
    }
    case '--columns':
      a.columns = { ...a.columns, ...parseColumns(value()) };
      return true;
    case '--json':
      a.json = true;
      return true;
    case '-q':
    case '--quiet':
      a.quiet = true;
      return true;
    default:
      return false;
  }
}

export function parseArgs(argv: string[], env: Record<string, string | undefined>): CliArgs {
  const a: CliArgs = {
    command: '',
    files: [],
    inPlace: false,
    lang: argLang(argv, env),
    json: false,
    quiet: false,
    today: localIsoDate(),
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('='))
      [arg, inline] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-') && v.length > 1))
        throw new UsageError(cliText.missingValue(arg));
      return v;
    };
    if (setOption(a, arg, value)) continue;
    if (arg.startsWith('-') && arg.length > 1) throw new UsageError(cliText.unknownOption(arg));
    if (!a.command) a.command = arg;
    else a.files.push(arg);
  }
  return a;
}

/**
 * 'Goal=target, Start Date=due, Notes=ignore' -> roles by header text. A role is a field's code or label in either
 * language (columnRoleOf); the last '=' splits, so a header may hold one. Header text is matched as the sheet shows it.
 */
export function parseColumns(text: string): Record<string, Field | 'ignore'> {
  const out: Record<string, Field | 'ignore'> = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.lastIndexOf('=');
    const header = eq > 0 ? part.slice(0, eq).trim() : '';
    const role = eq > 0 ? columnRoleOf(part.slice(eq + 1)) : null;
    if (!header || !role) throw new UsageError(cliText.badColumns(part.trim()));
    out[header] = role;
  }
  if (!Object.keys(out).length) throw new UsageError(cliText.badColumns(text));
  return out;
}

/** `team.xlsx` -> `team.okr.xlsx` beside it. */
export function defaultOutput(file: string): string {
  const ext = path.extname(file);
  return path.join(
    path.dirname(file),
    `${path.basename(file, ext)}.okr${ext.toLowerCase() === '.xlsx' ? ext : '.xlsx'}`,
  );
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

/**
 * The settings of a run: the options, over the reading corrections saved in the file (the Excel add-in's document
 * settings first, then the command line's settings sheet: settings-store.ts), with --columns over the saved roles.
 */
export function settingsFor(args: CliArgs, wb?: ExcelJS.Workbook): Settings {
  const saved = wb ? fileReading(wb) : null;
  return resolveSettings({
    lang: args.lang,
    cycle: args.cycle ?? null,
    formulaMode: 'portable',
    columnRoles: { ...saved?.columnRoles, ...args.columns },
    headerRow: saved?.headerRow ?? null,
  });
}

/**
 * The asked sheet, or the active one; when the active sheet is not an OKR sheet, the first visible one that is. The
 * plan applied is the last change to the workbook before it is saved: sheets it makes whole are written direct.
 */
function runOnBestSheet(
  wb: ExcelJS.Workbook,
  command: CommandName,
  settings: Settings,
  args: CliArgs,
  apply: boolean,
): { run: WorkbookRun; tried: WorkbookRun[] } {
  if (args.sheet) {
    const ws = wb.getWorksheet(args.sheet);
    if (!ws) throw new UsageError(cliText.noSheet(args.sheet, args.files[0]));
    const run = runOnWorkbook(wb, command, settings, { sheet: ws, today: args.today, apply, direct: true });
    return { run, tried: [run] };
  }
  const first = runOnWorkbook(wb, command, settings, { today: args.today, apply, direct: true });
  const tried = [first];
  if (first.result.ok) return { run: first, tried };
  for (const ws of wb.worksheets) {
    if (ws.name === first.sheet || ws.state !== 'visible') continue;
    const run = runOnWorkbook(wb, command, settings, { sheet: ws, today: args.today, apply, direct: true });
    tried.push(run);
    if (run.result.ok) return { run, tried };
  }
  return { run: first, tried };
}

/** Where a one-file command reads and writes, after the checks on its arguments. */
interface Target {
  command: CommandName;
  input: string;
  output: string;
  /** validate writes only with -o or --in-place. */
  writes: boolean;
}

function targetOf(args: CliArgs): Target {
  const command = COMMAND_OF[args.command] as CommandName;
  if (args.files.length === 0) throw new UsageError(cliText.needFile);
  if (args.files.length > 1) throw new UsageError(cliText.oneFile);
  if (args.out && args.inPlace) throw new UsageError(cliText.inPlaceAndOut);
  const input = args.files[0];
  const writes = command !== 'validate' || !!args.out || args.inPlace;
  const output = args.inPlace ? input : (args.out ?? defaultOutput(input));
  if (writes && !args.inPlace && samePath(output, input)) throw new UsageError(cliText.outIsInput);
  if (writes && !hasXlsxExtension(output)) throw new UsageError(partsText.wrongExtension(output));
  return { command, input, output, writes };
}

/**
 * What a run leaves to print: the command's summary and details, the findings, nothing of its plan or snapshot (those
 * are garbage once this is built, so saving the file does not hold them: at 10,000 rows they are most of the memory).
 */
interface Outcome {
  ok: boolean;
  sheet: string;
  /** The sheet used is not the one the file opens on. */
  otherSheet: boolean;
  summary: Msg;
  details: unknown;
  findings: PrintableFinding[];
  applied: boolean;
  warnings: Msg[];
  rows: number;
}

function outcomeOf(picked: { run: WorkbookRun; tried: WorkbookRun[] }): Outcome {
  const { run } = picked;
  return {
    ok: run.result.ok,
    sheet: run.sheet,
    otherSheet: run.sheet !== picked.tried[0].sheet,
    summary: run.result.summary,
    details: run.result.details ?? null,
    findings: findingsOf(run.validation.details),
    applied: run.applied,
    warnings: run.warnings,
    rows: run.rows,
  };
}

/** Saves the workbook; the written path, or null after telling why it could not (the input is untouched then). */
async function writeOutput(wb: ExcelJS.Workbook, target: Target, args: CliArgs, o: Outcome, io: CliIo) {
  try {
    const lost = await saveWorkbook(wb, target.output, { source: target.input, inPlace: args.inPlace });
    if (lost.length) o.warnings.push(partsText.droppedInNew(target.output, lost));
    return target.output;
  } catch (e) {
    if (e instanceof XlsxFileError) throw e;
    io.err(t(cliText.writeFailed(target.output, String((e as Error)?.message ?? e).slice(0, 200)), args.lang));
    return null;
  }
}

function printNotOkr(o: Outcome, target: Target, args: CliArgs, io: CliIo): void {
  const msgText = cliText.notOkr(target.input, t(o.summary, args.lang));
  if (args.json)
    io.out(
      JSON.stringify(
        { ok: false, command: args.command, file: target.input, summary: o.summary, message: msgText },
        null,
        2,
      ),
    );
  else io.err(t(msgText, args.lang));
}

function printJson(o: Outcome, target: Target, args: CliArgs, written: string | null, code: number, io: CliIo): void {
  const { summary, details, findings, warnings, sheet } = o;
  const counts = countBySeverity(findings);
  const file = target.input;
  const body = { ok: true, command: args.command, file, sheet, output: written, summary, details, findings, counts };
  io.out(JSON.stringify({ ...body, warnings, exitCode: code }, null, 2));
}

function printText(o: Outcome, target: Target, args: CliArgs, written: string | null, io: CliIo): void {
  const lang = args.lang;
  const say = (m: Msg) => io.out(t(m, lang));
  if (o.otherSheet) say(cliText.usingSheet(o.sheet));
  // How the sheet was read on convert (the first run on a file); on every command, the cells not placed.
  const reading = target.command === 'convert' ? readingText(o.details, lang) : unplacedText(o.details, lang);
  if (reading) io.out(reading);
  say(o.summary);
  for (const w of o.warnings) say(w);
  io.out('');
  io.out(findingsTable(o.findings, lang));
  if (written) say(cliText.wrote(written));
  else if (target.command === 'validate') say(cliText.notWritten);
}

/** Runs the command on the best sheet of the workbook and applies it; null when applying failed (told on stderr). */
function runStep(wb: ExcelJS.Workbook, target: Target, args: CliArgs, io: CliIo): Outcome | null {
  const settings = settingsFor(args, wb);
  try {
    const o = outcomeOf(runOnBestSheet(wb, target.command, settings, args, target.writes));
    // Corrections given on the command line, or found in the add-in's document settings (whose part is carried over
    // as it was: web-extensions.ts), are saved in the file's settings sheet, so later runs and the add-ins read it
    // the same way.
    if (target.writes && o.applied && (args.columns || fileReading(wb).fromDocument)) saveReadingSettings(wb, settings);
    return o;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    io.err(t(cliText.applyFailed(String((e as Error)?.message ?? e).slice(0, 200)), args.lang));
    return null;
  }
}

async function runOne(args: CliArgs, io: CliIo): Promise<number> {
  const target = targetOf(args);
  const progress = !args.quiet && (io.tty || (await fileSize(target.input)) > LARGE_FILE_BYTES);
  const note = (m: Msg) => progress && io.err(t(m, args.lang));
  const t0 = Date.now();
  note(cliText.reading(target.input));
  const wb = await openWorkbook(target.input);
  note(cliText.running(args.command));
  const o = runStep(wb, target, args, io);
  if (!o) return EXIT.usage;
  note(cliText.read(o.rows, Date.now() - t0));
  if (!o.ok) {
    printNotOkr(o, target, args, io);
    return EXIT.usage;
  }
  let written: string | null = null;
  if (target.writes && o.applied) {
    note(cliText.writing(target.output));
    written = await writeOutput(wb, target, args, o, io);
    if (!written) return EXIT.usage;
  }
  const code = countBySeverity(o.findings).error > 0 ? EXIT.findings : EXIT.ok;
  if (args.json) printJson(o, target, args, written, code, io);
  else printText(o, target, args, written, io);
  note(msgElapsed(Date.now() - t0));
  return code;
}

const msgElapsed = (ms: number): Msg => ({ en: `Done in ${ms} ms.`, zh: `完成,用时 ${ms} 毫秒。` });

export async function main(argv: string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv, io.env);
  } catch (e) {
    const lang = argLang(argv, io.env);
    io.err(t(cliText.badUsage(t((e as UsageError).text, lang)), lang));
    return EXIT.usage;
  }
  const lang = args.lang;
  if (args.help || !args.command) {
    (args.help ? io.out : io.err)(t(cliText.usage, lang));
    return args.help ? EXIT.ok : EXIT.usage;
  }
  try {
    const command = COMMAND_OF[args.command];
    if (!command) throw new UsageError(cliText.unknownCommand(args.command));
    if (command === 'rollup') return await rollupWorkbooks(args, io, settingsFor(args));
    return await runOne(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(t(cliText.badUsage(t(e.text, lang)), lang));
      return EXIT.usage;
    }
    if (e instanceof XlsxFileError) {
      if (args.json)
        io.out(JSON.stringify({ ok: false, command: args.command, problem: e.problem, message: e.text }, null, 2));
      io.err(t(e.text, lang));
      return EXIT.usage;
    }
    throw e;
  }
}

/** The process entry used by bin/okr-grid.js (through the webpack bundle). */
export async function run(): Promise<void> {
  const io: CliIo = {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    env: process.env,
    tty: !!process.stderr.isTTY,
  };
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (e) {
    io.err(`okr-grid: internal error: ${(e as Error)?.stack ?? e}`);
    process.exitCode = 2;
  }
}
