import { msg, type Lang, type Msg } from './i18n';
import type { Field } from './model';
import { parseCycle } from './cycle';
import { FIELD_LABELS, normalizeHeader } from './headers';

/** Score bands: a score below `red` is red, below `yellow` is yellow, otherwise green. */
export interface Bands {
  red: number;
  yellow: number;
}

export interface Limits {
  objectivesPerOwner: number;
  krsPerObjective: number;
  minKrsPerObjective: number;
  staleDays: number;
  /** Points (0-100) behind the expected pace before "behind" becomes "at risk". */
  atRiskPoints: number;
}

export interface Settings {
  lang: Lang;
  bands: Bands;
  limits: Limits;
  /** The cycle being worked on, e.g. '2026-Q4'; null = derive from the sheet or today. */
  cycle: string | null;
  /** 'addin' writes =OKRSCORE(...) formulas; 'portable' writes native formulas any spreadsheet can compute. */
  formulaMode: 'addin' | 'portable';
  /**
   * The user's corrections to "How I read your sheet": a column's role by its header text as shown in the sheet
   * ('Goal' -> 'target', 'Start Date' -> 'due', 'Notes' -> 'ignore'). Saved with the workbook; every command uses it.
   */
  columnRoles: Record<string, Field | 'ignore'>;
  /** 0-based sheet row the user chose as the header row; null = let the reader choose. */
  headerRow: number | null;
}

export const DEFAULT_SETTINGS: Settings = {
  lang: 'en',
  bands: { red: 0.4, yellow: 0.7 },
  limits: { objectivesPerOwner: 5, krsPerObjective: 4, minKrsPerObjective: 1, staleDays: 14, atRiskPoints: 25 },
  cycle: null,
  formulaMode: 'addin',
  columnRoles: {},
  headerRow: null,
};

/** Merge partial settings (as stored by a host) over the defaults; anything malformed falls back to the default. */
export function resolveSettings(partial: unknown): Settings {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- stored JSON of any shape; each field is checked below
  const p = (partial && typeof partial === 'object' ? partial : {}) as Record<string, any>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  const bands = p.bands ?? {};
  const limits = p.limits ?? {};
  const red = num(bands.red, DEFAULT_SETTINGS.bands.red);
  const yellow = Math.max(red, num(bands.yellow, DEFAULT_SETTINGS.bands.yellow));
  return {
    lang: p.lang === 'zh' ? 'zh' : 'en',
    bands: { red, yellow },
    limits: {
      objectivesPerOwner: num(limits.objectivesPerOwner, DEFAULT_SETTINGS.limits.objectivesPerOwner),
      krsPerObjective: num(limits.krsPerObjective, DEFAULT_SETTINGS.limits.krsPerObjective),
      minKrsPerObjective: num(limits.minKrsPerObjective, DEFAULT_SETTINGS.limits.minKrsPerObjective),
      staleDays: num(limits.staleDays, DEFAULT_SETTINGS.limits.staleDays),
      atRiskPoints: num(limits.atRiskPoints, DEFAULT_SETTINGS.limits.atRiskPoints),
    },
    cycle: cycleSetting(p.cycle),
    formulaMode: p.formulaMode === 'portable' ? 'portable' : 'addin',
    columnRoles: columnRolesOf(p.columnRoles),
    headerRow: Number.isInteger(p.headerRow) && p.headerRow >= 0 && p.headerRow < 1e6 ? p.headerRow : null,
  };
}

const FIELD_NAMES: ReadonlySet<string> = new Set<Field>([
  'id',
  'cycle',
  'level',
  'owner',
  'objective',
  'kr',
  'initiative',
  'type',
  'kind',
  'start',
  'target',
  'current',
  'unit',
  'weight',
  'due',
  'confidence',
  'alignedTo',
  'notes',
  'updated',
  'score',
  'status',
]);

/** Stored column roles, keeping only well-formed entries (header text up to 200 characters, a known role). */
function columnRolesOf(v: unknown): Record<string, Field | 'ignore'> {
  const out: Record<string, Field | 'ignore'> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, role] of Object.entries(v as Record<string, unknown>).slice(0, 200)) {
    if (!k.trim() || k.length > 200 || typeof role !== 'string') continue;
    if (role === 'ignore' || FIELD_NAMES.has(role)) out[k.trim()] = role as Field | 'ignore';
  }
  return out;
}

/** The longest cycle text read (parseCycle's limit): '2026年第四季度', 'Q4 2026', '2026-10'. */
const MAX_CYCLE_CHARS = 40;

/** A cycle setting as stored: trimmed text of at most MAX_CYCLE_CHARS characters, else null (no cycle). */
function cycleSetting(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s && s.length <= MAX_CYCLE_CHARS ? s : null;
}

/** The most a host stores for the settings (Apps Script allows 9 KB per document property). */
export const SETTINGS_MAX_CHARS = 8000;

