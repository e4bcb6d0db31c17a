/** Every text of the panel UI, in both languages. */
import { msg, type Msg } from '../core/i18n';

export const PANEL_TEXT = {
  title: msg('OKR Grid', 'OKR 表格'),
  subtitle: msg('Objectives and key results in your sheet', '在表格里管理目标与关键结果'),
  summaryTitle: msg('Summary', '概览'),
  objectives: msg('Objectives', '目标'),
  krs: msg('Key results', '关键结果'),
  averageScore: msg('Average score', '平均得分'),
  red: msg('Red', '红'),
  yellow: msg('Yellow', '黄'),
  green: msg('Green', '绿'),
  noData: msg('Not an OKR grid yet: click Convert.', '还不是 OKR 表格：请点击“转换”。'),
  actions: msg('Actions', '操作'),
  convert: msg('Convert', '转换'),
  convertTip: msg('Turn this sheet into an OKR grid', '把当前工作表转换为 OKR 表格'),
  validate: msg('Validate', '检查'),
  validateTip: msg('Highlight cells that break the OKR rules', '高亮不符合 OKR 规则的单元格'),
  clear: msg('Clear highlights', '清除高亮'),
  clearTip: msg('Restore the formatting you had before', '恢复原来的格式'),
  score: msg('Score quarter', '季度评分'),
  scoreTip: msg('Write scores, the scorecard and history', '写入得分、记分卡和历史记录'),
  checkin: msg('Check in', '记录进展'),
  checkinTip: msg(
    "Record today's values and confidence in the check-in log, and refresh the dashboard",
    '把今天的数值和信心记入进展记录，并刷新仪表板',
  ),
  rollForward: msg('Start next quarter', '开始下一季度'),
  rollForwardTip: msg('Carry unfinished OKRs into the next cycle', '把未完成的 OKR 带入下一周期'),
  working: msg('Working…', '处理中…'),
  findingsTitle: msg('Findings', '检查结果'),
  findingsNone: msg('No findings. Click Validate to check the sheet.', '暂无检查结果。点击“检查”来检查表格。'),
  findingsClean: msg('No problems found.', '没有发现问题。'),
  findingsMore: msg('more not shown', '条未显示'),
  error: msg('Error', '错误'),
  warning: msg('Warning', '警告'),
  info: msg('Note', '提示'),
  settingsTitle: msg('Settings', '设置'),
  objectivesPerOwner: msg('Objectives per owner (max)', '每人目标数（上限）'),
  krsPerObjective: msg('Key results per objective (max)', '每个目标的关键结果数（上限）'),
  staleDays: msg('Flag KRs not updated for (days)', '超过多少天未更新即提醒'),
  bandRed: msg('Red below (0–1)', '低于此分为红（0–1）'),
  bandYellow: msg('Yellow below (0–1)', '低于此分为黄（0–1）'),
  language: msg('Language', '语言'),
  langAuto: msg('Automatic', '自动'),
  formulaMode: msg('Score formulas in the sheet', '表格中的评分公式'),
  formulaAddin: msg('Add-in functions (=OKRSCORE)', '加载项函数（=OKRSCORE）'),
  formulaPortable: msg('Portable: work without the add-in', '通用公式：无需加载项即可计算'),
  cycle: msg('Cycle (e.g. 2026-Q4; empty = from the sheet)', '周期（如 2026-Q4；留空则从表格读取）'),
  save: msg('Save settings', '保存设置'),
  saved: msg('Settings saved.', '设置已保存。'),
  badNumber: msg('must be a whole number of 0 or more', '必须是不小于 0 的整数'),
  badBand: msg('must be a number from 0 to 1', '必须是 0 到 1 之间的数字'),
  badBands: msg('Red must not be above yellow.', '红色阈值不能高于黄色阈值。'),
  badCycle: msg('Cycle must look like 2026-Q4, 2026-10 or 2026.', '周期格式应为 2026-Q4、2026-10 或 2026。'),
  failed: msg('Something went wrong:', '出错了：'),
} as const;

/** Under the summary when the sheet holds other cycles than the one counted (a Viva Goals export: annual and Q3). */
/** Under the average card: KRs left out of the average because they cannot be scored (an unreadable value). */
export function unscoredNote(n: number): Msg {
  return msg(`over the scored key results; ${n} could not be scored`, `按已评分的关键结果计；${n} 个无法评分`);
}

export function otherCyclesNote(cycle: string, others: string[]): Msg {
  return msg(
    `Counts for ${cycle} only; the sheet also holds ${others.join(', ')}. To see another cycle, set it in Settings.`,
    `以上仅统计 ${cycle}；本表还有 ${others.join('、')}。要查看其他周期，请在“设置”中填写周期。`,
  );
}
