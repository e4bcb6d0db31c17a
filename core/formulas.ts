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
import { msg, type Lang, type Msg } from './i18n';
import { START_EQUALS_TARGET, STATUS_LABELS, type StatusCode } from './score';
import { COMMITMENT_VOCAB, DONE_VOCAB, KIND_VOCAB, wordKey } from './vocabulary';
import { parseMeasure, SCALE_FACTORS, SHEETS_NUMBER_PATTERN } from './values';

export type FormulaMode = 'addin' | 'portable';

/**
 * The formulas the grid gets: the setting's ('addin', 'portable'), except that Google Sheets never gets custom
 * functions in the grid. There every cell calling one is its own Apps Script execution (a 1,000-KR sheet would
 * start thousands, each "Loading..." and counted against quotas), so the 'addin' setting writes 'sheets': native
 * Sheets formulas (LET, LAMBDA, REGEXMATCH) that score like OKRSCORE, at no execution cost. 'portable' stays the
 * formulas every spreadsheet app computes. Excel batches custom functions in-process: unchanged.
 */
export type GridFormulas = FormulaMode | 'sheets';

export function gridFormulas(host: HostKind, mode: FormulaMode): GridFormulas {
  return host === 'sheets' && mode === 'addin' ? 'sheets' : mode;
}

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

/**
 * Separates the words of a list a portable formula searches (wordIn): two spaces, which no word holds and TRIM's
 * result never holds (TRIM leaves single spaces between words in Excel, Google Sheets, LibreOffice and Numbers).
 */
const WORD_SEP = '  ';

/** Excel refuses a formula holding a text constant longer than this (the others have no such limit). */
const MAX_TEXT_CONSTANT = 255;

/**
 * Each word list as the text "  w1  w2  ...  ", made once (the lists are constants; formulas are per row): one quoted
 * constant, or constants joined with & when the list is longer than Excel allows one to be, cut between words.
 */
const WORD_LISTS = new WeakMap<readonly string[], string>();

function wordList(words: readonly string[]): string {
  let list = WORD_LISTS.get(words);
  if (list === undefined) {
    if (words.some((w) => w !== wordKey(w) || !w)) throw new Error(`a word list is not in its compared form`);
    const parts: string[] = [];
    let part = WORD_SEP;
    for (const w of words) {
      if (part.length + w.length + WORD_SEP.length > MAX_TEXT_CONSTANT) {
        parts.push(part);
        part = '';
      }
      part += w + WORD_SEP;
    }
    parts.push(part);
    WORD_LISTS.set(words, (list = parts.map(q).join('&')));
  }
  return list;
}

/**
 * Whether `x`, a text made by LOWER(TRIM(...)), is one of `words`: FIND("  x  ", "  w1  w2  ...  "), the list written
 * once (OR(x="w1",x="w2",...) repeated x per word: 4,700 characters per score cell, 69 MB of formula text at 10,000
 * rows). Exact: x holds no two spaces in a row and does not start or end with one, so "  x  " is found only as a whole
 * word between two separators. FIND compares exactly (x is lower case, as the words are) and knows no wildcards,
 * unlike MATCH, SEARCH or COUNTIF, which would read * and ? typed in a cell as patterns.
 */
export function wordIn(x: string, words: readonly string[]): string {
  if (!words.length) return 'FALSE';
  return `ISNUMBER(FIND("${WORD_SEP}"&${x}&"${WORD_SEP}",${wordList(words)}))`;
}

/** An RE2 pattern matching exactly one of `words` (already in wordKey form). */
const wordsPattern = (words: readonly string[]) =>
  `^(?:${words.map((w) => w.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|')})$`;

