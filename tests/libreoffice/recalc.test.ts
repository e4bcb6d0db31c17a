/**
 * Checked by a spreadsheet nobody here wrote: the shared fixtures are converted to .xlsx with portable formulas
 * (the .xlsx host always writes them), LibreOffice Calc recalculates every formula headless, and every KR score,
 * objective rollup and status it computed must equal what the add-in computes in the same cell: the 'addin' plan's
 * =OKR.* formulas evaluated with core's own function implementations (functions.ts over score.ts).
 * One soffice run converts all the files.
 */
import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { openWorkbook, runOnWorkbook, saveWorkbook } from '../../xlsx/adapter';
import { readSheetSnapshot as snapshotSheet } from '../../xlsx/snapshot';
import { main } from '../../xlsx/cli';
import { runCommand } from '../../core/commands';
import { a1 } from '../../core/sheet-plan';
import { resolveSettings, type Settings } from '../../core/settings';
import type { Lang } from '../../core/i18n';
import {
  englishTable,
  chineseOutline,
  messySheet,
  messyFormulas,
  generatedTable,
  GENERATED_HEADER,
  FIXTURE_TODAY,
  type Grid,
} from '../../fixtures/sheets';
import { COMMITMENT_VOCAB, DONE_VOCAB, KIND_VOCAB, type KindWord } from '../../core/vocabulary';
import { captureIo, excelSheet, readWorkbookFile, tempDir, writeExcelWorkbook, removeTempDirs } from '../xlsx/helpers';
import { convertAll, requireSoffice } from './soffice';
import { evaluateAddin, planFormulas } from './addin-eval';

const HAVE_LO = requireSoffice();
const it = HAVE_LO ? test : test.skip;
jest.setTimeout(300000);

interface Case {
  name: string;
  lang: Lang;
  sheet: string;
  rows: unknown[][];
  opts?: { dateCols?: number[]; formulas?: string[][] };
  /** Sheet holding the grid after convert (the outline gets a new one). */
  gridSheet?: string;
  /** Converted file (ours) and LibreOffice's recalculated copy. */
  converted?: string;
  recalculated?: string;
  /** The add-in ('addin' formula mode) version of the same convert: 'row,col' -> formula. */
  addinFormulas?: Map<string, string>;
}

/**
 * 4,040 rows hold every distinct scored row generatedTable makes: kind x current value repeats every 505 KRs and
 * the commitment every 8, so lcm(505, 8) = 4,040 covers each pair under both commitments. More rows only repeat the
 * same per-row formulas (scale is for the bench and the call-count tests), at about 1 s of LibreOffice per 1,500.
 */
const GENERATED_ROWS = 4040;

/** A word as people type it: as listed, in capitals, and with spaces around and doubled inside. */
const spellings = (w: string) => [w, w.toUpperCase(), `  ${w.toUpperCase().replace(/ /g, '   ')} `];

/**
 * Every kind word and every done / not-done word of vocabulary.ts in each spelling, and every type word, in the
 * generated table's columns: the portable formulas search each word list as one text (wordIn in core/formulas.ts),
 * which LibreOffice's own TRIM, LOWER and FIND must read exactly as OKRSCORE and OKRSTATUS read the words.
 */
