/**
 * The panel's Excel bridge over the in-memory Office/Excel: language from Office, settings saved in the document
 * and used by the next command, findings select their cell.
 */
import { createExcelBridge, SETTINGS_KEY } from '../../excel-addin/bridge';
import { createOffice } from '../../playground/excel-sim';
import { englishTable } from '../fixtures/sheets';
import { bookWith } from './helpers';

const EN = 'Q4 OKRs';

function setup(lang = 'zh-CN') {
  const { wb, excel } = bookWith([{ name: EN, grid: englishTable }], false);
  const office = createOffice(wb, lang);
  return { wb, office, bridge: createExcelBridge(excel, office) };
}

test("the language follows Office's display language until the user saves another", async () => {
  const { wb, bridge } = setup('zh-CN');
  expect(bridge.host).toBe('excel');
  expect(bridge.locale()).toBe('zh-CN');
  expect((await bridge.getSettings()).lang).toBe('zh');
  await bridge.saveSettings({ ...(await bridge.getSettings()), lang: 'en' });
  expect((wb.settings[SETTINGS_KEY] as { lang: string }).lang).toBe('en');
  expect((await bridge.getSettings()).lang).toBe('en');
});

test('saved settings reach the next command: the staleness limit decides which KRs are flagged', async () => {
  const { bridge } = setup('en-US');
  // The bridge runs with the real today, so use limits that do not depend on it: every KR of the fixture has an
  // Updated date in the past, so 0 days flags them, 100,000 days flags none.
  const stale = async (days: number) => {
    await bridge.saveSettings({ ...(await bridge.getSettings()), limits: { ...(await bridge.getSettings()).limits, staleDays: days } });
    const res = await bridge.run('validate');
    const findings = (res.details as { findings: { rule: string }[] }).findings;
    return findings.filter((f) => /stale/.test(f.rule)).length;
  };
  await bridge.run('convert');
  expect(await stale(100000)).toBe(0);
  expect(await stale(0)).toBeGreaterThan(0);
});

test('a finding clicked in the panel selects its cell', async () => {
  const { wb, bridge } = setup();
  wb.addSheet('Other');
  wb.activate('Other');
  await bridge.select(EN, 11, 9);
  expect(wb.active.name).toBe(EN);
  expect(wb.selection).toEqual({ sheet: EN, rect: { row: 11, col: 9, rows: 1, cols: 1 } });
});
