/**
 * Task tables people keep beside or under their key results (`# | 任务 | 类型 | 状态`, `Task | Owner | Due | Status`,
 * `KR | Action | Owner`): each row is a piece of work, an initiative of the KR it names or follows, not a KR. This module
 * only recognises such a table's header and the KR a row names; parse-sheet.ts decides whose initiatives the rows are.
 */
import { matchHeader, normalizeHeader } from './headers';
import type { Field, KeyResult, Objective } from './model';
import type { Msg } from './i18n';
import { isBlank } from './values';

/** The columns of a task table: its tasks, the KR each task names (if a column says), its row numbers (`#`). */
export interface TaskColumns {
  task: number;
  kr: number | null;
  index: number | null;
  /** The header's last filled column: a row filling a cell right of it is a row of a wider table (the KR table). */
  last: number;
}

/** Header words of a column of work beside the initiative words of headers.ts (`Task`, `任务`, `Actions`, `举措`...). */
const TASK_WORDS =
  /^(?:deliverables?|to-?dos?|action\s*items?|next\s*steps|work\s*items?|交付物|交付成果|待办|待办事项|工作项|(?:工作|重点|计划)?事项|アクション|アクション項目|タスク|施策)$/i;

/** A column naming the KR each task serves (`对应 KR`, `关联KR`, `Related KR`, `KR #`): the task's KR. */
const KR_REFERENCE =
  /^(?:(?:对应|关联|支撑|支持|服务|相关|对齐)\s*(?:kr|关键结果)|(?:related|linked|supported|target(?:ed)?)\s+krs?|for\s+kr|kr\s*#)$/i;

/** Fields a task's other columns may name: who, when, what state. A target or a current value makes it a KR table. */
const BESIDE_TASKS: ReadonlySet<Field> = new Set<Field>([
  'id',
  'owner',
  'due',
  'status',
  'type',
  'notes',
  'level',
  'cycle',
  'weight',
  'confidence',
  'updated',
]);

/** A row-number column (`#`, `No.`, `序号`). */
const INDEX_HEADER = /^(?:#|no\.?|nr\.?|序号|编号|番号)$/i;

/** A header cell: a few words, no colon (a label with its text is data), no number. */
const HEADER_CELL = /^[^:：\d\n]{1,24}$/;

/** A word naming the work; a letter alone (`E`, the Chinese seed's execution label) labels a line, no column. */
function isTaskWord(text: string): boolean {
  return (text.length > 1 && matchHeader(text) === 'initiative') || TASK_WORDS.test(text);
}

/**
 * A row heading a table of tasks: two or more header cells, one naming the work (a task word), the others naming who /
 * when / what state or nothing this reader knows, at most one naming the KR each task is for; none naming an
 * objective, a target, a current value or a score (such a row heads another KR table). Its columns, or null.
 */
export function taskHeader(row: unknown[]): TaskColumns | null {
  let task = -1;
  let kr: number | null = null;
  let index: number | null = null;
  let cells = 0;
  let last = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') return null;
    const text = v.trim();
    cells++;
    last = c;
    if (INDEX_HEADER.test(text)) {
      index ??= c;
      continue;
    }
    if (!HEADER_CELL.test(text)) return null;
    if (task < 0 && isTaskWord(text)) {
      task = c;
      continue;
    }
    const f = KR_REFERENCE.test(text) ? 'kr' : matchHeader(text);
    if (f === 'kr' && kr === null) kr = c;
    else if (f !== null && !BESIDE_TASKS.has(f)) return null;
  }
  return task >= 0 && cells >= 2 ? { task, kr, index, last } : null;
}

/** `KR1`, `KR 2`, `KR1.2`, `KR-3`, `关键结果2`, `KR2: Ship v2` (the label before the KR's words). */
const KR_LABEL =
  /^\s*(?:kr|key\s*result|关键结果|关键成果)\s*[-#]?\s*([0-9]{1,2})(?:\s*[.-]\s*([0-9]{1,2}))?(?![0-9])/i;

/**
 * The KR a task row names in its KR column: by its label (`KR2` is the objective's second KR; `KR1.2` the first
 * objective's second) or by its title. Null when the cell names none of the KRs read.
 */
export function namedKr(text: string, obj: Objective, objectives: readonly Objective[]): KeyResult | null {
  const m = KR_LABEL.exec(text);
  if (m) {
    const owner = m[2] ? objectives[Number(m[1]) - 1] : obj;
    const kr = owner?.krs[Number(m[2] ?? m[1]) - 1];
    if (kr) return kr;
  }
  const key = normalizeHeader(text);
  if (!key) return null;
  for (const o of [obj, ...objectives]) for (const k of o.krs) if (normalizeHeader(k.title) === key) return k;
  return null;
}

export const TASK_CELL: Msg = {
  en: "a cell of a task's row (its number, type, state, owner): kept in the sheet beside the task, not in the grid",
  zh: '任务行中的单元格（序号、类型、状态、负责人）：保留在原表中任务旁边，未放入新表',
};
export const TASK_KR_UNKNOWN: Msg = {
  en: 'names no key result read above: the task is listed under the objective, this cell kept in the sheet',
  zh: '未指向上面读到的任何关键结果：该任务归入目标，此单元格保留在原表中',
};
