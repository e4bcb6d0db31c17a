/**
 * The in-memory Excel behaves like Office where the add-in depends on it: proxies, load + sync before reads,
 * queued writes, counted syncs, a failing op stopping the batch with the earlier ops applied, typed-input rules.
 */
import {
  createExcel,
  SimWorkbook,
  shiftFormula,
  parseLocal,
  rectToA1,
  SimRequestContext,
} from '../../playground/excel-sim';

function book() {
  const wb = new SimWorkbook({
    Data: [
      ['a', 1],
      ['b', 2],
    ],
  });
  return { wb, excel: createExcel(wb) };
}

test('a property read before load() + sync() throws PropertyNotLoaded; after sync it is there', async () => {
  const { excel } = book();
  await excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('Data').getRange('A1:B2');
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    r.load('values');
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await ctx.sync();
    expect(r.values).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(() => r.formulas).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
});

test('writes are queued until sync and syncs are counted (Excel.run syncs what is left)', async () => {
  const { wb, excel } = book();
  const before = wb.syncCount;
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('Data').getRange('A1').values = [['changed']];
    expect(wb.sheet('Data')!.get(0, 0)!.v).toBe('a');
    await ctx.sync();
    expect(wb.sheet('Data')!.get(0, 0)!.v).toBe('changed');
    ctx.workbook.worksheets.getItem('Data').getRange('A2').values = [['left queued']];
  });
  expect(wb.sheet('Data')!.get(1, 0)!.v).toBe('left queued');
  expect(wb.syncCount - before).toBe(2);
});

test('a fault at the Nth write stops the batch: earlier writes stay, later ones never run', async () => {
  const { wb, excel } = book();
  wb.injectFault(2);
  await expect(
    excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Data');
      ws.getRange('A1').values = [['one']];
      ws.getRange('A2').values = [['two']];
      ws.getRange('B1').values = [['three']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'GeneralException' });
  expect(wb.valuesOf('Data')).toEqual([
    ['one', 1],
    ['b', 2],
  ]);
});

test('values are interpreted like typing: "=" makes a formula, an apostrophe keeps text', async () => {
  const { wb, excel } = book();
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Data');
    ws.getRange('A1:D1').values = [["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0", '12', '40%']];
    await ctx.sync();
  });
  const s = wb.sheet('Data')!;
  expect(s.get(0, 0)!.f).toBe("=cmd|' /C calc'!A0");
  expect(s.get(0, 1)).toMatchObject({ v: "=cmd|' /C calc'!A0", quote: true });
  expect(s.get(0, 1)!.f).toBeUndefined();
  expect(s.get(0, 2)!.v).toBe(12);
  expect(s.get(0, 3)!.v).toBeCloseTo(0.4);
});

test('a matrix that does not fit the range is refused, as Office does', async () => {
  const { excel } = book();
  await expect(
    excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('A1:B2').values = [['only one']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
});

test('getItem of a missing sheet fails at sync; getItemOrNullObject gives a null object', async () => {
  const { excel } = book();
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject('Nope');
    ws.load('name');
    await ctx.sync();
    expect(ws.isNullObject).toBe(true);
  });
  await expect(
    excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Nope').load('name');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemNotFound' });
});

test('tables cannot overlap; conditional formats, validation, notes and events are kept', async () => {
  const { wb, excel } = book();
  const events: string[] = [];
  wb.onChanged(null, (e) => events.push(e.address));
  await excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Data');
    ws.tables.add('A1:B2', true).name = 'Goals';
    const cf = ws.getRanges('A1:A2,B1:B2').conditionalFormats.add('Custom');
    cf.custom.rule.formula = '=A1="a"';
    cf.custom.format.fill.color = '#ff0000';
    ws.getRange('B1:B2').dataValidation.rule = { list: { inCellDropDown: true, source: 'x,y' } };
    ws.notes.add('A2', 'hello');
    ws.getRange('C1').values = [['new']];
    await ctx.sync();
  });
  const s = wb.sheet('Data')!;
  expect(s.tables).toEqual([{ id: expect.any(Number), name: 'Goals', rect: { row: 0, col: 0, rows: 2, cols: 2 } }]);
  expect(s.conditionalFormats[0]).toMatchObject({
    formula: '=A1="a"',
    fill: '#FF0000',
    ranges: [parseLocal('A1:A2'), parseLocal('B1:B2')],
  });
  expect(s.validations[0].list).toEqual(['x', 'y']);
  expect(s.notes.get('1,0')).toBe('hello');
  await Promise.resolve();
  expect(events).toEqual(['C1']);
  await expect(
    excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').tables.add('B2:C3', true);
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidOperation' });
});

test('conditional formats are shown where their formula, moved to each cell, is true', () => {
  const wb = new SimWorkbook({ S: [[0.2], [0.9]] });
  wb.evaluator = (f, ctx) => {
    const m = /^=\$A(\d+)<0\.4$/.exec(f);
    return m ? Number(ctx.value(ctx.sheet, Number(m[1]) - 1, 0)) < 0.4 : null;
  };
  const s = wb.sheet('S')!;
  wb.addConditionalFormat(s, [{ row: 0, col: 0, rows: 2, cols: 1 }]).formula = '=$A1<0.4';
  s.conditionalFormats[0].fill = '#F4C7C3';
  expect(wb.displayFill('S', 0, 0)).toBe('#F4C7C3');
  expect(wb.displayFill('S', 1, 0)).toBeNull();
});

test('address helpers: relative references move, absolute ones and text stay', () => {
  expect(shiftFormula('=AND($K2<0.4,K2>0,"B2",N("okr-grid")=0)', 3, 1)).toBe('=AND($K5<0.4,L5>0,"B2",N("okr-grid")=0)');
  expect(shiftFormula("=SUM('OKR History'!B2:B3)", 1, 0)).toBe("=SUM('OKR History'!B3:B4)");
  expect(rectToA1(parseLocal('$C$3:$D$9')!)).toBe('C3:D9');
  expect(parseLocal('C:C')).toEqual({ row: 0, col: 2, rows: 1048576, cols: 1 });
});

test('reading a whole sheet at once is refused like an oversized payload', async () => {
  const { excel } = book();
  await expect(
    excel.run(async (ctx: SimRequestContext) => {
      ctx.workbook.worksheets.getItem('Data').getRange().load('values');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
});