/** KR score in [0,1]: blank when current, target and start are all blank; blank current with a target scores 0. */
export function scoreFormula(host: HostKind, mode: GridFormulas, r: ScoreRefs, lang: Lang = 'en'): string {
  if (mode === 'sheets') return sheetsScoreFormula(r, lang);
  if (mode === 'addin') {
    // One formula per KR row: plain concatenation, no argument array.
    let args = r.current + ',' + r.target;
    if (r.start || r.kind) args += ',' + (r.start ?? '""');
    if (r.kind) args += ',' + r.kind;
    return (host === 'excel' ? '=OKR.OKRSCORE(' : '=OKRSCORE(') + args + ')';
  }
  return portableScoreFormula(r);
}

/**
 * The portable KR score: native functions every spreadsheet has, each word list written once (wordIn). Numbers typed
 * as text ('40%', '1,200') read through VALUE, as the add-in's parser reads them.
 */
function portableScoreFormula(r: ScoreRefs): string {
  const num = (x: string) => `IF(ISNUMBER(${x}),${x},IFERROR(VALUE(${x}&""),${x}))`;
  const c = r.current;
  const C = num(c);
  const T = num(r.target);
  const S = r.start ? `N(${num(r.start)})` : '0';
  const allBlank = r.start ? `AND(${c}="",${r.target}="",${r.start}="")` : `AND(${c}="",${r.target}="")`;
  const cText = `LOWER(TRIM(${c}&""))`;
  // A done / not-done word in the current cell counts only when the cell does not read as a number.
  const says = (words: string[]) => `AND(NOT(ISNUMBER(${C})),${wordIn(cText, words)})`;
  // Clamped to [0, 1] with IF: fast-formula-parser (the playground's engine, the tests' fakes) has no MIN or MAX.
  const x = `(${C}-${S})/(${T}-${S})`;
  const clamped = `IF(${x}<0,0,IF(${x}>1,1,${x}))`;
  const linear = `IF(${says(PORTABLE_DONE_WORDS)},1,IF(${says(PORTABLE_NOT_DONE_WORDS)},0,${clamped}))`;
  if (!r.kind) return `=IF(${allBlank},"",IF(${c}="",0,${linear}))`;
  const binary = `IF(${c}="",0,IF(ISNUMBER(${c}),IF(OR(${c}=1,${c}=0),${c},NA()),IF(${wordIn(cText, PORTABLE_DONE_WORDS)},1,0)))`;
  const k = `LOWER(TRIM(${r.kind}&""))`;
  return (
    `=IF(${wordIn(k, PORTABLE_KIND_WORDS.binary)},${binary},IF(${allBlank},"",IF(${c}="",0,` +
    `IF(${wordIn(k, PORTABLE_KIND_WORDS.above)},IF(${C}>=${T},1,0),` +
    `IF(${wordIn(k, PORTABLE_KIND_WORDS.below)},IF(${C}<=${T},1,0),${linear})))))`
  );
}

/**
 * Weighted mean of the scores in `scores` (blanks skipped with their weights); equal weights without `weights` or
 * when a score's weight is blank (score.ts rollup's rule). Portable: a negative weight gives #NUM! (SQRT(-1)), weights all 0 give #DIV/0!
 * (the custom function gives an error there too); weights typed as text count as 0 (the custom function parses them).
 */
