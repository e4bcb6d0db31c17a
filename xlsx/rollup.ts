/**
 * `okr-grid rollup a.xlsx b.xlsx ... -o company.xlsx`: one company scorecard from several team workbooks.
 * Each workbook's OKR sheet is read by core, the objectives are put side by side in one model, and core's quarter
 * close scores them and rolls them up along their "aligned to" links, across workbooks (a team objective aligned to
 * a company objective or KR in another file counts towards it). This file only moves data between files and core.
 */
import path from 'path';
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { readModel } from '../core/parse-sheet';
import { planCompanyRollup } from '../core/plan-rollup';
import { runCommand } from '../core/commands';
import type { OkrModel } from '../core/model';
import type { Settings } from '../core/settings';
import { msg, t, type Msg } from '../core/i18n';
import { activeSheet, readSnapshot } from './snapshot';
import { openWorkbook, portable, readsForAll, saveWorkbook } from './adapter';
import { applyPlan } from './apply';
import { cliText, UsageError, XlsxFileError } from './messages';
import { countBySeverity, findingsTable, type PrintableFinding } from './findings-table';
import type { CliArgs, CliIo } from './cli';

const text = {
  noObjectives: (f: string) => msg(`${f}: no objectives found on any sheet.`, `${f}：所有工作表中都没有找到目标。`),
  summary: (files: number, objectives: number, krs: number, linked: number, unresolved: number, avg: string) =>
    msg(
      `Rolled up ${files} workbook(s): ${objectives} objectives, ${krs} key results, average ${avg}; ${linked} aligned link(s) followed, ${unresolved} not found.`,
      `已汇总 ${files} 个工作簿：${objectives} 个目标，${krs} 个关键结果，平均 ${avg}；已沿 ${linked} 条对齐关系汇总，${unresolved} 条未找到。`,
    ),
  otherCycles: (n: number, cycle: string) =>
    msg(
      `${n} objective(s) belong to other cycles than ${cycle} and were left out (use --cycle to choose).`,
      `${n} 个目标不属于周期 ${cycle}，未计入（可用 --cycle 指定周期）。`,
    ),
  sameFile: (f: string, first: string) =>
    msg(`${f} is the same file as ${first}: it is read once.`, `${f} 与 ${first} 是同一个文件：只读取一次。`),
  unresolved: (id: string, to: string, file: string) =>
    msg(
      `'${id}' (${file}) is aligned to '${to}', which none of the workbooks holds.`,
      `“${id}”（${file}）对齐到“${to}”，但所有工作簿中都没有它。`,
    ),
};

interface TeamBook {
  file: string;
  sheet: string;
  model: OkrModel;
  findings: PrintableFinding[];
}

/** The active sheet, or the first visible sheet on which core finds objectives. */
function readTeam(wb: ExcelJS.Workbook, file: string, settings: Settings, args: CliArgs): TeamBook {
  const req = readsForAll(['validate'], settings);
  const candidates = args.sheet
    ? [wb.getWorksheet(args.sheet)].filter((s): s is ExcelJS.Worksheet => !!s)
    : [activeSheet(wb)!, ...wb.worksheets.filter((s) => s.state === 'visible')];
  if (args.sheet && candidates.length === 0) throw new XlsxFileError('noSheets', cliText.noSheet(args.sheet, file));
  for (const ws of candidates) {
    const snap = readSnapshot(wb, ws, req, args.today);
    const model = readModel(snap.active, { settings, today: args.today });
    if (model.objectives.length === 0) continue;
    const v = runCommand('validate', snap, settings);
    const findings = ((v.details as any)?.findings ?? []) as PrintableFinding[];
    return {
      file,
      sheet: ws.name,
      model,
      findings: findings.map((f) => ({ ...f, sheet: `${path.basename(file)}:${f.sheet}` })),
    };
  }
  throw new XlsxFileError('noSheets', text.noObjectives(file));
}

