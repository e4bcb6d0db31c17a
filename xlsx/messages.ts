/** What the command line says, in both languages. Core's own summaries and findings come with their own Msg. */
import { msg, type Msg } from '../core/i18n';
import { FIELD_LABELS } from '../core/headers';

export type FileProblem =
  'missing' | 'unreadable' | 'empty' | 'encrypted' | 'legacyXls' | 'notXlsx' | 'corrupt' | 'noSheets';

export const fileProblem: Record<FileProblem, (file: string, detail?: string) => Msg> = {
  missing: (f) => msg(`File not found: ${f}`, `找不到文件：${f}`),
  unreadable: (f, d) => msg(`Cannot read ${f}${d ? ` (${d})` : ''}.`, `无法读取 ${f}${d ? `（${d}）` : ''}。`),
  empty: (f) => msg(`${f} is empty (0 bytes): not an Excel workbook.`, `${f} 是空文件（0 字节），不是 Excel 工作簿。`),
  encrypted: (f) =>
    msg(
      `${f} is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save, and run again.`,
      `${f} 设置了打开密码。请在 Excel 中打开它，取消密码（文件 > 信息 > 保护工作簿 > 用密码进行加密），保存后再运行。`,
    ),
  legacyXls: (f) =>
    msg(
      `${f} is an old-format .xls workbook. Save it as .xlsx (Excel Workbook) and run again.`,
      `${f} 是旧版 .xls 工作簿。请另存为 .xlsx（Excel 工作簿）后再运行。`,
    ),
  notXlsx: (f) =>
    msg(
      `${f} is not an .xlsx workbook (CSV, text and other files are not read). Save it as .xlsx and run again.`,
      `${f} 不是 .xlsx 工作簿（不读取 CSV、文本等文件）。请另存为 .xlsx 后再运行。`,
    ),
  corrupt: (f, d) =>
    msg(
      `${f} looks damaged and could not be opened${d ? ` (${d})` : ''}. Open and re-save it in Excel, or use a backup.`,
      `${f} 似乎已损坏，无法打开${d ? `（${d}）` : ''}。请在 Excel 中打开并重新保存，或使用备份。`,
    ),
  noSheets: (f) => msg(`${f} has no worksheets.`, `${f} 中没有工作表。`),
};

/**
 * A workbook whose cells need more memory than this process has (checked before it is loaded). Sizes in MB;
 * `growTo`: a heap size the machine could give (suggested as NODE_OPTIONS), null when its memory is too small.
 */
export const tooLargeText = (file: string, cellsMb: number, needMb: number, limitMb: number, growTo: number | null) =>
  msg(
    `${file} is too large for the memory this command can use: its sheets hold ${cellsMb} MB of cell data, which needs about ${needMb} MB; this process can use ${limitMb} MB. Nothing was read or written. Split the workbook (one sheet or one team per file)${growTo ? `, or give Node more memory: NODE_OPTIONS=--max-old-space-size=${growTo} okr-grid ...` : '.'}`,
    `${file} 太大，超出本命令可用的内存：其工作表含 ${cellsMb} MB 单元格数据，约需 ${needMb} MB 内存；本进程只能使用 ${limitMb} MB。未读取、未写入任何内容。请拆分工作簿（每个文件一张工作表或一个团队）${growTo ? `，或给 Node 更多内存：NODE_OPTIONS=--max-old-space-size=${growTo} okr-grid ...` : '。'}`,
  );

export class XlsxFileError extends Error {
  constructor(
    /** losesParts: writing would drop macros, charts... of the file it replaces; tooLarge: see tooLargeText. */
    readonly problem: FileProblem | 'losesParts' | 'tooLarge',
    readonly text: Msg,
  ) {
    super(text.en);
  }
}

/** Bad command-line usage (exit 2), with its message in both languages. */
export class UsageError extends Error {
  constructor(readonly text: Msg) {
    super(text.en);
  }
}