export function rollupFormula(host: HostKind, mode: GridFormulas, scores: string, weights: string | null): string {
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
  mode: GridFormulas,
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
  // Google Sheets reads a word list as one pattern (shorter); other apps compare word by word.
  const isOne = (x: string, words: string[]) =>
    mode === 'sheets' ? `REGEXMATCH(${x},${q(wordsPattern(words))})` : wordIn(x, words);
  const asp = type ? isOne(t, PORTABLE_TYPE_WORDS.aspirational) : 'FALSE';
  const com = type ? isOne(t, PORTABLE_TYPE_WORDS.committed) : 'FALSE';
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

// ---------------------------------------------------------------------------------------------------------------
// The grid's score in Google Sheets: native, readable, and never silently different from OKRSCORE

/** Reasons the Sheets score formula shows as its error (Sheets displays them when the cell is pointed at). */
const SHEETS_ERRORS = {
  kind: msg(
    'kind: use auto, increase, decrease, above, below or binary',
    '计分方式：请用 auto、increase、decrease、above、below 或 binary',
  ),
  number: msg(
    'is not a number this formula reads: type 35000, 3.5万, 40% or ¥1,200',
    '不是此公式能读的数字：请写成 35000、3.5万、40% 或 ¥1,200',
  ),
  measure: msg(
    'is not a number or done word this formula reads: type 35000, 3.5万, 40%, 完成 or done',
    '不是此公式能读的数字或完成状态：请写成 35000、3.5万、40%、完成 或 done',
  ),
  doneTarget: msg(
    'target is done / not done but current is a number: give a numeric target',
    '目标值是完成状态，但当前值是数字：请填写数字目标值',
  ),
  notDone: msg(
    'a milestone is done or not: use TRUE, done, 完成, 1 or FALSE, 未完成, 0',
    '里程碑只有完成与否：请用 完成/TRUE/1 或 未完成/FALSE/0',
  ),
  doneKind: msg('a done / not done value needs kind binary', '完成状态需要计分方式 binary'),
  noTarget: msg('target: blank; a key result needs a target', '目标值：为空；关键结果需要目标值'),
} satisfies Record<string, Msg>;

/**
 * An error cell whose message says why: Sheets has no function raising an error with a text of one's own, but
 * VALUE of a sentence fails with #VALUE! and quotes the sentence ("VALUE parameter '…' cannot be parsed").
 */
const sheetsError = (text: string) => `VALUE(${text})`;

/**
 * read(cell): what a current / target / start cell says, as the native formula reads it: a number (numbers, and text
 * SHEETS_NUMBER_PATTERN matches, read as parseNumber reads it), "" (blank), TRUE / FALSE (a done / not-done word of
 * vocabulary.ts), or "?" (anything else: the score then shows an error naming the cell, never another number).
 */
function sheetsReadLambda(): string {
  const scale = Object.entries(SCALE_FACTORS)
    .map(([w, f]) => `${q(w)},${f}`)
    .join(',');
  const value =
    `VALUE(SUBSTITUTE(INDEX(part,1,2),",","")&INDEX(part,1,3))*IF(INDEX(part,1,1)="-",-1,1)` +
    `*SWITCH(INDEX(part,1,4),${scale},1)/IF(INDEX(part,1,5)="%",100,1)`;
  return (
    `LAMBDA(cell,LET(text,LOWER(TRIM(cell&"")),` +
    `IF(ISNUMBER(cell),cell,IF(text="","",` +
    `IF(REGEXMATCH(text,number),LET(part,REGEXEXTRACT(text,number),n,${value},IF(ABS(n)>10^15,"?",n)),` +
    `IF(REGEXMATCH(text,done),TRUE,IF(REGEXMATCH(text,notdone),FALSE,"?")))))))`
  );
}

/** The kind cell as one of "auto", "linear" (increase / decrease), "above", "below", "binary", or "?". */
function sheetsKind(ref: string | null): string {
  if (!ref) return '"auto"';
  const k = PORTABLE_KIND_WORDS;
  const linear = [...KIND_VOCAB.increase, ...KIND_VOCAB.decrease].map(wordKey);
  const test = (words: readonly string[], code: string, rest: string) =>
    `IF(REGEXMATCH(word,${q(wordsPattern(words))}),"${code}",${rest})`;
  return (
    `LET(word,LOWER(TRIM(${ref}&"")),IF(word="","auto",` +
    test(
      KIND_VOCAB.auto.map(wordKey),
      'auto',
      test(linear, 'linear', test(k.above, 'above', test(k.below, 'below', test(k.binary, 'binary', '"?"')))),
    ) +
    '))'
  );
}

/**
 * The KR score in Google Sheets without custom functions: OKRSCORE's rules (functions.ts scoreCell, score.ts
 * scoreKr) in one LET, in the same order, over what read() makes of each cell. A cell read() cannot read gives an
 * error naming it where OKRSCORE might have given a number: a row may show an error, never a different score.
 */
export function sheetsScoreFormula(r: ScoreRefs, lang: Lang): string {
  const E = (m: Msg) => sheetsError(q(m[lang]));
  const said = (label: Msg, ref: string, why: Msg) =>
    sheetsError(`${q(label[lang] + ' "')}&${ref}&${q('" ' + why[lang])}`);
  const field = { current: msg('current', '当前值'), target: msg('target', '目标值'), start: msg('start', '起始值') };
  const bindings = [
    `number,${q(SHEETS_NUMBER_PATTERN)}`,
    `done,${q(wordsPattern(PORTABLE_DONE_WORDS))}`,
    `notdone,${q(wordsPattern(PORTABLE_NOT_DONE_WORDS))}`,
    `read,${sheetsReadLambda()}`,
    `current,read(${r.current})`,
    `target,read(${r.target})`,
    `start,${r.start ? `read(${r.start})` : '""'}`,
    `kind,${sheetsKind(r.kind)}`,
    `from,IF(start="",0,start)`,
    `progress,IF(AND(ISNUMBER(current),ISNUMBER(target),ISNUMBER(from),target<>from),ROUND((current-from)/(target-from),12),0)`,
  ];
  const rules: [string, string][] = [
    [`kind="?"`, E(SHEETS_ERRORS.kind)],
    [`current="?"`, said(field.current, r.current, SHEETS_ERRORS.measure)],
    [`AND(target="?",kind<>"binary")`, said(field.target, r.target, SHEETS_ERRORS.measure)],
    [`AND(kind="auto",ISLOGICAL(target),ISNUMBER(current),current<>0,current<>1)`, E(SHEETS_ERRORS.doneTarget)],
    [
      `OR(kind="binary",AND(kind="auto",OR(ISLOGICAL(current),ISLOGICAL(target))))`,
      `IF(current="",0,IF(ISLOGICAL(current),IF(current,1,0),IF(OR(current=0,current=1),current,${E(SHEETS_ERRORS.notDone)})))`,
    ],
    [`OR(ISLOGICAL(current),ISLOGICAL(target))`, E(SHEETS_ERRORS.doneKind)],
    [`OR(start="?",ISLOGICAL(start))`, r.start ? said(field.start, r.start, SHEETS_ERRORS.number) : '""'],
    [`target=""`, `IF(current="","",${E(SHEETS_ERRORS.noTarget)})`],
    [`AND(kind="auto",target=from)`, E(START_EQUALS_TARGET)],
    [`current=""`, '0'],
    [`kind="above"`, 'IF(current>=target,1,0)'],
    [`kind="below"`, 'IF(current<=target,1,0)'],
    [`target=from`, E(START_EQUALS_TARGET)],
  ];
  let body = 'IF(progress<0,0,IF(progress>1,1,progress))';
  for (let i = rules.length - 1; i >= 0; i--) body = `IF(${rules[i][0]},${rules[i][1]},${body})`;
  body = `IF(AND(current="",target="",start=""),IF(kind="binary",0,""),${body})`;
  return `=LET(${bindings.join(',')},${body})`;
}

const SHEETS_NUMBER_RE = new RegExp(SHEETS_NUMBER_PATTERN, 'u');
const SHEETS_DONE_WORDS = new Set([...PORTABLE_DONE_WORDS, ...PORTABLE_NOT_DONE_WORDS]);

/**
 * True when OKRSCORE reads `v` (a current / target / start cell) but the Sheets score formula's read() does not,
 * so that row's score shows an error in Sheets: what Convert reports. Sheets' TRIM removes spaces only.
 */
export function beyondSheetsFormula(v: unknown): boolean {
  if (typeof v !== 'string' || !parseMeasure(v).ok) return false;
  const text = v.replace(/ +/g, ' ').replace(/^ | $/g, '').toLowerCase();
  return !SHEETS_NUMBER_RE.test(text) && !SHEETS_DONE_WORDS.has(text);
}
