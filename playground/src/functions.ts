/**
 * The add-in's custom functions as the playground's formula engine sees them: Excel's names (namespace OKR) bound to
 * core/functions.ts, the same logic excel-addin/functions/functions.ts wraps for Excel. Omitted optional arguments
 * arrive as null, as in Excel.
 */
import { fnOkrPace, fnOkrScore, fnOkrStatus, fnRollup, type FunctionContext } from '../../core/functions';
import type { EngineFunction } from './engine';

export function okrFunctions(context: () => FunctionContext): Record<string, EngineFunction> {
  return {
    'OKR.OKRSCORE': (current, target, start, kind) => fnOkrScore(current, target, start, kind),
    'OKR.ROLLUP': (scores, weights) => fnRollup(scores, weights),
    'OKR.OKRSTATUS': (score, type, red, yellow, lang) => fnOkrStatus(score, type, red, yellow, lang, context()),
    'OKR.OKRPACE': (score, cycleStart, due, today, atRisk, lang) => fnOkrPace(score, cycleStart, due, today, atRisk, lang, context()),
  };
}
