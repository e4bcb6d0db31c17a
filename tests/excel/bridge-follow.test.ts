/**
 * The Excel bridge tells the panel when the user changed the sheet under it (onSheetChange): another sheet shown,
 * cells pasted or typed; never the add-in's own writes (a command's, or the Updated stamp's). Over the in-memory
 * Excel, whose events arrive asynchronously as Office delivers them.
 */
import { createExcelBridge } from '../../excel-addin/bridge';
import { createOffice } from '../../playground/excel-sim';
import { englishTable } from '../../fixtures/sheets';
import { bookWith } from './helpers';

const settle = () => new Promise((r) => setTimeout(r, 20));

test('a paste, an edit or another sheet shown is told; a command is not', async () => {
  const { wb, excel } = bookWith([
    { name: 'Team', grid: englishTable },
    { name: 'Notes', grid: [['notes']] },
  ]);
  const bridge = createExcelBridge(excel, createOffice(wb, 'en-US'));
  let told = 0;
  bridge.onSheetChange!(() => told++);
  await settle();

  expect((await bridge.run('convert')).ok).toBe(true);
  await settle();
  expect(told).toBe(0);

  wb.paste('Team', 20, 0, [['a', 'b']]);
  await settle();
  expect(told).toBe(1);

  wb.edit('Team', 5, 3, '0.3');
  await settle();
  expect(told).toBe(2);

  wb.activate('Notes');
  await settle();
  expect(told).toBe(3);
  wb.activate('Notes'); // already shown: nothing changed
  await settle();
  expect(told).toBe(3);
});

test('without the workbook-wide change event (ExcelApi 1.8) only sheet switches are told, and nothing fails', async () => {
  const { wb, excel } = bookWith([
    { name: 'Team', grid: englishTable },
    { name: 'Notes', grid: [['notes']] },
  ]);
  wb.apiVersion = 8;
  const g = globalThis as { Office?: unknown };
  g.Office = { context: { requirements: { isSetSupported: (_: string, v?: string) => Number(v?.slice(2)) <= 8 } } };
  try {
    const bridge = createExcelBridge(excel, createOffice(wb, 'en-US'));
    let told = 0;
    bridge.onSheetChange!(() => told++);
    await settle();
    wb.edit('Team', 5, 3, '0.3');
    await settle();
    expect(told).toBe(0);
    wb.activate('Notes');
    await settle();
    expect(told).toBe(1);
  } finally {
    delete g.Office;
  }
});