function vocabularyTable(): Grid {
  const numbers: Record<KindWord, [number, number, number]> = {
    auto: [10, 20, 15],
    increase: [10, 20, 15],
    decrease: [20, 10, 15],
    above: [10, 20, 15],
    below: [10, 20, 15],
    binary: [0, 1, 1],
  };
  const rows: [string, number | string, number | string, number | string][] = [];
  for (const kind of Object.keys(KIND_VOCAB) as KindWord[])
    for (const w of KIND_VOCAB[kind]) for (const k of spellings(w)) rows.push([k, ...numbers[kind]]);
  for (const w of [...DONE_VOCAB.done, ...DONE_VOCAB.notDone])
    for (const d of spellings(w)) rows.push(['binary', '', '', d]);
  const types = [...COMMITMENT_VOCAB.committed, ...COMMITMENT_VOCAB.aspirational].flatMap(spellings);
  return [
    GENERATED_HEADER.slice(),
    ...rows.map(([kind, start, target, current], i) => [
      `KR-v${i}`,
      '2026-Q4',
      'Team',
      'Owner',
      `Objective ${Math.floor(i / 4)}`,
      `Key result ${i}`,
      types[i % types.length],
      kind,
      start,
      target,
      current,
      '',
      46387,
      46346,
    ]),
  ];
}
const cases: Case[] = [
  { name: 'english', lang: 'en', sheet: 'Q4 OKRs', rows: englishTable, opts: { dateCols: [12, 15] } },
  { name: 'chinese', lang: 'zh', sheet: '10月OKR', rows: chineseOutline },
  { name: 'messy', lang: 'zh', sheet: '运营部', rows: messySheet, opts: { formulas: messyFormulas } },
  {
    name: 'generated',
    lang: 'en',
    sheet: 'Generated',
    rows: generatedTable(GENERATED_ROWS),
    opts: { dateCols: [12, 13] },
  },
  { name: 'vocabulary', lang: 'en', sheet: 'Words', rows: vocabularyTable(), opts: { dateCols: [12, 13] } },
];
const settingsFor = (lang: Lang): Settings => resolveSettings({ lang, formulaMode: 'portable' });

const dir = tempDir('okr-lo-');
const timings: Record<string, number> = {};
const scored = { ours: path.join(dir, 'conv', 'scored.xlsx'), lo: '' };
const summary: string[] = [];

beforeAll(async () => {
  if (!HAVE_LO) return;
  fs.mkdirSync(path.join(dir, 'in'));
  fs.mkdirSync(path.join(dir, 'conv'));
  for (const c of cases) {
    const src = path.join(dir, 'in', `${c.name}.xlsx`);
    await writeExcelWorkbook(src, [excelSheet(c.sheet, c.rows, c.opts)], (wb) => {
      // a note the user wrote: converting must keep it
      wb.worksheets[0].getCell('A1').note = `user note on ${c.name}`;
    });
    const wb = await openWorkbook(src);
    const run = runOnWorkbook(wb, 'convert', settingsFor(c.lang), {
      today: FIXTURE_TODAY,
      apply: true,
      keepPlan: true,
      // a grid sheet convert adds (the outline's) is written direct, as the command line writes it
      direct: true,
    });
    expect(run.result.ok).toBe(true);
    c.gridSheet = run.result.plan.activate ?? c.sheet;
    const addin = runCommand('convert', run.snap, { ...settingsFor(c.lang), formulaMode: 'addin' });
    c.addinFormulas = planFormulas(addin.plan.sheets.find((p) => p.sheet === c.gridSheet)!);
    const portableCells = [...planFormulas(run.result.plan.sheets.find((p) => p.sheet === c.gridSheet)!).keys()].sort();
    // the same cells are computed in both modes
    expect([...c.addinFormulas.keys()].sort()).toEqual(portableCells);
    c.converted = path.join(dir, 'conv', `${c.name}.xlsx`);
    await saveWorkbook(wb, c.converted);
  }
  // A workbook LibreOffice writes itself, from CSV: the command line must read it.
  const csv = path.join(dir, 'conv', 'lo-written.csv');
  fs.writeFileSync(
    csv,
    englishTable
      .map((r) =>
        r.map((v) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v))).join(','),
      )
      .join('\n'),
  );
  // A score by the command line: its scorecard, history and dashboard sheets are written direct (direct-sheet.ts).
  const scoreArgs = ['score', path.join(dir, 'in', 'english.xlsx'), '-o', scored.ours, '--today', FIXTURE_TODAY];
  expect(await main([...scoreArgs, '--quiet'], captureIo().io)).toBeLessThan(2);
  const t0 = Date.now();
  const outs = convertAll([...cases.map((c) => c.converted!), csv, scored.ours], 'xlsx', path.join(dir, 'lo'));
  timings.soffice = Date.now() - t0;
  cases.forEach((c, i) => (c.recalculated = outs[i]));
  scored.lo = outs[outs.length - 1];
});

afterAll(() => {
  if (HAVE_LO)
    console.log(`LibreOffice recalculation of ${cases.length + 2} files: ${timings.soffice} ms\n${summary.join('\n')}`);
});

const isError = (v: unknown) => typeof v === 'string' && /^#[A-Z0-9/!?.]+$/.test(v);

