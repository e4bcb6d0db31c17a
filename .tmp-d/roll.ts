import FormulaParser from 'fast-formula-parser';
import { rollupFormula } from '../core/formulas';
import { fnRollup } from '../core/functions';
const cases: { scores: unknown[]; weights: unknown[] | null }[] = [
      { scores: [0.5, 1, 0], weights: [0.4, 0.4, 0.2] },
      { scores: [0.5, '', 0.2], weights: [40, 30, 30] },
      { scores: [0.3, 0.9, 0.6], weights: null },
      { scores: [0.3, 0.9, 0.6], weights: ['', '', ''] },
      { scores: ['', '', ''], weights: [1, 1, 1] },
      { scores: [0.5, 0.5], weights: [1, -1] },
      { scores: [0.5, 0.5], weights: [0, 0] },
];
for (const c of cases) {
  const grid = c.scores.map((s, i) => [s, c.weights ? c.weights[i] : '']);
  const cell = (r: number, col: number) => (grid[r - 1]?.[col - 1] ?? '');
  const p: any = new (FormulaParser as any)({ onCell: ({ row, col }: any) => cell(row, col), onRange: (ref: any) => { const o = []; for (let r = ref.from.row; r <= ref.to.row; r++) { const l = []; for (let k = ref.from.col; k <= ref.to.col; k++) l.push(cell(r, k)); o.push(l); } return o; } });
  const n = c.scores.length;
  const f = rollupFormula('excel', 'portable', `A1:A${n}`, c.weights ? `B1:B${n}` : null);
  let got; try { got = p.parse(f.slice(1), { sheet: 'S', row: 1, col: 6 }); } catch (e) { got = 'THROW ' + (e as Error).message; }
  console.log(JSON.stringify(c), '=>', JSON.stringify(got), 'addin', JSON.stringify(fnRollup(c.scores.map((s) => [s]), c.weights ? c.weights.map((w) => [w]) : undefined)));
}
