/**
 * Formula text the sheet plan writes, per host and formula mode.
 *
 * 'addin' uses the custom functions (Excel: namespace OKR, `=OKR.OKRSCORE(...)`; Sheets: `=OKRSCORE(...)`).
 * 'portable' builds the same results only from functions Excel, Google Sheets and LibreOffice all share
 * (IF, AND, OR, N, LOWER, TRIM, ISNUMBER, COUNT, COUNTIF, SUMIF, AVERAGE, SUMPRODUCT, SQRT, NA), with no
 * LET and no dynamic arrays, so a workbook opened without the add-in still computes.
 *
 * References are A1 text ('G5', 'K6:K9'); the caller makes them.
 */
import type { HostKind } from './sheet-plan';
import { DEFAULT_SETTINGS, type Bands } from './settings';
import type { Lang } from './i18n';
import { STATUS_LABELS, type StatusCode } from './score';
import { COMMITMENT_VOCAB, DONE_VOCAB, KIND_VOCAB, wordKey } from './vocabulary';

export type FormulaMode = 'addin' | 'portable';

/** Cells of one KR row the score reads. start/kind null when the grid has no such column (defaults: 0, auto). */
export interface ScoreRefs {
  current: string;
  target: string;
  start: string | null;
  kind: string | null;
}

export function fnName(host: HostKind, name: string): string {
  return host === 'excel' ? `OKR.${name}` : name;
}

/**
 * Kind words the portable formula recognises: vocabulary.ts's words for these kinds (the custom function's and the
 * reader's). Anything else (blank, auto, increase/decrease words) is linear, which scores both directions right.
 */
export const PORTABLE_KIND_WORDS: { binary: string[]; above: string[]; below: string[] } = {
  binary: KIND_VOCAB.binary.map(wordKey),
  above: KIND_VOCAB.above.map(wordKey),
  below: KIND_VOCAB.below.map(wordKey),
};

/** Done / not-done words the portable binary formula reads (vocabulary.ts's), beside TRUE/FALSE and 1/0. */
export const PORTABLE_DONE_WORDS = DONE_VOCAB.done.map(wordKey);
export const PORTABLE_NOT_DONE_WORDS = DONE_VOCAB.notDone.map(wordKey);

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Each word list quoted once (the lists are constants; the score formula is built per KR row). */
const QUOTED = new WeakMap<string[], string[]>();

/** OR(x="a",x="b",...) */
const oneOf = (x: string, words: string[]) => {
  let quoted = QUOTED.get(words);
  if (!quoted) QUOTED.set(words, (quoted = words.map(q)));
  return quoted.length ? `OR(${x}=${quoted.join(`,${x}=`)})` : 'OR()';
};

/** KR score in [0,1]: blank when current, target and start are all blank; blank current with a target scores 0. */
export function scoreFormula(host: HostKind, mode: FormulaMode, r: ScoreRefs): string {
  if (mode === 'addin') {
    // One formula per KR row: plain concatenation, no argument array.
    let args = r.current + ',' + r.target;
    if (r.start || r.kind) args += ',' + (r.start ?? '""');
    if (r.kind) args += ',' + r.kind;
    return (host === 'excel' ? '=OKR.OKRSCORE(' : '=OKRSCORE(') + args + ')';
  }
  // Numbers typed as text ('40%', '1,200') read through VALUE, as the add-in's parser reads them.
  const num = (x: string) => `IF(ISNUMBER(${x}),${x},IFERROR(VALUE(${x}&""),${x}))`;
  const C = num(r.current);
  const T = num(r.target);
  const S = r.start ? `N(${num(r.start)})` : '0';
  const allBlank = r.start
    ? `AND(${r.current}="",${r.target}="",${r.start}="")`
    : `AND(${r.current}="",${r.target}="")`;
  const x = `(${C}-${S})/(${T}-${S})`;
  const cText = `LOWER(TRIM(${r.current}&""))`;
  const done = oneOf(cText, PORTABLE_DONE_WORDS);
  const notDone = oneOf(cText, PORTABLE_NOT_DONE_WORDS);
  const linear = `IF(${r.current}="",0,IF(ISNUMBER(${C}),IF(${x}<0,0,IF(${x}>1,1,${x})),IF(${done},1,IF(${notDone},0,IF(${x}<0,0,IF(${x}>1,1,${x}))))))`;
  const above = `IF(${r.current}="",0,IF(${C}>=${T},1,0))`;
  const below = `IF(${r.current}="",0,IF(${C}<=${T},1,0))`;
  const binary = `IF(${r.current}="",0,IF(ISNUMBER(${r.current}),IF(OR(${r.current}=1,${r.current}=0),${r.current},NA()),IF(${done},1,0)))`;
  if (!r.kind) return `=IF(${allBlank},"",${linear})`;
  const k = `LOWER(TRIM(${r.kind}&""))`;
  return (
    `=IF(${oneOf(k, PORTABLE_KIND_WORDS.binary)},${binary},` +
    `IF(${allBlank},"",` +
    `IF(${oneOf(k, PORTABLE_KIND_WORDS.above)},${above},` +
    `IF(${oneOf(k, PORTABLE_KIND_WORDS.below)},${below},${linear}))))`
  );
}