/** Top-level arguments of `=FN(a,b,...)`. */
function args(formula: string): string[] {
  const body = formula.slice(formula.indexOf('(') + 1, formula.lastIndexOf(')'));
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Cells a formula text refers to ('row,col' keys, ranges expanded), ignoring quoted text. */
function refsOf(formula: string): string[] {
  const keys: string[] = [];
  const colNum = (l: string) => l.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const text = formula.replace(/"[^"]*"/g, '""');
  for (const m of text.matchAll(/\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/g)) {
    const r1 = Number(m[2]) - 1;
    const c1 = colNum(m[1]);
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    const c2 = m[3] ? colNum(m[3]) : c1;
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) keys.push(`${r},${c}`);
  }
  return keys;
}

/**
 * Reads LibreOffice's copy and compares every computed cell with the add-in's value for the same cell. Accepted
 * differences, each counted and asserted by the caller:
 * - textNumber: an input cell holds a number as text ('¥2万') that the add-in parses and no native formula can
 *   read: LibreOffice shows an error (and so do the rollups and statuses that read that score).
 * - boundary: a score within 1e-9 of a band edge, where LibreOffice's rounded subtraction and IEEE arithmetic may
 *   land on different sides.
 */
async function compare(c: Case) {
  const wb = await readWorkbookFile(c.recalculated!);
  const ws = wb.getWorksheet(c.gridSheet!)!;
  expect(ws).toBeDefined();
  const snap = snapshotSheet(ws, { formulas: true, notes: false, backgrounds: false }, false);
  const at = (key: string) => {
    const [r, col] = key.split(',').map(Number);
    const v = snap.values[r]?.[col];
    return v === undefined ? '' : v;
  };
  const expected = evaluateAddin(snap.values, c.addinFormulas!, c.lang, FIXTURE_TODAY);
  const settings = settingsFor(c.lang);
  const edges = [settings.bands.red, settings.bands.yellow, 1];

  const mismatches: string[] = [];
  const excused = new Map<string, 'textNumber' | 'boundary'>();
  const counts = { score: 0, rollup: 0, pace: 0, status: 0, errorsBoth: 0 };
  const kindOf = (f: string) =>
    f.includes('OKR.OKRSCORE(')
      ? 'score'
      : f.includes('OKR.ROLLUP(')
        ? 'rollup'
        : f.includes('OKR.')
          ? 'status'
          : 'pace';
  const keys = [...c.addinFormulas!.keys()];
  for (const kind of ['score', 'rollup', 'pace', 'status'] as const) {
    for (const key of keys) {
      const f = c.addinFormulas!.get(key)!;
      if (kindOf(f) !== kind) continue;
      counts[kind]++;
      const [row, col] = key.split(',').map(Number);
      if (!snap.formulas![row]?.[col]) mismatches.push(`${kind} ${a1(row, col)}: no formula in the converted cell`);
      const want = expected.get(key)!;
      const got = at(key);
      const label = `${kind} ${a1(row, col)}: LibreOffice ${JSON.stringify(got)}, add-in ${JSON.stringify(want)}`;
      if (typeof want === 'object') {
        if (isError(got)) counts.errorsBoth++;
        else mismatches.push(label);
        continue;
      }
      if (typeof want === 'number' ? typeof got === 'number' && Math.abs(got - want) < 1e-9 : got === want) continue;
      const deps = kind === 'score' || kind === 'pace' ? [] : refsOf(f);
      // A Pace cell is blank beside a score LibreOffice cannot compute (a number typed as text).
      if (kind === 'pace' && refsOf(f).some((d) => excused.get(d) === 'textNumber')) {
        excused.set(key, 'textNumber');
        continue;
      }
      if (isError(got)) {
        const textInput =
          kind === 'score' &&
          args(f)
            .slice(0, 3)
            .flatMap(refsOf)
            .some((k) => {
              const v = at(k);
              return typeof v === 'string' && v.trim() !== '' && !isError(v);
            });
        if (textInput || deps.some((d) => excused.get(d) === 'textNumber')) {
          excused.set(key, 'textNumber');
          continue;
        }
      }
      if (kind === 'status') {
        const score = expected.get(deps[0]);
        if (typeof score === 'number' && edges.some((e) => Math.abs(score - e) < 1e-9)) {
          excused.set(key, 'boundary');
          continue;
        }
      }
      mismatches.push(label);
    }
  }
  const excusedRows = (why: string) =>
    [...new Set([...excused].filter(([, w]) => w === why).map(([k]) => Number(k.split(',')[0]) + 1))].sort(
      (x, y) => x - y,
    );
  const result = {
    mismatches,
    counts,
    textNumberRows: excusedRows('textNumber'),
    boundaryRows: excusedRows('boundary'),
  };
  summary.push(
    `${c.name}: ${JSON.stringify({ ...result.counts, textNumberRows: result.textNumberRows, boundaryRows: result.boundaryRows, mismatches: mismatches.length })}`,
  );
  return result;
}

