const FormulaParser = require('fast-formula-parser');
const data = [[null, 'Done', 0.5, '', 'x', true, 1, '40%']];
const p = new FormulaParser({
  onCell: ({row, col}) => data[row-1]?.[col-1] ?? null,
  onRange: (ref) => { const out=[]; for (let r=ref.from.row;r<=ref.to.row;r++){const line=[];for(let c=ref.from.col;c<=ref.to.col;c++) line.push(data[r-1]?.[c-1] ?? null); out.push(line);} return out; },
});
for (const f of ['A1=""', 'D1=""', 'N(A1)', 'LOWER(TRIM(B1&""))', 'ISNUMBER(SEARCH("done",B1&""))', 'SUMPRODUCT(--ISNUMBER(A1:H1))', 'SUMPRODUCT(C1:H1,C1:H1)', 'COUNTIF(A1:H1,"<0")', 'AVERAGE(A1:H1)', 'IF(A1="",0,1)', 'MAX(0,MIN(1,(C1-0)/(1-0)))', 'NA()', 'ISERROR(1/0)', 'F1=TRUE', 'LOWER(TRIM(F1&""))','COUNT(A1:H1)']) {
  try { console.log(f, '=>', JSON.stringify(p.parse(f, {sheet: 'S', row: 2, col: 1}))); } catch (e) { console.log(f, 'ERR', e.message); }
}
