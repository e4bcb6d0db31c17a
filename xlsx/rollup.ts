/**
 * `okr-grid rollup a.xlsx b.xlsx ... -o company.xlsx`: one company scorecard from several team workbooks.
 * Each workbook's OKR sheet is read by core, the objectives are put side by side in one model, and core's quarter
 * close scores them and rolls them up along their "aligned to" links, across workbooks (a team objective aligned to
 * a company objective or KR in another file counts towards it). This file only moves data between files and core.
 */
import path from 'path';
import ExcelJS from 'exceljs';
import { readSheet as readModel } from '../core/parse-sheet';
import { closeCycle, type CloseResult } from '../core/close';
import { runCommand } from '../core/commands';
import { STATUS_LABELS } from '../core/score';
import { emptySheetPlan, type PlanCell, type WorkbookPlan } from '../core/sheet-plan';
import type { OkrModel } from '../core/model';
import type { Settings } from '../core/settings';
import { msg, t, type Msg } from '../core/i18n';
import { activeSheet, readWorkbook } from './snapshot';
import { openWorkbook, portable, readsForAll, saveWorkbook } from './adapter';
import { applyPlan } from './apply';
import { cliText, UsageError, XlsxFileError } from './messages';
import { countBySeverity, findingsTable, type PrintableFinding } from './findings-table';
import type { CliArgs, CliIo } from './cli';

const text = {
  scorecardSheet: msg('Company scorecard', '公司记分卡'),
  objectivesSheet: msg('Objectives', '目标'),
  objectivesHeader: msg(
    'Workbook|Sheet|ID|Objective|Owner|Level|Aligned to|Score|With aligned|Status|Key results|Aligned below',
    '工作簿|工作表|编号|目标|负责人|层级|对齐到|得分|含对齐汇总|状态|关键结果数|下级对齐',
  ),
  noObjectives: (f: string) => msg(`${f}: no objectives found on any sheet.`, `${f}：所有工作表中都没有找到目标。`),
  summary: (files: number, objectives: number, krs: number, linked: number, unresolved: number, avg: string) =>
    msg(
      `Rolled up ${files} workbook(s): ${objectives} objectives, ${krs} key results, average ${avg}; ${linked} aligned link(s) followed, ${unresolved} not found.`,
      `已汇总 ${files} 个工作簿：${objectives} 个目标，${krs} 个关键结果，平均 ${avg}；已沿 ${linked} 条对齐关系汇总，${unresolved} 条未找到。`,
    ),
  otherCycles: (n: number, cycle: string) =>
    msg(`${n} objective(s) belong to other cycles than ${cycle} and were left out (use --cycle to choose).`, `${n} 个目标不属于周期 ${cycle}，未计入（可用 --cycle 指定周期）。`),
  unresolved: (id: string, to: string, file: string) =>
    msg(`'${id}' (${file}) is aligned to '${to}', which none of the workbooks holds.`, `“${id}”（${file}）对齐到“${to}”，但所有工作簿中都没有它。`),
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
    const snap = readWorkbook(wb, ws, req, args.today);
    const model = readModel(snap.active, { settings, today: args.today });
    if (model.objectives.length === 0) continue;
    const v = runCommand('validate', snap, settings);
    const findings = ((v.details as any)?.findings ?? []) as PrintableFinding[];
    return { file, sheet: ws.name, model, findings: findings.map((f) => ({ ...f, sheet: `${path.basename(file)}:${f.sheet}` })) };
  }
  throw new XlsxFileError('noSheets', text.noObjectives(file));
}

/** All teams' objectives in one model; each objective keeps the cycle it had in its own workbook. */
function mergeModels(teams: TeamBook[]): OkrModel {
  const first = teams[0].model;
  return {
    ...first,
    sheet: '',
    objectives: teams.flatMap((tm) => tm.model.objectives.map((o) => ({ ...o, cycle: o.cycle ?? tm.model.cycle }))),
    problems: teams.flatMap((tm) => tm.model.problems),
    cycle: teams.map((tm) => tm.model.cycle).find((c) => c) ?? null,
  };
}

