/**
 * One company scorecard from several teams' OKR models (e.g. one per workbook), along their "aligned to" links:
 * the models are merged, closed together (close.ts links objectives across teams), and planned as two owned sheets.
 */
import { closeCycle, type CloseResult } from './close';
import { msg, t } from './i18n';
import type { OkrModel } from './model';
import { STATUS_LABELS } from './score';
import type { Settings } from './settings';
import { emptySheetPlan, type PlanCell, type WorkbookPlan } from './sheet-plan';

export interface Team {
  /** How the team is named in the output, e.g. its workbook's file name. */
  name: string;
  sheet: string;
  model: OkrModel;
}

const TEXT = {
  scorecardSheet: msg('Company scorecard', '公司记分卡'),
  objectivesSheet: msg('Objectives', '目标'),
  objectivesHeader: msg(
    'Workbook|Sheet|ID|Objective|Owner|Level|Aligned to|Score|With aligned|Status|Key results|Aligned below',
    '工作簿|工作表|编号|目标|负责人|层级|对齐到|得分|含对齐汇总|状态|关键结果数|下级对齐',
  ),
};

/** All teams' objectives in one model; each objective keeps the cycle it had in its own team's sheet. */
export function mergeModels(teams: Team[]): OkrModel {
  const first = teams[0].model;
  return {
    ...first,
    sheet: '',
    objectives: teams.flatMap((tm) => tm.model.objectives.map((o) => ({ ...o, cycle: o.cycle ?? tm.model.cycle }))),
    problems: teams.flatMap((tm) => tm.model.problems),
    cycle: teams.map((tm) => tm.model.cycle).find((c) => c) ?? null,
  };
}

/** The team an objective came from (the first team holding its id). */
export function teamOf(teams: Team[], objectiveId: string): Team | undefined {
  return teams.find((tm) => tm.model.objectives.some((o) => o.id === objectiveId));
}

export function planCompanyRollup(
  teams: Team[],
  opts: { settings: Settings; today: string; cycle?: string },
): { close: CloseResult; plan: WorkbookPlan } {
  const { settings } = opts;
  const lang = settings.lang;
  const close = closeCycle(mergeModels(teams), { settings, today: opts.today, cycle: opts.cycle });

  const sc = emptySheetPlan(t(TEXT.scorecardSheet, lang));
  sc.create = {};
  sc.replaceAll = true;
  const cardRows = close.scorecard as PlanCell[][];
  const width = cardRows[0].length;
  sc.writes.push({ row: 0, col: 0, cells: cardRows });
  // 'Average score' and 'With aligned' are the 7th and 8th columns of the scorecard table (close.ts).
  sc.numberFormats.push({ row: 1, col: 6, formats: cardRows.slice(1).map(() => ['0%', '0%']) });
  sc.freezeRows = 1;
  sc.header = { range: { row: 0, col: 0, rows: 1, cols: width }, bold: true, fill: '#1f4e78', fontColor: '#ffffff' };

  const ob = emptySheetPlan(t(TEXT.objectivesSheet, lang));
  ob.create = { after: sc.sheet };
  ob.replaceAll = true;
  const header = t(TEXT.objectivesHeader, lang).split('|');
  const rows: PlanCell[][] = close.objectives.map((o) => {
    const tm = teamOf(teams, o.id);
    return [
      tm ? tm.name : null,
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
  ob.header = {
    range: { row: 0, col: 0, rows: 1, cols: header.length },
    bold: true,
    fill: '#1f4e78',
    fontColor: '#ffffff',
  };
  ob.columnWidths = [{ col: 3, width: 320 }];
  return { close, plan: { sheets: [sc, ob], activate: sc.sheet } };
}
