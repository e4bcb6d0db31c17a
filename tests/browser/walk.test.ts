/**
 * A quarter as a new user clicks it in the playground (issue 11): Convert -> Validate -> Score quarter -> Start next
 * quarter -> Clear highlights -> the panel's summary, pressing the buttons in order and never going back to the OKR
 * sheet by hand, on the English sample and the Chinese one. Every step must work from wherever the previous one
 * left the user, and the summary must describe the OKR sheet (its objective and KR counts are the fixtures' facts:
 * English 2 objectives / 7 KRs, Chinese 1 objective / 3 KRs, tests/fixtures/sheets.ts).
 * The workbook is inspected through window.okrPlayground (what the grid draws comes from it), not by switching tabs.
 */
import type { Page } from 'playwright-core';
import { command, describeBrowser, pageSession, openPlayground, tabNames } from './harness';

jest.setTimeout(180_000);

interface SheetLook {
  /** 'A1' -> fill shown (own fill or conditional format), for every cell of the used range that has one. */
  fills: Record<string, string>;
  /** 'A1' -> note text. */
  notes: Record<string, string>;
}

/** What a person sees on a sheet: its fills and notes (read from the page's workbook, formulas evaluated). */
function look(page: Page, sheet: string): Promise<SheetLook> {
  return page.evaluate((name) => {
    type Wb = {
      sheet(n: string):
        | {
            usedRect(v: boolean): { row: number; col: number; rows: number; cols: number } | null;
            notes: Map<string, string>;
          }
        | undefined;
      displayFill(s: string, r: number, c: number): string | null;
    };
    const wb = (window as unknown as { okrPlayground: { workbook: Wb } }).okrPlayground.workbook;
    const sh = wb.sheet(name);
    const out = { fills: {} as Record<string, string>, notes: {} as Record<string, string> };
    if (!sh) return out;
    const col = (c: number) => {
      let s = '';
      for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      return s;
    };
    const used = sh.usedRect(false);
    if (used)
      for (let r = used.row; r < used.row + used.rows; r++)
        for (let c = used.col; c < used.col + used.cols; c++) {
          const f = wb.displayFill(name, r, c);
          if (f) out.fills[`${col(c)}${r + 1}`] = f.toLowerCase();
        }
    for (const [key, text] of sh.notes) {
      const [r, c] = key.split(',').map(Number);
      out.notes[`${col(c)}${r + 1}`] = text;
    }
    return out;
  }, sheet);
}

const activeTab = (page: Page) => page.locator('.sheet-tab.active').textContent();
const card = async (page: Page, name: string) =>
  ((await page.locator(`#app [data-summary="${name}"] .okr-card-value`).textContent()) ?? '').trim();

interface Case {
  lang: 'en' | 'zh';
  sample: string;
  objectives: number;
  krs: number;
  /** The scorecard and next-quarter sheets' names. */
  scorecard: RegExp;
  next: RegExp;
}

const CASES: Case[] = [
  { lang: 'en', sample: 'english', objectives: 2, krs: 7, scorecard: /^Scorecard 2026-Q4$/, next: /2027-Q1/ },
  { lang: 'zh', sample: 'chinese', objectives: 1, krs: 3, scorecard: /^计分卡 /, next: /2026-11|2027-Q1|11月/ },
];

describeBrowser('a quarter clicked in order, without going back to the OKR sheet', () => {
  const session = pageSession({ viewport: { width: 1400, height: 900 } });
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  /**
   * The walk, step by step; `through` stops it after Start next quarter (the part that must never regress on its own)
   * or goes on through Clear highlights and the summary.
   */
  async function walk(k: Case, through: 'rollForward' | 'summary'): Promise<void> {
    await openPlayground(page, session.url, `?sample=${k.sample}&lang=${k.lang}`);
    const steps: { step: string; kind: string; text: string }[] = [];
    const step = async (name: string) => {
      const r = await command(page, name);
      steps.push({ step: name, ...r });
      return r;
    };
    const speaks = (text: string) =>
      k.lang === 'zh' ? /[\u4e00-\u9fff]/.test(text) : !/[\u4e00-\u9fff]{2}/.test(text.replace(/“[^”]*”|"[^"]*"/g, ''));

    // 1. Convert: the OKR sheet is the active one afterwards (the outline's new grid for the Chinese sample).
    expect((await step('convert')).kind).toBe('ok');
    const okrSheet = (await activeTab(page))!;
    const converted = await look(page, okrSheet);

    // 2. Validate: cells highlighted with a note, findings listed.
    expect((await step('validate')).kind).toBe('ok');
    const validated = await look(page, okrSheet);
    const marked = Object.keys(validated.notes).filter((a) => validated.notes[a] !== converted.notes[a]);
    expect(marked.length).toBeGreaterThan(0);
    expect(await page.locator('#app .okr-finding').count()).toBeGreaterThan(0);

    // 3. Score quarter: the scorecard is written and shown.
    expect((await step('score')).kind).toBe('ok');
    const tabs = await tabNames(page);
    expect(tabs.some((t) => k.scorecard.test(t))).toBe(true);

    // 4. Start next quarter, pressed on whatever sheet Score quarter left shown: it works on the OKR sheet and says so.
    const next = await step('rollForward');
    expect(next).toEqual({ kind: 'ok', text: expect.stringContaining(okrSheet) });
    const newTabs = (await tabNames(page)).filter((t) => !tabs.includes(t));
    expect(newTabs.filter((t) => k.next.test(t))).toHaveLength(1);

    if (through === 'summary') {
      // 5. Clear highlights, pressed where the user now is: the OKR sheet's marked cells are back as they were.
      expect((await step('clear')).kind).toBe('ok');
      const cleared = await look(page, okrSheet);
      for (const a of marked) {
        expect([a, cleared.notes[a] ?? null]).toEqual([a, converted.notes[a] ?? null]);
        expect([a, cleared.fills[a] ?? null]).toEqual([a, converted.fills[a] ?? null]);
      }
      // 6. The summary describes the OKR sheet, wherever the user is.
      expect(await card(page, 'objectives')).toBe(String(k.objectives));
      expect(await card(page, 'krs')).toBe(String(k.krs));
    }

    // Every message in the user's language; no step failed.
    for (const s of steps) expect([s.step, s.kind, speaks(s.text)]).toEqual([s.step, 'ok', true]);
  }

  for (const k of CASES) {
    test(`${k.lang}: Convert -> Validate -> Score quarter -> Start next quarter, never going back to the OKR sheet`, async () => {
      await walk(k, 'rollForward');
    });

    test(`${k.lang}: the whole walk, through Clear highlights and the summary`, async () => {
      await walk(k, 'summary');
    });
  }
});