describe('LibreOffice computes what the add-in functions compute, cell for cell', () => {
  it('English table: 7 KR scores and statuses, 2 objective rollups and statuses', async () => {
    const r = await compare(cases[0]);
    // a Pace cell beside each score: expected progress on LibreOffice's TODAY() and on the reference engine's alike
    expect(r.counts).toMatchObject({ score: 7, rollup: 2, pace: 9, status: 9 });
    // KR-202's current is the text 'about half': an error in the add-in and in LibreOffice alike (and so O-200's rollup)
    expect(r.counts.errorsBoth).toBeGreaterThanOrEqual(2);
    expect(r.textNumberRows).toEqual([]);
    expect(r.boundaryRows).toEqual([]);
    expect(r.mismatches).toEqual([]);
  });
  it('Chinese outline (grid sheet created by convert): 3 KRs', async () => {
    const r = await compare(cases[1]);
    expect(cases[1].gridSheet).not.toBe(cases[1].sheet);
    expect(r.counts.score).toBe(3);
    expect(r.textNumberRows).toEqual([]);
    expect(r.mismatches).toEqual([]);
  });
  it('messy sheet: 5 KRs; only the ¥…万 row is beyond a native formula', async () => {
    const r = await compare(cases[2]);
    expect(r.counts.score).toBe(5);
    // sheet row 7 holds '¥2万' / '¥3.5万' / '¥2.8万' as text (fixture fact); sheet row 4 holds the objective's own
    // score (it shares its row with its first KR), a rollup that includes row 7's KR
    expect(r.textNumberRows).toEqual([4, 7]);
    // sheet row 5: refund rate 5% -> 3% at 4.2% is exactly 40% progress, the red/yellow edge: core rounds like a
    // spreadsheet, so both read 0.4 and the same band
    expect(r.boundaryRows).toEqual([]);
    expect(r.mismatches).toEqual([]);
  });
  it('every kind, done and type word in three spellings reads the same in LibreOffice as in the add-in', async () => {
    const c = cases[4];
    const r = await compare(c);
    expect(r.counts.score).toBe(c.rows.length - 1);
    expect(r.counts.errorsBoth).toBe(0);
    expect(r.textNumberRows).toEqual([]);
    expect(r.boundaryRows).toEqual([]);
    expect(r.mismatches).toEqual([]);
  });
  it(`generated table: ${GENERATED_ROWS} KRs`, async () => {
    const r = await compare(cases[3]);
    expect(r.counts.score).toBe(GENERATED_ROWS);
    expect(r.counts.status).toBe(GENERATED_ROWS);
    expect(r.counts.pace).toBe(GENERATED_ROWS);
    expect(r.textNumberRows).toEqual([]);
    expect(r.mismatches.slice(0, 20)).toEqual([]);
  });
});

