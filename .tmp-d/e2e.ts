import FormulaParser from 'fast-formula-parser';
import { runCommand, readsFor } from '../core/commands';
import { resolveSettings } from '../core/settings';
import * as fx from '../tests/fixtures/sheets';
import { applyPlan, bookFromSnapshot, workbookSnapshot } from '../core/simulate';
import { readSheet } from '../core/parse-sheet';
import { scoreKr } from '../core/score';
const snap = fx.generatedSnapshot(30);
const settings = resolveSettings({ formulaMode: 'portable' });
let book = bookFromSnapshot(fx.workbookOf(snap));
const res = runCommand('convert', workbookSnapshot(book, snap.name, readsFor('convert', settings)), settings);
book = applyPlan(book, res.plan);
const sheet = book.sheets[0];
const cell = (r: number, c: number): unknown => { const f = sheet.formulas[r]?.[c]; if (f) { const o = p.parse(f.slice(1), { sheet: 'S', row: r + 1, col: c + 1 }); return o; } return sheet.values[r]?.[c] ?? ''; };
const p: any = new (FormulaParser as any)({ onCell: ({ row, col }: any) => cell(row - 1, col - 1), onRange: (ref: any) => { const o = []; for (let r = ref.from.row; r <= ref.to.row; r++) { const l = []; for (let k = ref.from.col; k <= ref.to.col; k++) l.push(cell(r - 1, k - 1)); o.push(l); } return o; } });
const model = readSheet(snap, { settings, today: fx.FIXTURE_TODAY });
for (const o of model.objectives) for (const kr of o.krs) {
  const e = scoreKr({ kind: kr.kind, start: kr.start, target: kr.target, current: kr.current });
  const got = cell(kr.row, 15);
  console.log(kr.row, kr.kind, kr.start, kr.target, kr.current, JSON.stringify(sheet.values[kr.row].slice(7,11)), '=>', JSON.stringify(got), e.ok ? e.score : e);
}
