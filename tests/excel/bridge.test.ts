/**
 * The panel's Excel bridge over the in-memory Office/Excel: language from Office, settings saved in the document
 * and used by the next command, findings select their cell.
 */
import { createExcelBridge, loadSettings, SETTINGS_KEY } from '../../excel-addin/bridge';
import { createExcel, createOffice } from '../../playground/excel-sim';
import { chineseOutline, englishTable } from '../../fixtures/sheets';
import type { ExcelLike } from '../../excel-addin/adapter';
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
  expect((await bridge.getSettings()).followLocale).toBe(true); // nothing saved yet
  await bridge.saveSettings({ ...(await bridge.getSettings()), lang: 'en' });
  expect((wb.settings[SETTINGS_KEY] as { lang: string }).lang).toBe('en');
  expect((await bridge.getSettings()).lang).toBe('en');
  expect((await bridge.getSettings()).followLocale).toBe(false);
});

test('settings saved on "Automatic" keep following Office: the pane and the commands get the display language', async () => {
  const { wb, office, bridge } = setup('en-US');
  // Saved while Office was English, so the panel hands over lang 'en' along with "follow the locale".
  await bridge.saveSettings({ ...(await bridge.getSettings()), lang: 'en', cycle: '2026-Q4' }, true);
  expect(wb.settings[SETTINGS_KEY]).not.toHaveProperty('lang');
  expect((wb.settings[SETTINGS_KEY] as { cycle: string }).cycle).toBe('2026-Q4');
  expect(loadSettings(office).lang).toBe('en');

  // The same document opened in a Chinese Office: what core runs with and what the pane shows are both Chinese.
  const zhOffice = createOffice(wb, 'zh-CN');
  const zh = createExcelBridge(createExcel(wb) as unknown as ExcelLike, zhOffice);
  expect(loadSettings(zhOffice)).toMatchObject({ lang: 'zh', cycle: '2026-Q4' });
  expect(await zh.getSettings()).toMatchObject({ lang: 'zh', cycle: '2026-Q4', followLocale: true });

  // Picking a language later fixes it, whatever Office's language is.
  await zh.saveSettings({ ...(await zh.getSettings()), lang: 'en' }, false);
  expect(loadSettings(zhOffice).lang).toBe('en');
  expect((await zh.getSettings()).followLocale).toBe(false);
});

test('settings saved on "Automatic" in an English Office: convert in a Chinese Office writes Chinese', async () => {
  const { wb, excel } = bookWith([{ name: '10月OKR', grid: chineseOutline }], false);
  const en = createExcelBridge(excel, createOffice(wb, 'en-US'));
  await en.saveSettings(await en.getSettings(), true);
  const zh = createExcelBridge(createExcel(wb) as unknown as ExcelLike, createOffice(wb, 'zh-CN'));
  expect((await zh.run('convert')).ok).toBe(true);
  const names = wb.sheets.map((s) => s.name);
  expect(names.length).toBe(2);
  // convert names its new grid sheet after the outline plus a word in the language core writes in
  const added = names.find((n) => n !== '10月OKR')!.replace('10月OKR', '');
  expect(added).toMatch(/[\u4e00-\u9fff]/);
  expect(added).not.toMatch(/[A-Za-z]/);
});

test('saved settings reach the next command: the staleness limit decides which KRs are flagged', async () => {
  const { bridge } = setup('en-US');
  // The bridge runs with the real today, so use limits that do not depend on it: every KR of the fixture has an
  // Updated date in the past, so 0 days flags them, 100,000 days flags none.
  const stale = async (days: number) => {
    await bridge.saveSettings({
      ...(await bridge.getSettings()),
      limits: { ...(await bridge.getSettings()).limits, staleDays: days },
    });
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
