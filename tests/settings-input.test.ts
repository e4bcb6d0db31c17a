/**
 * Settings are checked before a host saves them: a 1 MB cycle, bands out of order or settings too large for a
 * document property get a message in the user's language, in core, in Excel's bridge and in the built Sheets
 * project (where Apps Script would otherwise throw its own "Argument too large" at the user). Nothing is stored.
 */
import { DEFAULT_SETTINGS, resolveSettings, settingsProblems, SETTINGS_MAX_CHARS } from '../core/settings';
import { createExcelBridge, SETTINGS_KEY } from '../excel-addin/bridge';
import { createOffice } from '../playground/excel-sim';
import { englishTable } from './fixtures/sheets';
import { bookWith } from './excel/helpers';
import { loadProject, plain } from './gas/harness';

const MB_CYCLE = '2026-Q4'.repeat(150_000); // about 1 MB

describe('core settingsProblems', () => {
  test('cycles people write pass; a 1 MB cycle and words that are no cycle do not', () => {
    for (const ok of ['2026-Q4', '2026-10', '2026', 'Q4 2026', '2026年第四季度', '', null, undefined]) {
      expect(settingsProblems({ cycle: ok })).toEqual([]);
    }
    for (const bad of [MB_CYCLE, 'next quarter', 42.5, { id: 'x' }]) {
      const problems = settingsProblems({ cycle: bad });
      expect(problems).toHaveLength(1);
      expect(problems[0].en).toMatch(/Cycle must look like 2026-Q4/);
      expect(problems[0].zh).toMatch(/周期/);
    }
  });

  test('bands outside 0..1 or red above yellow, and limits that are not whole numbers', () => {
    expect(settingsProblems({ bands: { red: 0.7, yellow: 0.4 } })).toHaveLength(1);
    expect(settingsProblems({ bands: { red: -1, yellow: 0.4 } })).toHaveLength(1);
    expect(settingsProblems({ limits: { staleDays: 2.5 } })[0].en).toContain('staleDays');
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([]);
  });

  test('settings larger than a document property holds are refused with their size', () => {
    const columnRoles: Record<string, string> = {};
    for (let i = 0; i < 150; i++) columnRoles[`A very long column header number ${i} `.repeat(4).trim().slice(0, 190)] = 'notes';
    const problems = settingsProblems({ columnRoles });
    expect(JSON.stringify(resolveSettings({ columnRoles })).length).toBeGreaterThan(SETTINGS_MAX_CHARS);
    expect(problems.map((p) => p.en).join(' ')).toMatch(/too large/);
  });

  test('resolveSettings never carries a 1 MB cycle into a command', () => {
    expect(resolveSettings({ cycle: MB_CYCLE }).cycle).toBeNull();
    expect(resolveSettings({ cycle: ' 2026-Q4 ' }).cycle).toBe('2026-Q4');
  });
});

describe('Excel bridge', () => {
  test('saving a 1 MB cycle is refused with the message in the user language; the document keeps its settings', async () => {
    const { wb, excel } = bookWith([{ name: 'Q4 OKRs', grid: englishTable }], false);
    const office = createOffice(wb, 'zh-CN');
    const bridge = createExcelBridge(excel, office);
    await expect(bridge.saveSettings({ ...(await bridge.getSettings()), cycle: MB_CYCLE })).rejects.toThrow(/周期格式应为/);
    expect(wb.settings[SETTINGS_KEY]).toBeUndefined();
  });
});

describe('Sheets (built bundle): panelSaveSettings', () => {
  test('a 1 MB cycle gets the clear message, not Apps Script\'s "Argument too large"; nothing is stored', () => {
    const p = loadProject({ locale: 'en_US' }, (b) => b.addSheet('S', [['x']]));
    let message = '';
    try {
      p.call('panelSaveSettings', JSON.stringify({ lang: 'en', cycle: MB_CYCLE }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Cycle must look like 2026-Q4/);
    expect(message).not.toMatch(/Argument too large/);
    expect(p.fake.documentProperties.store['okrGrid.settings']).toBeUndefined();
    // valid settings still save
    expect(plain(p.call('panelSaveSettings', JSON.stringify({ lang: 'en', cycle: '2026-Q4' }))).cycle).toBe('2026-Q4');
  });
});
