/**
 * Builds OkrModel objects as plain data for the rules and close tests (independent of the sheet reader).
 * Layout of the imaginary table (0-based columns) is COLS; rows are handed out in order: an objective's own row,
 * then one row per KR. Header row 0.
 */
import type { Cycle, Field, KeyResult, Objective, OkrModel } from '../core/model';
import { makeCycle } from '../core/cycle';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';

export const COLS = {
  id: 0,
  owner: 1,
  objective: 2,
  kr: 3,
  kind: 4,
  start: 5,
  target: 6,
  current: 7,
  weight: 8,
  due: 9,
  updated: 10,
  alignedTo: 11,
  level: 12,
  type: 13,
  score: 14,
} as const satisfies Partial<Record<Field, number>>;

export const Q4: Cycle = makeCycle('quarter', 2026, 4)!;
export const Q3: Cycle = makeCycle('quarter', 2026, 3)!;
export const TODAY = '2026-11-23';

export type KrSpec = Partial<Omit<KeyResult, 'title'>> & { title: string };
export type ObjSpec = Partial<Omit<Objective, 'title' | 'krs'>> & { title: string; krs?: KrSpec[] };

let counter = 0;

export function settings(over: Partial<Settings['limits']> = {}, rest: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...rest, limits: { ...DEFAULT_SETTINGS.limits, ...over } };
}

/**
 * A KR defaults to: increase from 0 to 100, current 50, no weight/due/owner, aspirational,
 * updated 3 days before TODAY (so nothing is stale unless a test says so).
 */
export function model(objs: ObjSpec[], over: Partial<OkrModel> & { noUpdatedColumn?: boolean } = {}): OkrModel {
  let row = 1;
  const objectives: Objective[] = objs.map((o) => {
    const oRow = o.row ?? row;
    row = oRow + 1;
    const oid = o.id ?? `O-${++counter}`;
    const krs: KeyResult[] = (o.krs ?? []).map((k) => {
      const kRow = k.row ?? row;
      row = kRow + 1;
      return {
        id: k.id ?? `KR-${++counter}`,
        row: kRow,
        title: k.title,
        kind: k.kind ?? 'increase',
        start: k.start ?? 0,
        startGiven: k.startGiven ?? k.start !== undefined,
        target: k.target === undefined ? 100 : k.target,
        current: k.current === undefined ? 50 : k.current,
        unit: k.unit ?? null,
        weight: k.weight ?? null,
        due: k.due ?? null,
        confidence: k.confidence ?? null,
        owner: k.owner ?? null,
        updated: k.updated === undefined ? '2026-11-20' : k.updated,
        commitment: k.commitment ?? o.commitment ?? 'aspirational',
        objectiveId: oid,
        initiatives: k.initiatives ?? [],
        cols: k.cols ?? {},
        inferred: k.inferred ?? {},
        extra: k.extra ?? {},
      };
    });
    return {
      id: oid,
      row: oRow,
      ownRow: o.ownRow ?? true,
      title: o.title,
      level: o.level ?? null,
      owner: o.owner === undefined ? 'Alice' : o.owner,
      cycle: o.cycle === undefined ? null : o.cycle,
      commitment: o.commitment ?? 'aspirational',
      alignedTo: o.alignedTo ?? null,
      notes: o.notes ?? null,
      krs,
      cells: o.cells ?? {},
      extra: o.extra ?? {},
    };
  });
  const { noUpdatedColumn, ...rest } = over;
  const fieldCols: Partial<Record<Field, number>> = { ...COLS };
  if (noUpdatedColumn) delete fieldCols.updated;
  return {
    form: 'table',
    sheet: 'OKRs',
    headerRow: 0,
    firstRow: 1,
    lastRow: row - 1,
    columns: [],
    fieldCols,
    objectives,
    problems: [],
    cycle: Q4,
    ...rest,
  };
}

/** n objectives for one owner, each with one well-formed KR. */
export function objectives(n: number, owner: string | null = 'Alice', extra: Partial<ObjSpec> = {}): ObjSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `Objective ${i + 1} of ${owner}`,
    owner,
    krs: [{ title: `Reach ${i + 1}00 orders` }],
    ...extra,
  }));
}
