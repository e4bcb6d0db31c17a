/**
 * "How I read your sheet" as the commands hand it over: the reader's LayoutReading (model.reading) in a command's
 * details, and the cells it could not place as one sentence for a command's summary (nothing is skipped silently).
 * The panel and the command line show the full list from the details.
 */
import { msg, type Msg } from './i18n';
import type { LayoutReading, OkrModel, RowRole } from './model';
import { a1 } from './sheet-plan';
import { plural } from './plan-grid';

/** Unplaced cells named in a summary sentence; the rest are counted. */
const NAMED_IN_SUMMARY = 5;
const QUOTED_CHARS = 40;

/** The reading for a command's details, with the sheet it is about (absent when the reader gave none). */
export function readingDetails(model: OkrModel): { reading?: LayoutReading; readingSheet?: string } {
  return model.reading ? { reading: model.reading, readingSheet: model.sheet } : {};
}

const quoted = (text: string): string => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > QUOTED_CHARS ? `${one.slice(0, QUOTED_CHARS - 1)}…` : one;
};

/** 'Not placed: 2 cells: A7 “Team dinner”, B9 “…”.' or null when everything found a place. */
export function unplacedSentence(reading: LayoutReading | undefined): Msg | null {
  const list = reading?.unplaced ?? [];
  if (!list.length) return null;
  const named = list.slice(0, NAMED_IN_SUMMARY).map((u) => `${a1(u.cell.row, u.cell.col)} “${quoted(u.text)}”`);
  const more = list.length - named.length;
  return msg(
    `${list.length === 1 ? '1 cell was' : `${list.length} cells were`} not placed in the grid: ${named.join(', ')}${more ? `, and ${more} more` : ''}. They are listed under "How I read your sheet".`,
    `有 ${list.length} 个单元格未能放入表格：${named.join('、')}${more ? `，另有 ${more} 个` : ''}。详见“我如何读取您的表格”。`,
  );
}

/** A summary followed by the unplaced sentence, when there is one. */
export function withUnplaced(summary: Msg, reading: LayoutReading | undefined): Msg {
  const extra = unplacedSentence(reading);
  return extra ? msg(`${summary.en} ${extra.en}`, `${summary.zh}${extra.zh}`) : summary;
}

/** How many rows the reader gave each role (objective+kr rows count for both; unplaced rows only as unplaced). */
export function roleCounts(reading: LayoutReading): Record<'objectives' | 'krs' | 'initiatives' | 'other', number> {
  const out = { objectives: 0, krs: 0, initiatives: 0, other: 0 };
  const add: Record<RowRole, (keyof typeof out)[]> = {
    objective: ['objectives'],
    kr: ['krs'],
    'objective+kr': ['objectives', 'krs'],
    initiative: ['initiatives'],
    header: [],
    title: ['other'],
    note: ['other'],
    blank: [],
  };
  // A note row nothing could take is counted once, as "not placed", not also as a note.
  const unplacedRows = new Set(reading.unplaced.map((u) => u.cell.row));
  for (const r of reading.rows) {
    if (r.role === 'note' && unplacedRows.has(r.row)) continue;
    for (const k of add[r.role] ?? []) out[k]++;
  }
  return out;
}

export type RoleCounts = ReturnType<typeof roleCounts>;

/** '2 objectives · 7 key results · 0 initiatives · 1 title or note · 1 not placed' (unplaced left out when null). */
export function countsText(c: RoleCounts, unplaced: number | null): Msg {
  const en = [
    plural(c.objectives, 'objective'),
    plural(c.krs, 'key result'),
    plural(c.initiatives, 'initiative'),
    plural(c.other, 'title or note', 'titles and notes'),
  ];
  const zh = [`${c.objectives} 个目标`, `${c.krs} 个关键结果`, `${c.initiatives} 个举措`, `${c.other} 个标题和备注`];
  if (unplaced !== null) {
    en.push(`${unplaced} not placed`);
    zh.push(`${unplaced} 个未放置`);
  }
  return msg(en.join(' · '), zh.join('，'));
}
