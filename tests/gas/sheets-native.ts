/**
 * Google Sheets functions the fake's formula engine (fast-formula-parser) lacks, as Sheets computes them, for the
 * grid's native formulas (core/formulas.ts sheetsScoreFormula): LET and LAMBDA (expanded into the formula before
 * parsing: each name is replaced by its value, each call of a LET-bound LAMBDA by its body, which computes the same
 * for formulas without side effects), REGEXMATCH / REGEXEXTRACT (RE2 patterns; the ones the grid writes mean the
 * same in JavaScript), VALUE (en-US: numbers with comma groups, decimals, %, a leading $, and ISO or US dates,
 * which is why the grid never hands it text of its own choosing), SUBSTITUTE and SWITCH.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FormulaParser = require('fast-formula-parser');

const ERR = FormulaParser.FormulaError;

interface Param {
  value: unknown;
}

const scalar = (p: Param | undefined): unknown => {
  const v = p?.value;
  return Array.isArray(v) ? (v as unknown[][])[0]?.[0] : v;
};

/** Sheets' VALUE in an en-US spreadsheet. */
export function sheetsValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') throw ERR.VALUE;
  const s = v.trim();
  const m = /^([-+]?)\$?((?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:e[-+]?\d+)?)(%?)$/i.exec(s);
  if (m && m[2] !== '' && m[2] !== '.') {
    const n = Number(m[2].replace(/,/g, '')) * (m[1] === '-' ? -1 : 1);
    return m[3] ? n / 100 : n;
  }
  // Dates: 2026-01-05, 1/5/2026 -> the day's serial number.
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ?? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (d) {
    const [y, mo, da] = s.includes('-') ? [d[1], d[2], d[3]] : [d[3], d[1], d[2]];
    return Date.UTC(+y, +mo - 1, +da) / 86400000 + 25569;
  }
  throw ERR.VALUE;
}

const text = (p: Param | undefined) => {
  const v = scalar(p);
  // Sheets: REGEXMATCH(5, ...) is an error ("expects text values").
  if (typeof v !== 'string') throw ERR.VALUE;
  return v;
};

