/**
 * @jest-environment jsdom
 */
/// <reference lib="dom" />
/*
 * The panel UI (panel/panel.ts) against a scripted bridge: escaping, both languages, findings, settings, busy state.
 */
import type { CommandName, PanelResult } from '../panel/bridge';
import { button, mount, scripted, until } from './fakes/panel-bridge';
import { PANEL_TEXT } from '../panel/strings';
import { DEFAULT_SETTINGS } from '../core/settings';

const XSS = '<img src=x onerror=alert(1)>';

const summary = (
  objectives: number,
  krs: number,
  averageScore: number | null,
  red: number,
  yellow: number,
  green: number,
): PanelResult => ({
  ok: true,
  summary: { en: 'Summary', zh: '概览' },
  details: { objectives, krs, averageScore, bands: { red, yellow, green } },
});

const finding = (row: number, col: number, en: string, zh: string, sheet = 'Team OKRs') => ({
  rule: 'kr-has-number',
  severity: 'error',
  sheet,
  row,
  col,
  message: { en, zh },
});

describe('panel strings', () => {
  test('every UI string exists in English and Chinese', () => {
    for (const [key, m] of Object.entries(PANEL_TEXT)) {
      expect([key, m.en.trim().length > 0]).toEqual([key, true]);
      expect([key, m.zh.trim().length > 0]).toEqual([key, true]);
    }
  });
});

