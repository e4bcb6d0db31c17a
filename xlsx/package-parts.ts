/**
 * What a workbook file holds beyond cells, counted from its zip directory: the parts ExcelJS may not carry over
 * (macros, charts, pivot tables, images, drawings) and the Excel add-in's part (web-extensions.ts puts it back). The
 * command line compares the input with the file written, so it knows exactly what a write would lose: it refuses to
 * overwrite the input then, and warns for a new file.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { msg, type Msg } from '../core/i18n';
import { zipEntries } from './zip-directory';

export type PartKind = 'macros' | 'charts' | 'pivots' | 'images' | 'drawings' | 'addins';
export type PartCounts = Record<PartKind, number>;

const KIND_OF: [PartKind, RegExp][] = [
  ['macros', /^xl\/vbaProject\.bin$/i],
  ['charts', /^xl\/charts\/chart[^/]*\.xml$/i],
  ['pivots', /^xl\/pivotTables\/[^/]+\.xml$/i],
  ['images', /^xl\/media\/[^/]+$/i],
  ['drawings', /^xl\/drawings\/[^/]+\.xml$/i],
  ['addins', /^xl\/webextensions\/webextension[^/]*\.xml$/i],
];

const NAMES: Record<PartKind, Msg> = {
  macros: msg('macros (VBA)', '宏（VBA）'),
  charts: msg('charts', '图表'),
  pivots: msg('pivot tables', '数据透视表'),
  images: msg('images', '图片'),
  drawings: msg('drawings and shapes', '绘图和形状'),
  addins: msg('Excel add-in parts (with their document settings)', 'Excel 加载项部件（及其文档设置）'),
};

/** Parts per kind in an .xlsx/.xlsm package (zip directory only: nothing is decompressed). */
export async function partsOf(buf: Buffer): Promise<PartCounts> {
  const counts: PartCounts = { macros: 0, charts: 0, pivots: 0, images: 0, drawings: 0, addins: 0 };
  for (const { name } of zipEntries(buf) ?? []) {
    for (const [kind, re] of KIND_OF) if (re.test(name)) counts[kind]++;
  }
  return counts;
}

/** Kinds the output holds fewer of than the input. */
export function lostParts(input: PartCounts, output: PartCounts): PartKind[] {
  return (Object.keys(input) as PartKind[]).filter((k) => output[k] < input[k]);
}

const list = (kinds: PartKind[]) => ({
  en: kinds.map((k) => NAMES[k].en).join(', '),
  zh: kinds.map((k) => NAMES[k].zh).join('、'),
});

export const partsText = {
  refuseInPlace: (file: string, kinds: PartKind[]) => {
    const l = list(kinds);
    return msg(
      `${file} was not overwritten: it holds ${l.en}, which this tool cannot keep. Write a new file with -o (the original stays as it is).`,
      `未覆盖 ${file}：其中的${l.zh}本工具无法保留。请用 -o 写入新文件（原文件保持不变）。`,
    );
  },
  droppedInNew: (file: string, kinds: PartKind[]) => {
    const l = list(kinds);
    return msg(
      `${file} does not have the input's ${l.en} (this tool cannot keep them); the input file still has them.`,
      `${file} 中没有输入文件的${l.zh}（本工具无法保留）；输入文件中仍然保留。`,
    );
  },
  wrongExtension: (file: string) =>
    msg(
      `${file}: the file written is an .xlsx workbook (macro-free); give it the .xlsx extension (Excel refuses .xlsx content under .xlsm).`,
      `${file}：写出的是 .xlsx 工作簿（不含宏），扩展名必须是 .xlsx（Excel 拒绝打开扩展名为 .xlsm 的 .xlsx 内容）。`,
    ),
};

/** The command line writes .xlsx content only: any other extension would misname it. */
export function hasXlsxExtension(file: string): boolean {
  return path.extname(file).toLowerCase() === '.xlsx';
}

export async function partsOfFile(file: string): Promise<PartCounts> {
  return partsOf(await fs.readFile(file));
}