function companyPlan(close: CloseResult, teams: TeamBook[], settings: Settings): WorkbookPlan {
  const lang = settings.lang;
  const source = new Map<string, TeamBook>();
  for (const tm of teams) for (const o of tm.model.objectives) if (!source.has(o.id)) source.set(o.id, tm);

  const sc = emptySheetPlan(t(text.scorecardSheet, lang));
  sc.create = {};
  sc.replaceAll = true;
  const cardRows = close.scorecard as PlanCell[][];
  const width = cardRows[0].length;
  sc.writes.push({ row: 0, col: 0, cells: cardRows });
  // 'Average score' and 'With aligned' are the 7th and 8th columns of core's scorecard table.
  sc.numberFormats.push({ row: 1, col: 6, formats: cardRows.slice(1).map(() => ['0%', '0%']) });
  sc.freezeRows = 1;
  sc.header = { range: { row: 0, col: 0, rows: 1, cols: width }, bold: true, fill: '#1f4e78', fontColor: '#ffffff' };

  const ob = emptySheetPlan(t(text.objectivesSheet, lang));
  ob.create = { after: sc.sheet };
  ob.replaceAll = true;
  const header = t(text.objectivesHeader, lang).split('|');
  const rows: PlanCell[][] = close.objectives.map((o) => {
    const tm = source.get(o.id);
    return [
      tm ? path.basename(tm.file) : null,
      tm ? tm.sheet : null,
      o.id,
      o.title,
      o.owner,
      o.level,
      o.alignedTo,
      o.score,
      o.rolledUp,
      t(STATUS_LABELS[o.status], lang),
      o.krs,
      o.children.join(', ') || null,
    ];
  });
  ob.writes.push({ row: 0, col: 0, cells: [header, ...rows] });
  if (rows.length) ob.numberFormats.push({ row: 1, col: 7, formats: rows.map(() => ['0%', '0%']) });
  ob.freezeRows = 1;
  ob.header = { range: { row: 0, col: 0, rows: 1, cols: header.length }, bold: true, fill: '#1f4e78', fontColor: '#ffffff' };
  ob.columnWidths = [{ col: 3, width: 320 }];
  return { sheets: [sc, ob], activate: sc.sheet };
}

export async function rollupWorkbooks(args: CliArgs, io: CliIo, base: Settings): Promise<number> {
  const lang = args.lang;
  const settings = portable(base);
  if (args.files.length === 0) throw new UsageError(cliText.needFile);
  if (!args.out) throw new UsageError(cliText.rollupNeedsOut);
  if (args.inPlace) throw new UsageError(cliText.inPlaceAndOut);
  if (args.files.some((f) => path.resolve(f) === path.resolve(args.out!))) throw new UsageError(cliText.outIsInput);
  const note = (m: Msg) => !args.quiet && io.err(t(m, lang));
  const teams: TeamBook[] = [];
  for (let i = 0; i < args.files.length; i++) {
    const file = args.files[i];
    note(cliText.progressFile(i + 1, args.files.length, file));
    teams.push(readTeam(await openWorkbook(file), file, settings, args));
  }
  const close = closeCycle(mergeModels(teams), { settings, today: args.today, cycle: args.cycle });

  const linked = close.objectives.reduce((n, o) => n + o.children.length, 0);
  const childIds = new Set(close.objectives.flatMap((o) => o.children));
  const unresolved = close.objectives.filter((o) => o.alignedTo && !childIds.has(o.id));
  const unresolvedMsgs = unresolved.map((o) => {
    const tm = teams.find((x) => x.model.objectives.some((m) => m.id === o.id));
    return text.unresolved(o.id, o.alignedTo!, tm ? path.basename(tm.file) : '?');
  });

  const out = new ExcelJS.Workbook();
  const { warnings } = applyPlan(out, companyPlan(close, teams, settings));
  note(cliText.writing(args.out));
  await saveWorkbook(out, args.out);

  const all = teams.reduce((n, tm) => n + tm.model.objectives.length, 0);
  if (all > close.objectives.length) unresolvedMsgs.unshift(text.otherCycles(all - close.objectives.length, close.cycle));
  const findings = teams.flatMap((tm) => tm.findings);
  const counts = countBySeverity(findings);
  const code = counts.error > 0 ? 1 : 0;
  const avg = close.total.average === null ? '-' : `${Math.round(close.total.average * 100)}%`;
  const summary = text.summary(teams.length, close.objectives.length, close.krs.length, linked, unresolved.length, avg);
  if (args.json) {
    io.out(
      JSON.stringify(
        {
          ok: true,
          command: 'rollup',
          files: teams.map((tm) => ({ file: tm.file, sheet: tm.sheet, objectives: tm.model.objectives.length })),
          output: args.out,
          cycle: close.cycle,
          summary,
          total: close.total,
          objectives: close.objectives,
          unresolved: unresolvedMsgs,
          findings,
          counts,
          warnings,
          exitCode: code,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(t(summary, lang));
    for (const m of [...unresolvedMsgs, ...warnings]) io.out(t(m, lang));
    io.out('');
    io.out(findingsTable(findings, lang));
    io.out(t(cliText.wrote(args.out), lang));
  }
  return code;
}