/**
 * Weighted mean of the scores in `scores` (blanks skipped with their weights); equal weights without `weights` or
 * when a score's weight is blank (score.ts rollup's rule). Portable: a negative weight gives #NUM! (SQRT(-1)), weights all 0 give #DIV/0!
 * (the custom function gives an error there too); weights typed as text count as 0 (the custom function parses them).
 */
export function rollupFormula(host: HostKind, mode: FormulaMode, scores: string, weights: string | null): string {
  if (mode === 'addin') return `=${fnName(host, 'ROLLUP')}(${weights ? `${scores},${weights}` : scores})`;
  const K = scores;
  // An error among the scores (a KR whose value cannot be read) makes the rollup #N/A, as ROLLUP does.
  const anyError = `SUMPRODUCT(--ISERROR(${K}))>0`;
  if (!weights) return `=IF(${anyError},NA(),IF(COUNT(${K})=0,"",AVERAGE(${K})))`;
  // Short one-column (or one-row) ranges are spelled out cell by cell: the same formula as rollupCellsFormula.
  const kc = cellsOf(K);
  const wc = cellsOf(weights);
  if (kc && wc && kc.length === wc.length) return rollupCellsFormula(kc, wc);
  const W = weights;
  return (
    `=IF(${anyError},NA(),IF(COUNT(${K})=0,"",IF(COUNTIF(${W},"<0")>0,SQRT(-1),` +
    `IF(SUMPRODUCT(ISNUMBER(${K})*(${W}=""))>0,AVERAGE(${K}),SUMPRODUCT(${K},${W})/SUMIF(${K},">=0",${W})))))`
  );
}

const RANGE = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/;

/** 'A2:A5' -> ['A2', 'A3', 'A4', 'A5'] for a one-column or one-row range of at most 50 cells; otherwise null. */
function cellsOf(range: string): string[] | null {
  const m = RANGE.exec(range);
  if (!m) return null;
  const [, c1, r1, c2, r2] = m;
  const a = Number(r1);
  const b = Number(r2);
  if (c1 === c2 && b >= a && b - a < 50) return Array.from({ length: b - a + 1 }, (_, i) => `${c1}${a + i}`);
  if (r1 === r2 && c1.length === 1 && c2.length === 1 && c2 >= c1 && c2.charCodeAt(0) - c1.charCodeAt(0) < 50) {
    return Array.from(
      { length: c2.charCodeAt(0) - c1.charCodeAt(0) + 1 },
      (_, i) => `${String.fromCharCode(c1.charCodeAt(0) + i)}${a}`,
    );
  }
  return null;
}

/**
 * Portable rollup over individual KR score cells (an objective's KRs need not be contiguous), with weights typed
 * as numbers or as text ('40%') read through VALUE. Blank scores are skipped with their weights; a blank weight
 * beside a score gives the plain mean; a negative weight gives #NUM!, weights all 0 #DIV/0!; an error score #N/A.
 */
export function rollupCellsFormula(scores: string[], weights: string[] | null): string {
  if (!scores.length) return '=""';
  const list = scores.join(',');
  const anyError = scores.map((sc) => `ISERROR(${sc})`).join('+') + '>0';
  if (!weights) return `=IF(${anyError},NA(),IF(COUNT(${list})=0,"",AVERAGE(${list})))`;
  const w = weights.map((x) => `IF(ISNUMBER(${x}),${x},IFERROR(VALUE(${x}&""),0))`);
  const missing = scores.map((sc, i) => `ISNUMBER(${sc})*(${weights[i]}="")`).join('+');
  const negative = w.map((x) => `(${x}<0)`).join('+');
  const num = scores.map((sc, i) => `IF(ISNUMBER(${sc}),${sc}*${w[i]},0)`).join('+');
  const den = scores.map((sc, i) => `IF(ISNUMBER(${sc}),${w[i]},0)`).join('+');
  return `=IF(${anyError},NA(),IF(COUNT(${list})=0,"",IF(${negative}>0,SQRT(-1),IF(${missing}>0,AVERAGE(${list}),(${num})/(${den})))))`;
}

