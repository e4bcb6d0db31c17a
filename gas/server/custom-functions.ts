/** Sheets custom functions: core computes, Sheets gets a scalar (errors thrown as their message) or a 2D array. */
import {
  fnOkrPace,
  fnOkrScore,
  fnOkrStatus,
  fnRollup,
  toSheetsOutput,
  type FunctionContext,
} from '../../core/functions';

type Out = string | number | (string | number)[][];

function context(): FunctionContext {
  try {
    return { today: Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'yyyy-MM-dd') };
  } catch {
    return {};
  }
}

export function okrScore(current: unknown, target: unknown, start?: unknown, kind?: unknown): Out {
  return toSheetsOutput(fnOkrScore(current, target, start, kind));
}

export function rollupFn(scores: unknown, weights?: unknown): Out {
  return toSheetsOutput(fnRollup(scores, weights));
}

export function okrStatus(
  score: unknown,
  type?: unknown,
  red?: unknown,
  yellow?: unknown,
  lang?: unknown,
  expected?: unknown,
  atRiskPoints?: unknown,
): Out {
  return toSheetsOutput(fnOkrStatus(score, type, red, yellow, lang, expected, atRiskPoints, context()));
}

export function okrPace(
  score: unknown,
  cycleStart: unknown,
  due: unknown,
  today?: unknown,
  atRiskPoints?: unknown,
  lang?: unknown,
): Out {
  return toSheetsOutput(fnOkrPace(score, cycleStart, due, today, atRiskPoints, lang, context()));
}