/** A file's real path (links and '..' resolved); the plain absolute path when it cannot be resolved (e.g. missing). */
async function realPath(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** The files with each real file once (the first name given wins), and a message for every name dropped. */
async function distinctFiles(files: string[]): Promise<{ files: string[]; dropped: Msg[]; real: Set<string> }> {
  const firstByReal = new Map<string, string>();
  const out: string[] = [];
  const dropped: Msg[] = [];
  for (const f of files) {
    const real = await realPath(f);
    const first = firstByReal.get(real);
    if (first !== undefined) dropped.push(text.sameFile(f, first));
    else {
      firstByReal.set(real, f);
      out.push(f);
    }
  }
  return { files: out, dropped, real: new Set(firstByReal.keys()) };
}

/** The checked inputs of a rollup: each real file once (messages for names dropped), and the output. */
async function rollupInputs(args: CliArgs): Promise<{ files: string[]; dropped: Msg[]; out: string }> {
  if (args.files.length === 0) throw new UsageError(cliText.needFile);
  if (!args.out) throw new UsageError(cliText.rollupNeedsOut);
  if (args.inPlace) throw new UsageError(cliText.inPlaceAndOut);
  const distinct = await distinctFiles(args.files);
  if (distinct.real.has(await realPath(args.out))) throw new UsageError(cliText.outIsInput);
  return { files: distinct.files, dropped: distinct.dropped, out: args.out };
}

/** Objectives aligned to one that none of the workbooks holds, each with the file it came from. */
function unresolvedLinks(teams: TeamBook[], close: ReturnType<typeof planCompanyRollup>['close']): Msg[] {
  const childIds = new Set(close.objectives.flatMap((o) => o.children));
  return close.objectives
    .filter((o) => o.alignedTo && !childIds.has(o.id))
    .map((o) => {
      const tm = teams.find((x) => x.model.objectives.some((m) => m.id === o.id));
      return text.unresolved(o.id, o.alignedTo!, tm ? path.basename(tm.file) : '?');
    });
}

interface RollupReport {
  teams: TeamBook[];
  close: ReturnType<typeof planCompanyRollup>['close'];
  summary: Msg;
  /** Aligned links not found, then objectives of other cycles left out. */
  notes: Msg[];
  dropped: Msg[];
  warnings: Msg[];
  findings: PrintableFinding[];
  code: number;
}

function printRollup(r: RollupReport, args: CliArgs, io: CliIo): void {
  const lang = args.lang;
  if (!args.json) {
    io.out(t(r.summary, lang));
    for (const m of [...r.notes, ...r.warnings]) io.out(t(m, lang));
    io.out('');
    io.out(findingsTable(r.findings, lang));
    io.out(t(cliText.wrote(args.out!), lang));
    return;
  }
  const { close, findings } = r;
  const files = r.teams.map((tm) => ({ file: tm.file, sheet: tm.sheet, objectives: tm.model.objectives.length }));
  const body = { ok: true, command: 'rollup', files, output: args.out, cycle: close.cycle, summary: r.summary };
  const result = { total: close.total, objectives: close.objectives, unresolved: r.notes, duplicates: r.dropped };
  const tail = { findings, counts: countBySeverity(findings), warnings: r.warnings, exitCode: r.code };
  io.out(JSON.stringify({ ...body, ...result, ...tail }, null, 2));
}

export async function rollupWorkbooks(args: CliArgs, io: CliIo, base: Settings): Promise<number> {
  const lang = args.lang;
  const settings = portable(base);
  const { files, dropped, out: outFile } = await rollupInputs(args);
  const note = (m: Msg) => !args.quiet && io.err(t(m, lang));
  for (const m of dropped) io.err(t(m, lang));
  const teams: TeamBook[] = [];
  for (let i = 0; i < files.length; i++) {
    note(cliText.progressFile(i + 1, files.length, files[i]));
    teams.push(readTeam(await openWorkbook(files[i]), files[i], settings, args));
  }
  const { close, plan } = planCompanyRollup(
    teams.map((tm) => ({ name: path.basename(tm.file), sheet: tm.sheet, model: tm.model })),
    { settings, today: args.today, cycle: args.cycle },
  );
  const links = unresolvedLinks(teams, close);
  const out = new ExcelJS.Workbook();
  const { warnings } = applyPlan(out, plan, { direct: true });
  note(cliText.writing(outFile));
  await saveWorkbook(out, outFile);

  const left = teams.reduce((n, tm) => n + tm.model.objectives.length, 0) - close.objectives.length;
  const notes = [...(left > 0 ? [text.otherCycles(left, close.cycle)] : []), ...links];
  const findings = teams.flatMap((tm) => tm.findings);
  const code = countBySeverity(findings).error > 0 ? 1 : 0;
  const linked = close.objectives.reduce((n, o) => n + o.children.length, 0);
  const avg = close.total.average === null ? '-' : `${Math.round(close.total.average * 100)}%`;
  const summary = text.summary(teams.length, close.objectives.length, close.krs.length, linked, links.length, avg);
  printRollup({ teams, close, summary, notes, dropped, warnings, findings, code }, args, io);
  return code;
}