describe('what LibreOffice and ExcelJS read back', () => {
  it('our converted files keep data validation, conditional formats and notes (ExcelJS re-read)', async () => {
    // the small files: the generated one only repeats the same rules over a longer range
    for (const c of cases.filter((x) => x.name === 'english' || x.name === 'messy')) {
      const wb = await readWorkbookFile(c.converted!);
      const ws = wb.getWorksheet(c.gridSheet!)!;
      const dv = (ws as any).dataValidations.model as Record<string, any>;
      expect(Object.values(dv).filter((v) => v && v.type === 'list').length).toBeGreaterThan(0);
      const rules = ((ws as any).conditionalFormattings as any[]).flatMap((cf) => cf.rules);
      expect(rules.some((r: any) => String(r.formulae?.[0]).includes('N("okr-grid")=0'))).toBe(true);
      const note: any = wb.worksheets[0].getCell('A1').note;
      expect(typeof note === 'string' ? note : note.texts.map((t: any) => t.text).join('')).toBe(
        `user note on ${c.name}`,
      );
    }
  });
  it('LibreOffice keeps them too when it saves the file again', async () => {
    const wb = await readWorkbookFile(cases[0].recalculated!);
    const ws = wb.getWorksheet(cases[0].gridSheet!)!;
    expect(
      Object.values((ws as any).dataValidations.model).filter((v: any) => v && v.type === 'list').length,
    ).toBeGreaterThan(0);
    expect(((ws as any).conditionalFormattings as any[]).length).toBeGreaterThan(0);
    const note: any = ws.getCell('A1').note;
    expect(typeof note === 'string' ? note : note.texts.map((t: any) => t.text).join('')).toBe('user note on english');
  });
  it("a score's sheets (written direct) read the same in LibreOffice, value for value", async () => {
    const [ours, lo] = [await readWorkbookFile(scored.ours), await readWorkbookFile(scored.lo)];
    const sheets = ours.worksheets.filter((ws) => ws.name !== 'OKRs').map((ws) => ws.name);
    expect(sheets.length).toBeGreaterThanOrEqual(3);
    // LibreOffice saves TRUE and FALSE as the formulas TRUE() and FALSE()
    const truth: Record<string, number> = { 'TRUE()': 1, 'FALSE()': 0 };
    const plain = (v: any): unknown =>
      typeof v === 'boolean' ? Number(v) : v === '' ? null : (truth[v?.formula] ?? v);
    let checked = 0;
    for (const name of sheets) {
      const [a, b] = [ours.getWorksheet(name)!, lo.getWorksheet(name)!];
      a.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (cell.type === ExcelJS.ValueType.Formula) return;
          const theirs = plain(b.getCell(r, c).value);
          if (typeof cell.value === 'number') expect(theirs).toBeCloseTo(cell.value, 9);
          else
            expect({ at: `${name}!${cell.address}`, v: theirs }).toEqual({
              at: `${name}!${cell.address}`,
              v: plain(cell.value),
            });
          checked++;
        }),
      );
    }
    expect(checked).toBeGreaterThan(50);
  });
  it("LibreOffice reads the '=cmd|' text of the messy sheet as text, not as a formula", async () => {
    const ws = (await readWorkbookFile(cases[2].recalculated!)).getWorksheet('运营部')!;
    expect(ws.getCell('H4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('H4').value).toBe("=cmd|' /C calc'!A0");
    expect(ws.getCell('F4').formula).toBe('0.2+0.01');
  });
  it('a real legacy .xls (written by LibreOffice) is named as such, not as corrupt', async () => {
    const [xls] = convertAll([path.join(dir, 'in', 'english.xlsx')], 'xls', path.join(dir, 'xls'));
    const cap = captureIo();
    const code = await main(['validate', xls, '--quiet'], cap.io);
    expect(code).toBe(2);
    expect(cap.err()).toContain('old-format .xls');
  });
  it('the command line works on a workbook LibreOffice wrote itself (from CSV)', async () => {
    const file = path.join(dir, 'lo', 'lo-written.xlsx');
    const out = path.join(dir, 'lo-written.okr.xlsx');
    const cap = captureIo();
    const code = await main(['convert', file, '-o', out, '--today', FIXTURE_TODAY, '--json', '--quiet'], cap.io);
    const doc = JSON.parse(cap.out());
    expect(doc.ok).toBe(true);
    // the fixture's documented value problem ('about half' in a Current cell) -> an error finding -> exit 1
    expect(code).toBe(1);
    expect(doc.findings.some((f: any) => f.rule === 'value-problem' && f.row === 11 && f.col === 9)).toBe(true);
    const ws = (await readWorkbookFile(out)).worksheets[0];
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((cell) => cell.type === ExcelJS.ValueType.Formula && formulas++));
    expect(formulas).toBeGreaterThanOrEqual(16);
  });
});

afterAll(() => removeTempDirs());