/** The pace a status reads: the row's Pace cell (expected progress today) and the at-risk threshold in points. */
export interface PaceRef {
  expected: string;
  atRiskPoints: number;
}

/**
 * Status label (OKRSTATUS) from a score and the row's Type (committed/aspirational) expression, in `lang`. With
 * `pace`, a score is read against the expected progress while the Pace cell is below 1 (score.ts liveStatusCode).
 */
export function statusFormula(
  host: HostKind,
  mode: FormulaMode,
  score: string,
  type: string | null,
  bands: Bands,
  lang: Lang,
  pace?: PaceRef,
): string {
  const plainBands = bands.red === DEFAULT_SETTINGS.bands.red && bands.yellow === DEFAULT_SETTINGS.bands.yellow;
  if (mode === 'addin') {
    const all = !!pace;
    let args = score;
    if (all || type || !plainBands || lang !== 'en') args += ',' + (type ?? '""');
    if (all || !plainBands || lang !== 'en') args += ',' + String(bands.red) + ',' + String(bands.yellow);
    if (all || lang !== 'en') args += `,"${lang}"`;
    if (pace)
      args +=
        `,${pace.expected}` +
        (pace.atRiskPoints === DEFAULT_SETTINGS.limits.atRiskPoints ? '' : `,${pace.atRiskPoints}`);
    return (host === 'excel' ? '=OKR.OKRSTATUS(' : '=OKRSTATUS(') + args + ')';
  }
  const s = score;
  const L = (code: StatusCode) => q(STATUS_LABELS[code][lang]);
  const t = type ? `LOWER(TRIM(${type}&""))` : '""';
  const asp = type ? oneOf(t, PORTABLE_TYPE_WORDS.aspirational) : 'FALSE';
  const com = type ? oneOf(t, PORTABLE_TYPE_WORDS.committed) : 'FALSE';
  const graded =
    `IF(${s}<${bands.red},${L('rethink')},IF(${s}>=1,IF(${asp},${L('set-too-low')},${L('achieved')}),` +
    `IF(${com},${L('needs-review')},IF(${s}<${bands.yellow},${L('progressing')},${L('on-target')}))))`;
  if (!pace) return `=IF(${s}="","",${graded})`;
  const e = pace.expected;
  const limit = String(pace.atRiskPoints / 100);
  const live =
    `IF(${s}<=0,IF(${e}-${s}>${limit},${L('at-risk')},${L('not-started')}),` +
    `IF(${s}>=${e},${L('on-track')},IF(${e}-${s}<=${limit},${L('behind')},${L('at-risk')})))`;
  return `=IF(${s}="","",IF(AND(ISNUMBER(${e}),${e}<1,${s}<1),${live},${graded}))`;
}

/** DATE(y,m,d) for an ISO date (every spreadsheet reads it the same way, whatever its locale). */
export function dateLiteral(iso: string): string {
  // A plan asks for the same few dates (cycle start, deadlines) once or twice per row: each is built once.
  let lit = dateLiterals.get(iso);
  if (lit === undefined) {
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
    lit = `DATE(${y},${m},${d})`;
    if (dateLiterals.size >= 1000) dateLiterals.clear();
    dateLiterals.set(iso, lit);
  }
  return lit;
}
const dateLiterals = new Map<string, string>();

/**
 * The Pace cell: expected progress today (0-1), growing linearly from the cycle start to the due date (score.ts
 * expectedProgress), live through TODAY(); blank while the row's score is not a number. `due` is the row's Due
 * cell when it has one (used while it holds a date) and the deadline core found (`dueIso`) otherwise.
 * Native functions only: the same formula in every host and formula mode.
 */
export function paceFormula(score: string, startIso: string, due: { ref: string | null; iso: string }): string {
  const st = dateLiteral(startIso);
  const lit = dateLiteral(due.iso);
  const D = due.ref ? `IF(ISNUMBER(${due.ref}),${due.ref},${lit})` : lit;
  // Short on purpose (one per row, 10,000 rows) and without MIN/MAX (not every engine has them).
  return `=IF(ISNUMBER(${score}),IF(TODAY()>=${D},1,IF(TODAY()<=${st},0,(TODAY()-${st})/(${D}-${st}))),"")`;
}

/** Type words the portable status formula reads (vocabulary.ts's, the custom function's). */
export const PORTABLE_TYPE_WORDS = {
  aspirational: COMMITMENT_VOCAB.aspirational.map(wordKey),
  committed: COMMITMENT_VOCAB.committed.map(wordKey),
};