const SETTINGS_TEXT = {
  badCycle: msg('Cycle must look like 2026-Q4, 2026-10 or 2026.', '周期格式应为 2026-Q4、2026-10 或 2026。'),
  badBands: msg(
    'Score bands must be numbers from 0 to 1, red at most yellow.',
    '分数区间必须是 0 到 1 之间的数，且红色不高于黄色。',
  ),
  badLimit: (name: string) => msg(`${name} must be a whole number of 0 or more.`, `${name} 必须是不小于 0 的整数。`),
  tooLarge: (n: number) =>
    msg(
      `The settings are too large to save (${n} characters, at most ${SETTINGS_MAX_CHARS}): remove some saved column roles.`,
      `设置过大，无法保存（${n} 个字符，最多 ${SETTINGS_MAX_CHARS} 个）：请删除部分已保存的列角色。`,
    ),
};

/**
 * What is wrong with settings about to be saved (a host's save path and the panel check with this), each problem a
 * message for the user; [] when they can be saved. resolveSettings never fails: it drops what this reports.
 */
export function settingsProblems(input: unknown): Msg[] {
  const p = (input && typeof input === 'object' ? input : {}) as {
    cycle?: unknown;
    bands?: { red?: unknown; yellow?: unknown };
    limits?: unknown;
  };
  const problems: Msg[] = [];
  const cycle = p.cycle;
  if (cycle !== null && cycle !== undefined && !(typeof cycle === 'string' && cycle.trim() === '')) {
    // A date only completes forms naming no year ('Q4'); any date will do to check the form.
    const ok =
      typeof cycle === 'string' &&
      cycle.length <= MAX_CYCLE_CHARS &&
      parseCycle(cycle, { today: '2000-01-01' }) !== null;
    if (!ok) problems.push(SETTINGS_TEXT.badCycle);
  }
  const frac = (v: unknown) => v === undefined || (typeof v === 'number' && v >= 0 && v <= 1);
  const bands = p.bands ?? {};
  if (
    !frac(bands.red) ||
    !frac(bands.yellow) ||
    (typeof bands.red === 'number' && typeof bands.yellow === 'number' && bands.red > bands.yellow)
  ) {
    problems.push(SETTINGS_TEXT.badBands);
  }
  for (const [k, v] of Object.entries((p.limits ?? {}) as Record<string, unknown>)) {
    if (k in DEFAULT_SETTINGS.limits && !(typeof v === 'number' && Number.isInteger(v) && v >= 0))
      problems.push(SETTINGS_TEXT.badLimit(k));
  }
  const size = JSON.stringify(resolveSettings(p)).length;
  if (size > SETTINGS_MAX_CHARS) problems.push(SETTINGS_TEXT.tooLarge(size));
  return problems;
}

const IGNORE_WORDS = new Set(['ignore', 'none', 'notused', '忽略', '不使用'].map(normalizeHeader));

/**
 * A column role as a person names it ('target', 'Target', 'Key Result', '目标值', 'ignore'): a field's code or its label
 * in either language (see FIELD_LABELS), or 'ignore'; null when it names no role.
 */
export function columnRoleOf(word: string): Field | 'ignore' | null {
  const key = normalizeHeader(word);
  if (!key) return null;
  if (IGNORE_WORDS.has(key)) return 'ignore';
  for (const field of FIELD_NAMES) {
    const label = FIELD_LABELS[field as Field];
    if (key === normalizeHeader(field) || key === normalizeHeader(label.en) || key === normalizeHeader(label.zh))
      return field as Field;
  }
  return null;
}

/**
 * The sheet in which the command line keeps a file's reading corrections (a very hidden sheet; cell A2 holds them as
 * JSON text). Every host reads it with the command's other sheets, so corrections made on the command line reach the
 * add-ins, and the add-ins' own document settings still come first (withSavedReading).
 */
export const SETTINGS_SHEET = 'OKR Grid settings';

/** The key of the Excel add-in's settings in the document's settings (in an .xlsx: a web-extension property). */
export const DOCUMENT_SETTINGS_KEY = 'okrGrid.settings';

/** The settings a settings sheet's cells hold (cell A2's JSON object); {} when there are none or the text is not one. */
export function settingsSheetValue(values: unknown[][] | undefined): Record<string, unknown> {
  const raw = values?.[1]?.[0];
  if (typeof raw !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The reading corrections (column roles, header row) that apply when both the document's settings (the add-in's, in
 * the workbook) and the settings sheet may hold some: the document's first, field by field; the sheet's where the
 * document has none.
 */
export function readingCorrections(
  document: Partial<Pick<Settings, 'columnRoles' | 'headerRow'>> | Record<string, unknown>,
  sheet: Record<string, unknown>,
): Pick<Settings, 'columnRoles' | 'headerRow'> {
  const doc = resolveSettings(document);
  const saved = resolveSettings(sheet);
  return {
    columnRoles: Object.keys(doc.columnRoles).length ? doc.columnRoles : saved.columnRoles,
    headerRow: doc.headerRow ?? saved.headerRow,
  };
}
