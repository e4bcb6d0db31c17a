const FormulaParser = require('fast-formula-parser');
const data = [['', 'Done', 0.5, '', 'x', true, 1, '40%'],[ 0.2, 0.3, '', 0.5]];
const p = new FormulaParser({
  onCell: ({row, col}) => data[row-1]?.[col-1] ?? '',
  onRange: (ref) => { const out=[]; for (let r=ref.from.row;r<=ref.to.row;r++){const line=[];for(let c=ref.from.col;c<=ref.to.col;c++) line.push(data[r-1]?.[c-1] ?? ''); out.push(line);} return out; },
});
for (const f of ['A1=""', 'SEARCH("done","Done")', 'SEARCH("on","Done")','ISNUMBER(SEARCH("on","Done"))', 'ISNUMBER(3)', 'SUMPRODUCT(--ISNUMBER(A2:D2))', 'SUMPRODUCT(ISNUMBER(A2:D2)*1)','SUMPRODUCT(A2:D2,A2:D2)','MAX(0,0.5)', 'COUNT(A2:D2)', 'AVERAGE(A2:D2)', '(A2:D2)', 'ISNUMBER(A2:D2)', 'SUMPRODUCT(--(A2:D2<>""))','SUMPRODUCT((A2:D2<>"")*1,A2:D2)', 'SUMPRODUCT(N(+A2:D2))']) {
  try { console.log(f, '=>', JSON.stringify(p.parse(f, {sheet: 'S', row: 3, col: 1}))); } catch (e) { console.log(f, 'ERR', e.message); }
}
