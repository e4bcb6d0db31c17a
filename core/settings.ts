import type { Lang } from './i18n';
import type { Field } from './model';
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
    cycle: typeof p.cycle === 'string' && p.cycle.trim() ? p.cycle.trim() : null,
    formulaMode: p.formulaMode === 'portable' ? 'portable' : 'addin',
    columnRoles: columnRolesOf(p.columnRoles),
    headerRow: Number.isInteger(p.headerRow) && p.headerRow >= 0 && p.headerRow < 1e6 ? p.headerRow : null,
  };
}

const FIELD_NAMES: ReadonlySet<string> = new Set<Field>([
  'id', 'cycle', 'level', 'owner', 'objective', 'kr', 'initiative', 'type', 'kind', 'start', 'target', 'current',
  'unit', 'weight', 'due', 'confidence', 'alignedTo', 'notes', 'updated', 'score', 'status',
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
    if (key === normalizeHeader(field) || key === normalizeHeader(label.en) || key === normalizeHeader(label.zh)) return field as Field;
  }
  return null;
}