export const SHEETS_FUNCTIONS: Record<string, (...a: Param[]) => unknown> = {
  VALUE: (p) => sheetsValue(scalar(p) ?? ''),
  REGEXMATCH: (t, re) => new RegExp(text(re), 'u').test(text(t)),
  REGEXEXTRACT: (t, re) => {
    const m = new RegExp(text(re), 'u').exec(text(t));
    if (!m) throw ERR.NA;
    return m.length > 1 ? [m.slice(1).map((g) => g ?? '')] : m[0];
  },
  SUBSTITUTE: (t, from, to) =>
    String(scalar(t) ?? '')
      .split(String(scalar(from)))
      .join(String(scalar(to) ?? '')),
  SWITCH: (x, ...cases) => {
    const v = scalar(x);
    for (let i = 0; i + 1 < cases.length; i += 2) if (scalar(cases[i]) === v) return scalar(cases[i + 1]);
    if (cases.length % 2 === 1) return scalar(cases[cases.length - 1]);
    throw ERR.NA;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// LET and LAMBDA

/** Index of the parenthesis closing the one at `open`, skipping quoted text. */
export function closing(f: string, open: number): number {
  let depth = 0;
  for (let i = open; i < f.length; i++) {
    const ch = f[i];
    if (ch === '"') {
      i = f.indexOf('"', i + 1);
      while (f[i + 1] === '"') i = f.indexOf('"', i + 2);
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced formula: ${f.slice(0, 80)}`);
}

/** The top-level, comma-separated arguments between parentheses at open and close. */
function argsOf(f: string, open: number, close: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const ch = f[i];
    if (ch === '"') {
      i = f.indexOf('"', i + 1);
      while (f[i + 1] === '"') i = f.indexOf('"', i + 2);
    } else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(f.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(f.slice(start, close).trim());
  return out;
}

/** A name in scope: a computed value (__V(k)) or a LAMBDA (its parameters and body text). */
type Binding = { ref: string } | { params: string[]; body: string; id: number };

/** `f` with the names of `env` outside quoted text replaced: a value by __V(k), a LAMBDA call by __CALL(id, ...). */
function substitute(f: string, env: Map<string, Binding>): string {
  let out = '';
  for (let i = 0; i < f.length;) {
    if (f[i] === '"') {
      let j = f.indexOf('"', i + 1);
      while (f[j + 1] === '"') j = f.indexOf('"', j + 2);
      out += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(f.slice(i, i + 64));
    if (!m || /[A-Za-z0-9_.$!]/.test(f[i - 1] ?? '')) {
      out += f[i++];
      continue;
    }
    const b = env.get(m[0].toLowerCase());
    const end = i + m[0].length;
    if (b && 'ref' in b && f[end] !== '(') out += b.ref;
    else if (b && 'params' in b && f[end] === '(') out += `__CALL(${b.id},`;
    else out += m[0];
    i = b && 'params' in b && f[end] === '(' ? end + 1 : end;
  }
  return out;
}

/**
 * LET and LAMBDA for the fake's formula engine: `prepare` turns each LET(...) of a formula into __LET(id), and the
 * engine's functions __LET, __V and __CALL compute each name once, in order, as Sheets does, by evaluating the
 * text of its value with `evaluate` (the engine, re-entered) and handing the result back where the name is used.
 * A LET-bound LAMBDA is computed at each call with its parameters bound to the arguments' values.
 */
export function letRuntime(evaluate: (text: string) => unknown) {
  const lets: string[][] = [];
  const values: unknown[] = [];
  const lambdas: { params: string[]; body: string }[] = [];
  const bind = (v: unknown) => {
    values.push(v === null || v === undefined ? '' : v);
    return `__V(${values.length - 1})`;
  };

  /** The formula with each outermost LET(...) replaced by __LET(id) (inner ones are prepared when they run). */
  function prepare(f: string): string {
    let out = f;
    for (;;) {
      const m = /(^|[^A-Za-z0-9_.])LET\(/i.exec(stripQuoted(out));
      if (!m) return out;
      const open = m.index + m[1].length + 3;
      const close = closing(out, open);
      lets.push(argsOf(out, open, close));
      out = out.slice(0, open - 3) + `__LET(${lets.length - 1})` + out.slice(close + 1);
    }
  }

  const run = (text: string) => evaluate(prepare(text));

  function runLet(id: number): unknown {
    const args = lets[id];
    const env = new Map<string, Binding>();
    for (let k = 0; k + 1 < args.length; k += 2) {
      const text = substitute(args[k + 1], env);
      if (/^LAMBDA\(/i.test(text)) {
        const parts = argsOf(text, 6, closing(text, 6));
        lambdas.push({ params: parts.slice(0, -1), body: parts[parts.length - 1] });
        env.set(args[k].toLowerCase(), { ...lambdas[lambdas.length - 1], id: lambdas.length - 1 });
      } else env.set(args[k].toLowerCase(), { ref: bind(run(text)) });
    }
    return run(substitute(args[args.length - 1], env));
  }

  function call(id: number, args: unknown[]): unknown {
    const { params, body } = lambdas[id];
    const env = new Map<string, Binding>(params.map((p, k) => [p.toLowerCase(), { ref: bind(args[k]) }]));
    return run(substitute(body, env));
  }

  const functions: Record<string, (...a: Param[]) => unknown> = {
    __LET: (id) => runLet(Number(scalar(id))),
    __V: (k) => values[Number(scalar(k))],
    __CALL: (id, ...args) =>
      call(
        Number(scalar(id)),
        args.map((a) => a.value),
      ),
  };
  return { prepare, functions };
}

/** Quoted text blanked out (same length), so a search finds only formula syntax. */
function stripQuoted(f: string): string {
  return f.replace(/"(?:[^"]|"")*"/g, (s) => '"' + ' '.repeat(s.length - 2) + '"');
}