/** The role words --columns accepts (field codes; their labels in either language work too). */
const ROLE_LIST = [...Object.keys(FIELD_LABELS), 'ignore'].join(', ');

export const cliText = {
  usage: msg(
    `Usage:
  okr-grid convert  <file.xlsx> [options]   turn an OKR sheet into a scored grid (portable formulas)
  okr-grid validate <file.xlsx> [options]   check the sheet; writes a file only with -o or --in-place
  okr-grid score    <file.xlsx> [options]   quarter close: scores, rollups, scorecard and history sheets
  okr-grid close    <file.xlsx> [options]   same as score
  okr-grid checkin  <file.xlsx> [options]   append today's check-in (value, score, confidence, note per KR) to the log
  okr-grid rollup   <a.xlsx> <b.xlsx> ... -o company.xlsx   one company scorecard from several team workbooks

Options:
  -o, --out <file.xlsx>   where to write (default: <name>.okr.xlsx next to the input)
  --in-place              overwrite the input file (never done without this flag)
  --sheet <name>          the OKR sheet (default: the workbook's active sheet)
  --cycle <id>            the cycle, e.g. 2026-Q4 or 2026-10
  --lang <en|zh>          language of messages (default: from LANG)
  --today <yyyy-mm-dd>    the date to score against (default: today)
  --columns "<Header>=<role>,..."   read a column as a role: "Goal=target,Start Date=due,Notes=ignore"
                          (roles: ${ROLE_LIST}); saved in the file written and used by later runs
  --json                  print the result as JSON instead of a table
  -q, --quiet             no progress messages on stderr
  -h, --help              this text

Exit status: 0 done, 1 error-severity findings, 2 bad usage or an unusable file.`,
    `用法：
  okr-grid convert  <文件.xlsx> [选项]   把 OKR 表转换为带评分的表格（通用公式）
  okr-grid validate <文件.xlsx> [选项]   检查表格；仅在给出 -o 或 --in-place 时写入文件
  okr-grid score    <文件.xlsx> [选项]   季度收尾：评分、汇总、记分卡和历史记录表
  okr-grid close    <文件.xlsx> [选项]   同 score
  okr-grid checkin  <文件.xlsx> [选项]   把今天的进展（每个关键结果的数值、得分、信心、备注）追加到进展记录
  okr-grid rollup   <a.xlsx> <b.xlsx> ... -o company.xlsx   由多个团队工作簿生成一张公司记分卡

选项：
  -o, --out <文件.xlsx>   输出文件（默认：输入文件旁的 <名称>.okr.xlsx）
  --in-place              覆盖输入文件（不加此选项绝不覆盖）
  --sheet <名称>          OKR 所在工作表（默认：工作簿的活动工作表）
  --cycle <周期>          周期，例如 2026-Q4 或 2026-10
  --lang <en|zh>          提示语言（默认取自 LANG）
  --today <yyyy-mm-dd>    评分所用日期（默认：今天）
  --columns "<表头>=<角色>,..."   指定列的角色："目标=objective,Start Date=due,备注=ignore"
                          （角色：${ROLE_LIST}）；保存到写出的文件中，之后的运行沿用
  --json                  以 JSON 输出结果
  -q, --quiet             不在 stderr 显示进度
  -h, --help              显示本帮助

退出码：0 完成，1 有错误级别的问题，2 用法错误或文件无法使用。`,
  ),
  badUsage: (d: string) => msg(`Bad usage: ${d}. Run okr-grid --help.`, `用法错误：${d}。请运行 okr-grid --help。`),
  unknownCommand: (c: string) => msg(`unknown command '${c}'`, `未知命令“${c}”`),
  unknownOption: (o: string) => msg(`unknown option '${o}'`, `未知选项“${o}”`),
  missingValue: (o: string) => msg(`${o} needs a value`, `${o} 需要一个值`),
  badLang: (l: string) => msg(`--lang must be en or zh, not '${l}'`, `--lang 只能是 en 或 zh，而不是“${l}”`),
  badDate: (d: string) =>
    msg(
      `--today must be a date written yyyy-mm-dd, not '${d}'`,
      `--today 必须是 yyyy-mm-dd 格式的有效日期，而不是“${d}”`,
    ),
  needFile: msg('a workbook file is needed', '需要一个工作簿文件'),
  oneFile: msg('give exactly one workbook (use rollup for several)', '只能给一个工作簿（多个请用 rollup）'),
  rollupNeedsOut: msg('rollup needs -o <company.xlsx>', 'rollup 需要 -o <company.xlsx>'),
  inPlaceAndOut: msg('use either -o or --in-place, not both', '-o 与 --in-place 只能二选一'),
  outIsInput: msg(
    'the output is the input file; add --in-place to overwrite it',
    '输出文件就是输入文件；如需覆盖请加 --in-place',
  ),
  badColumns: (part: string) =>
    msg(
      `--columns takes "Header=role" pairs separated by commas, not '${part}' (roles: ${ROLE_LIST})`,
      `--columns 需要用逗号分隔的“表头=角色”，而不是“${part}”（角色：${ROLE_LIST}）`,
    ),
  howRead: (sheet: string) => msg(`How I read '${sheet}': `, `我如何读取“${sheet}”：`),
  headerRow: (row: number, why: string) =>
    msg(`header row ${row}${why ? ` (${why})` : ''}`, `表头在第 ${row} 行${why ? `（${why}）` : ''}`),
  outlineForm: msg('an outline, one item per line', '大纲，每行一项'),
  noLayout: msg('no OKR layout recognised', '未识别出 OKR 布局'),
  notUsed: msg('not used', '不使用'),
  found: (counts: string) => msg(`Found: ${counts}`, `找到：${counts}`),
  unplacedHead: (n: number) => msg(`Not placed in the grid (${n}):`, `未能放入表格（${n}）：`),
  noSheet: (s: string, f: string) => msg(`No sheet named '${s}' in ${f}.`, `${f} 中没有名为“${s}”的工作表。`),
  notOkr: (f: string, why: string) => msg(`${f}: no OKR sheet found. ${why}`, `${f}：没有找到 OKR 表。${why}`),
  usingSheet: (s: string) => msg(`Using sheet '${s}'.`, `使用工作表“${s}”。`),
  reading: (f: string) => msg(`Reading ${f} ...`, `正在读取 ${f} ...`),
  read: (rows: number, ms: number) => msg(`Read ${rows} rows in ${ms} ms.`, `已读取 ${rows} 行，用时 ${ms} 毫秒。`),
  running: (c: string) => msg(`Running ${c} ...`, `正在执行 ${c} ...`),
  writing: (f: string) => msg(`Writing ${f} ...`, `正在写入 ${f} ...`),
  wrote: (f: string) => msg(`Wrote ${f}`, `已写入 ${f}`),
  notWritten: msg('Nothing was written.', '未写入任何文件。'),
  applyFailed: (d: string) =>
    msg(`Could not apply the changes (${d}); nothing was written.`, `无法应用更改（${d}）；未写入任何文件。`),
  writeFailed: (f: string, d: string) =>
    msg(`Could not write ${f} (${d}); the input file is unchanged.`, `无法写入 ${f}（${d}）；输入文件未改动。`),
  noFindings: msg('No findings.', '没有发现问题。'),
  findingsCount: (e: number, w: number, i: number) =>
    msg(`${e} error(s), ${w} warning(s), ${i} note(s).`, `${e} 个错误，${w} 个警告，${i} 个提示。`),
  progressFile: (i: number, n: number, f: string) => msg(`[${i}/${n}] ${f}`, `[${i}/${n}] ${f}`),
  tableHead: {
    severity: msg('Severity', '级别'),
    cell: msg('Cell', '单元格'),
    rule: msg('Rule', '规则'),
    message: msg('Message', '说明'),
  },
  severity: { error: msg('error', '错误'), warning: msg('warning', '警告'), info: msg('note', '提示') } as Record<
    string,
    Msg
  >,
};
