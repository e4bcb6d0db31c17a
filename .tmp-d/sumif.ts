import FormulaParser from 'fast-formula-parser';
const grid = [[0.5, 40], ['', 30], [0.2, 30]];
const cell = (r: number, c: number) => (grid[r - 1]?.[c - 1] ?? '');
const p: any = new (FormulaParser as any)({ functions: { SUMIF: (...a: any[]) => { console.log(JSON.stringify(a)); return 1; } }, onCell: ({ row, col }: any) => cell(row, col), onRange: (ref: any) => { const o = []; for (let r = ref.from.row; r <= ref.to.row; r++) { const l = []; for (let k = ref.from.col; k <= ref.to.col; k++) l.push(cell(r, k)); o.push(l); } return o; } });
console.log(p.parse('SUMIF(A1:A3,">=0",B1:B3)', { sheet: 'S', row: 1, col: 6 }));
