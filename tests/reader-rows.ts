/**
 * How the reader tests write a sheet and read it: one line per row (an outline pasted in column A) or rows as given,
 * read as the corpus reads (default settings, the corpus's today).
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import type { KeyResult, OkrModel } from '../core/model';

/** A text pasted one line per row in column A (a leading newline dropped). */
export const lines = (text: string): string[][] =>
  text
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => [l]);

export const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });

/** Every KR of the reading, in sheet order. */
export const krs = (m: OkrModel): KeyResult[] => m.objectives.flatMap((o) => o.krs);