describe('mountPanel', () => {
  test('shows the summary counts from the summary command', async () => {
    const s = scripted('en-US', { summary: summary(3, 7, 0.55, 1, 2, 4) });
    const root = await mount(s);
    expect(s.runs).toEqual(['summary']);
    const val = (name: string) => root.querySelector(`[data-summary="${name}"] .okr-card-value`)!.textContent;
    expect(val('objectives')).toBe('3');
    expect(val('krs')).toBe('7');
    expect(val('average')).toBe('0.55');
    expect(root.querySelector('[data-band="red"]')!.textContent).toBe('Red 1');
    expect(root.querySelector('[data-band="yellow"]')!.textContent).toBe('Yellow 2');
    expect(root.querySelector('[data-band="green"]')!.textContent).toBe('Green 4');
  });

  test('a sheet that is not a grid yet shows dashes and a hint, not zeros', async () => {
    const root = await mount(scripted('en-US', {}));
    expect(root.querySelector('[data-summary="krs"] .okr-card-value')!.textContent).toBe('–');
    expect(root.textContent).toContain(PANEL_TEXT.noData.en);
  });

  test('English locale: English labels; Chinese locale: Chinese labels', async () => {
    const en = await mount(scripted('en-US', {}));
    expect(button(en, 'convert').textContent).toBe('Convert');
    expect(button(en, 'rollForward').textContent).toBe('Start next quarter');
    expect(en.dataset.lang).toBe('en');

    const zh = await mount(scripted('zh-CN', {}));
    expect(zh.dataset.lang).toBe('zh');
    expect(button(zh, 'convert').textContent).toBe('转换');
    expect(button(zh, 'score').textContent).toBe('季度评分');
    expect(zh.textContent).not.toContain('Convert');
  });

  test('a language saved in settings wins over the host locale', async () => {
    const root = await mount(scripted('en-US', {}, { ...DEFAULT_SETTINGS, lang: 'zh', cycle: '2026-Q4' }));
    expect(root.dataset.lang).toBe('zh');
    expect(button(root, 'validate').textContent).toBe('检查');
  });

  test('findings, summaries and sheet names are shown as text, never parsed as HTML', async () => {
    const s = scripted('en-US', {
      validate: {
        ok: true,
        summary: { en: `2 problems ${XSS}`, zh: `2 个问题 ${XSS}` },
        details: {
          findings: [finding(4, 2, XSS, XSS, `<b>Sheet</b>`), finding(5, 3, '<script>window.__pwned=1</script>', 'x')],
        },
      },
    });
    const root = await mount(s);
    button(root, 'validate').click();
    await until(() => root.querySelectorAll('.okr-finding').length === 2, 'findings');
    await until(() => root.dataset.state === 'ready', 'idle');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect((window as any).__pwned).toBeUndefined();
    const items = Array.from(root.querySelectorAll('.okr-finding'));
    expect(items[0].querySelector('.okr-text')!.textContent).toBe(XSS);
    expect(items[0].querySelector('.okr-where')!.textContent).toBe('<b>Sheet</b>!C5');
    expect(items[1].querySelector('.okr-where')!.textContent).toBe('Team OKRs!D6');
    expect(root.querySelector('[data-kind="ok"]')!.textContent).toBe(`2 problems ${XSS}`);
  });

  test('clicking a finding selects its cell through the bridge', async () => {
    const s = scripted('en-US', {
      validate: {
        ok: true,
        summary: { en: '1', zh: '1' },
        details: { findings: [finding(9, 11, 'KR has no target', '关键结果没有目标值')] },
      },
    });
    const root = await mount(s);
    button(root, 'validate').click();
    await until(() => !!root.querySelector('.okr-finding'), 'finding');
    (root.querySelector('.okr-finding') as HTMLElement).click();
    await until(() => s.selects.length === 1, 'select');
    expect(s.selects[0]).toEqual(['Team OKRs', 9, 11]);
  });

  test('findings show in Chinese when the panel is Chinese', async () => {
    const s = scripted('zh-CN', {
      validate: {
        ok: true,
        summary: { en: '1 problem', zh: '1 个问题' },
        details: { findings: [finding(1, 1, 'KR has no target', '关键结果没有目标值')] },
      },
    });
    const root = await mount(s);
    button(root, 'validate').click();
    await until(() => !!root.querySelector('.okr-finding'), 'finding');
    expect(root.querySelector('.okr-text')!.textContent).toBe('关键结果没有目标值');
    await until(() => !!root.querySelector('[data-kind="ok"]'), 'message');
    expect(root.querySelector('[data-kind="ok"]')!.textContent).toBe('1 个问题');
  });

  test('a failed command shows its summary as an error; a thrown one shows the reason', async () => {
    const s = scripted('en-US', {
      convert: { ok: false, summary: { en: 'No header row found', zh: '找不到表头' } },
      score: new Error('sync failed'),
    });
    const root = await mount(s);
    button(root, 'convert').click();
    await until(() => !!root.querySelector('[data-kind="error"]'), 'error');
    expect(root.querySelector('[data-kind="error"]')!.textContent).toBe('No header row found');
    await until(() => root.dataset.state === 'ready', 'idle');
    button(root, 'score').click();
    await until(() => root.querySelectorAll('[data-kind="error"]').length === 2, 'second error');
    expect(root.querySelector('[data-kind="error"]')!.textContent).toBe(`${PANEL_TEXT.failed.en} sync failed`);
  });

  test('buttons are disabled while a command runs; a second click does not run it twice', async () => {
    let release: () => void = () => undefined;
    const s = scripted('en-US', {});
    const runs: CommandName[] = [];
    s.bridge.run = (c) => {
      runs.push(c);
      if (c !== 'score') return Promise.resolve({ ok: false, summary: { en: '', zh: '' } });
      return new Promise((r) => {
        release = () => r({ ok: true, summary: { en: 'Scored', zh: '已评分' } });
      });
    };
    const root = await mount(s);
    button(root, 'score').click();
    await until(() => root.dataset.state === 'busy', 'busy');
    expect(button(root, 'convert').disabled).toBe(true);
    button(root, 'score').dispatchEvent(new MouseEvent('click'));
    expect(runs.filter((c) => c === 'score')).toHaveLength(1);
    release();
    await until(() => root.dataset.state === 'ready', 'idle');
    expect(button(root, 'convert').disabled).toBe(false);
    expect(root.querySelector('[data-kind="ok"]')!.textContent).toBe('Scored');
  });

  test('settings: valid values are saved, bad ones are refused with a message', async () => {
    const s = scripted('en-US', {});
    const root = await mount(s);
    const set = (name: string, v: string) => {
      (root.querySelector(`[name="${name}"]`) as HTMLInputElement).value = v;
    };
    const submit = () =>
      (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));

    set('red', '0.8');
    set('yellow', '0.5');
    submit();
    await until(() => !!root.querySelector('[data-kind="error"]'), 'refusal');
    expect(root.querySelector('[data-kind="error"]')!.textContent).toBe(PANEL_TEXT.badBands.en);
    expect(s.saved).toHaveLength(0);

    set('red', '0.3');
    set('yellow', '0.6');
    set('krsPerObjective', '5');
    set('staleDays', '7');
    set('cycle', '2026-q4');
    (root.querySelector('[name="lang"]') as HTMLSelectElement).value = 'zh';
    submit();
    await until(() => s.saved.length === 1, 'save');
    expect(s.saved[0].bands).toEqual({ red: 0.3, yellow: 0.6 });
    expect(s.saved[0].limits.krsPerObjective).toBe(5);
    expect(s.saved[0].limits.staleDays).toBe(7);
    expect(s.saved[0].limits.objectivesPerOwner).toBe(5);
    expect(s.saved[0].cycle).toBe('2026-Q4');
    expect(s.saved[0].lang).toBe('zh');
    expect(s.saved[0].formulaMode).toBe('addin'); // untouched: the default
    expect(s.follows[0]).toBe(false); // a language the user picked is saved as such
    await until(() => root.dataset.lang === 'zh', 'switch to Chinese');
    expect(button(root, 'convert').textContent).toBe('转换');
    expect(root.querySelector('[data-kind="ok"]')!.textContent).toBe(PANEL_TEXT.saved.zh);
  });

  test('settings: saving on "Automatic" saves no language choice, and the pane keeps following the host', async () => {
    const s = scripted('en-US', {});
    const root = await mount(s);
    const lang = () => root.querySelector('[name="lang"]') as HTMLSelectElement;
    expect(lang().value).toBe('auto');
    (root.querySelector('[name="staleDays"]') as HTMLInputElement).value = '9';
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => s.saved.length === 1, 'save');
    expect(s.follows[0]).toBe(true);
    expect(s.saved[0].limits.staleDays).toBe(9);
    expect(lang().value).toBe('auto');

    // The user switches the host to Chinese: the pane opens again on "Automatic", in Chinese.
    s.locale = 'zh-CN';
    const again = await mount(s);
    expect(again.dataset.lang).toBe('zh');
    expect((again.querySelector('[name="lang"]') as HTMLSelectElement).value).toBe('auto');
    expect((again.querySelector('[name="staleDays"]') as HTMLInputElement).value).toBe('9');
  });

  test('settings: English picked explicitly stays English on a Chinese host, even when every other setting is a default', async () => {
    const root = await mount(scripted('zh-CN', {}, { ...DEFAULT_SETTINGS, lang: 'en', followLocale: false }));
    expect(root.dataset.lang).toBe('en');
    expect((root.querySelector('[name="lang"]') as HTMLSelectElement).value).toBe('en');
    expect(button(root, 'convert').textContent).toBe('Convert');
  });

  test('settings: a host that follows its language shows "Automatic" even when other settings differ from the defaults', async () => {
    const root = await mount(
      scripted('zh-CN', {}, { ...DEFAULT_SETTINGS, lang: 'zh', cycle: '2026-Q4', followLocale: true }),
    );
    expect(root.dataset.lang).toBe('zh');
    expect((root.querySelector('[name="lang"]') as HTMLSelectElement).value).toBe('auto');
  });

  test('settings: a non-integer limit and a malformed cycle are refused', async () => {
    const s = scripted('en-US', {});
    const root = await mount(s);
    (root.querySelector('[name="staleDays"]') as HTMLInputElement).value = '-3';
    (root.querySelector('[name="cycle"]') as HTMLInputElement).value = 'Q9 2026';
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => !!root.querySelector('[data-kind="error"]'), 'refusal');
    const text = root.querySelector('[data-kind="error"]')!.textContent!;
    expect(text).toContain(PANEL_TEXT.staleDays.en);
    expect(text).toContain(PANEL_TEXT.badCycle.en);
    expect(s.saved).toHaveLength(0);
  });

  test('settings: the formula mode (add-in functions or portable formulas) is saved per workbook and shown again', async () => {
    const s = scripted('en-US', {});
    const root = await mount(s);
    const mode = () => root.querySelector('[name="formulaMode"]') as HTMLSelectElement;
    expect(mode().value).toBe('addin');
    mode().value = 'portable';
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => s.saved.length === 1, 'save');
    expect(s.saved[0].formulaMode).toBe('portable');
    const again = await mount(s);
    expect((again.querySelector('[name="formulaMode"]') as HTMLSelectElement).value).toBe('portable');
  });
});
