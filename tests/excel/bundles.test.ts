/**
 * The BUILT bundles in dist/excel: functions.js in a vm with a stand-in CustomFunctions (every id of the generated
 * functions.json associated, results like core's, errors per element), commands.js in a vm with the in-memory
 * Office/Excel (every ExecuteFunction of manifest.xml associated and working).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { fnOkrScore, fnOkrStatus, fnRollup, FUNCTION_DOCS, isCellError, EXCEL_ERROR_CODE } from '../../core/functions';
import { createExcel, createOffice, SimWorkbook } from '../../playground/excel-sim';
import { englishTable } from '../fixtures/sheets';
import { DIST, ERROR_CODES, loadBuiltFunctions, requireBuild, ROOT, StandInError, typed } from './helpers';

beforeAll(requireBuild);

const meta = () => JSON.parse(fs.readFileSync(path.join(DIST, 'functions.json'), 'utf8')) as {
  functions: { id: string; name: string; description: string; parameters: { name: string; optional?: boolean; dimensionality?: string }[]; result: { dimensionality?: string } }[];
};

/** Core's output as Excel shows it: errors as their code + message. */
function viaCore(m: unknown): unknown {
  const one = (v: unknown) => {
    if (!isCellError(v)) return v;
    const code = ERROR_CODES[EXCEL_ERROR_CODE[v.error]];
    return code === '#VALUE!' || code === '#N/A' ? { code, message: v.message } : { code };
  };
  return Array.isArray(m) ? m.map((r) => (r as unknown[]).map(one)) : one(m);
}
function shown(m: unknown): unknown {
  const one = (v: unknown) => (v instanceof StandInError ? (v.message === undefined ? { code: v.code } : { code: v.code, message: v.message }) : v);
  return Array.isArray(m) ? m.map((r) => (r as unknown[]).map(one)) : one(m);
}

test('every function in functions.json is associated, and nothing else is', () => {
  const fns = loadBuiltFunctions();
  const ids = meta().functions.map((f) => f.id).sort();
  expect([...fns.keys()].sort()).toEqual(ids);
  expect(ids).toEqual(FUNCTION_DOCS.map((d) => d.name).sort());
});

test('functions.json describes what core documents: parameters, optional ones, ranges as matrices, spilled results', () => {
  for (const f of meta().functions) {
    const doc = FUNCTION_DOCS.find((d) => d.name === f.id)!;
    expect(f.description).toBe(doc.description.en);
    expect(f.parameters.map((p) => [p.name, !!p.optional])).toEqual(doc.params.map((p) => [p.name, p.optional]));
    for (const p of f.parameters) expect(p.dimensionality).toBe('matrix');
  }
  const byId = Object.fromEntries(meta().functions.map((f) => [f.id, f]));
  expect(byId.OKRSCORE.result.dimensionality).toBe('matrix');
  expect(byId.ROLLUP.result.dimensionality ?? 'scalar').toBe('scalar');
});

test('OKRSCORE: hand-computed scores, one per row, a bad row is a #VALUE! with a message in its own cell', () => {
  const score = loadBuiltFunctions().get('OKRSCORE')!;
  // (0.21 - 0.18) / (0.25 - 0.18) = 3/7; decrease (0.04 - 0.05) / (0.03 - 0.05) = 0.5; 'about half' is not a number.
  const out = score([[0.21], [0.04], ['about half']], [[0.25], [0.03], [2000000]], [[0.18], [0.05], [1200000]], null) as unknown[][];
  expect(out).toHaveLength(3);
  expect(out[0][0] as number).toBeCloseTo(3 / 7, 10);
  expect(out[1][0] as number).toBeCloseTo(0.5, 10);
  expect(out[2][0]).toBeInstanceOf(StandInError);
  expect((out[2][0] as StandInError).code).toBe('#VALUE!');
  expect((out[2][0] as StandInError).message).toMatch(/about half/);
  // An omitted optional argument arrives as null in Excel; the result is core's, element by element.
  const args: [unknown, unknown, unknown, unknown] = [[[0.5], ['x'], [''], [52]], [[1], [1], [''], [48]], null, [['increase'], ['increase'], [''], ['below']]];
  expect(shown(score(...args))).toEqual(viaCore(fnOkrScore(...args)));
});

test('ROLLUP: weighted mean by hand; blank scores skipped; an error is a single Excel error value', () => {
  const rollup = loadBuiltFunctions().get('ROLLUP')!;
  // (0.5*1 + 1*3) / (1 + 3) = 0.875; the blank score and its weight are left out.
  expect(rollup([[0.5], [1], ['']], [[1], [3], [5]])).toBeCloseTo(0.875, 10);
  expect(rollup([[0.2], [0.4]], null)).toBeCloseTo(0.3, 10);
  const bad = rollup([[0.5], [1]], [[1]]);
  expect(bad).toBeInstanceOf(StandInError);
  expect(shown(bad)).toEqual(viaCore(fnRollup([[0.5], [1]], [[1]])));
});

test("OKRSTATUS follows Excel's display language when lang is omitted", () => {
  const en = loadBuiltFunctions('en-US').get('OKRSTATUS')!;
  const zh = loadBuiltFunctions('zh-CN').get('OKRSTATUS')!;
  const args: unknown[] = [[[1], [0.2]], [['committed'], ['committed']], null, null, null];
  expect(en(...args)).toEqual(fnOkrStatus(args[0], args[1], null, null, null, null, null, { lang: 'en' }));
  expect(zh(...args)).toEqual(fnOkrStatus(args[0], args[1], null, null, null, null, null, { lang: 'zh' }));
  expect(zh(...args)).not.toEqual(en(...args));
});

test('commands.js associates every ExecuteFunction of manifest.xml, and a ribbon click runs its command', async () => {
  const manifest = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const names = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
  expect(names).toHaveLength(6);
  const wb = new SimWorkbook([]);
  wb.sheets = [];
  wb.addSheet('Q4 OKRs', typed(englishTable));
  const office = createOffice(wb, 'en-US');
  const sandbox: Record<string, unknown> = { Office: office, Excel: createExcel(wb), console, setTimeout, clearTimeout };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  vm.runInNewContext(fs.readFileSync(path.join(DIST, 'commands.js'), 'utf8'), sandbox, { filename: 'commands.js' });
  expect([...office.associated.keys()].sort()).toEqual([...names].sort());

  const convert = names.find((n) => /convert/i.test(n))!;
  let completed = 0;
  await office.associated.get(convert)!({ completed: () => completed++, source: { id: 'OKR.Convert' } });
  expect(completed).toBe(1);
  const header = wb.valuesOf('Q4 OKRs')[2];
  expect(header).toEqual(expect.arrayContaining(['OKR Score']));
  const col = header.indexOf('OKR Score');
  expect(wb.sheet('Q4 OKRs')!.get(4, col)!.f).toMatch(/^=OKR\.OKRSCORE\(/);
  expect(office.paneVisible).toBe(false);

  // On a sheet that is not an OKR sheet the command fails without touching it, and the pane opens to say so.
  const budget = wb.addSheet('Budget', [['Item', 'Cost'], ['Rent', 1200]]);
  wb.activate('Budget');
  await office.associated.get(convert)!({ completed: () => completed++, source: { id: 'OKR.Convert' } });
  expect(completed).toBe(2);
  expect(office.paneVisible).toBe(true);
  expect(wb.valuesOf(budget.name)).toEqual([['Item', 'Cost'], ['Rent', 1200]]);
});
