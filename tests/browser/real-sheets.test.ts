/**
 * A manager's quarter on REAL sheets (tests/fixtures/real/), brought into the playground the way a manager brings
 * theirs: copied from Excel and pasted with Ctrl+V (the clipboard text Excel writes: tab-separated, CRLF rows, a
 * cell with a line break quoted), or a .csv file opened. Then Convert, edit a current value, Validate, Score quarter,
 * Check in, Score quarter again, Start next quarter, Clear highlights, in Chinese and in English.
 * The counts the panel must show are the corpus's person-written expectations, not the program's output.
 */
import type { Page } from 'playwright-core';
import { sheet as student } from '../fixtures/real/mrarcrm-okr-month-columns-cn';
import { sheet as viva } from '../fixtures/real/viva-goals-explorer-export';
import type { RealSheet } from '../fixtures/real/types';
import {
  cell,
  command,
  describeBrowser,
  eventually,
  findInRow,
  openPlayground,
  pageSession,
  typeInto,
} from './harness';

jest.setTimeout(240_000);

/** The sheet as Excel puts a copied block on the clipboard. */
function clipboardText(values: unknown[][]): string {
  const cellText = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[\t\r\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return values.map((row) => row.map(cellText).join('\t') + '\r\n').join('');
}

/** What the workbook holds at (row, col) of the active sheet. */
function held(page: Page, row: number, col: number): Promise<unknown> {
  return page.evaluate(
    ([r, c]) =>
      (
        window as unknown as { okrPlayground: { workbook: { active: { get(r: number, c: number): { v?: unknown } } } } }
      ).okrPlayground.workbook.active.get(r, c)?.v,
    [row, col],
  );
}

const card = async (page: Page, name: string) =>
  ((await page.locator(`#app [data-summary="${name}"] .okr-card-value`).textContent()) ?? '').trim();

/** A message in the page's language: Chinese ones have Chinese; English ones no two Chinese characters outside quotes. */
const speaks = (lang: 'en' | 'zh', text: string) =>
  lang === 'zh' ? /[\u4e00-\u9fff]/.test(text) : !/[\u4e00-\u9fff]{2}/.test(text.replace(/“[^”]*”|"[^"]*"/g, ''));

const krCount = (s: RealSheet) => s.expect.objectives.reduce((n, o) => n + o.krs.length, 0);

describeBrowser("a manager's quarter on real sheets pasted from Excel", () => {
  const session = pageSession({
    viewport: { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  async function pasteSheet(s: RealSheet, lang: 'en' | 'zh'): Promise<void> {
    await openPlayground(page, session.url, `?sample=empty&lang=${lang}`);
    await page.evaluate((text) => navigator.clipboard.writeText(text), clipboardText(s.values));
    await cell(page, 'A1').click();
    await page.keyboard.press('Control+V');
    // Every text cell exactly as copied (full-width punctuation, `KR1 - ` labels, `/30` tallies: text, no formula).
    for (let r = 0; r < s.values.length; r++)
      for (let c = 0; c < s.values[r].length; c++) {
        const v = s.values[r][c];
        if (typeof v === 'string' && v && !/^\d{4}-\d\d-\d\d$/.test(v))
          expect([r, c, await held(page, r, c)]).toEqual([r, c, v]);
        if (typeof v === 'number') expect([r, c, await held(page, r, c)]).toEqual([r, c, v]);
      }
  }

  /** The quarter's buttons after Convert, in order; every step must work and speak the page's language. */
  async function restOfQuarter(lang: 'en' | 'zh'): Promise<void> {
    for (const step of ['validate', 'score', 'checkin', 'score', 'rollForward', 'clear']) {
      const r = await command(page, step);
      expect([step, r.kind, speaks(lang, r.text)]).toEqual([step, 'ok', true]);
    }
  }

  for (const lang of ['zh', 'en'] as const) {
    test(`${lang}: a Chinese student's OKR table (objective written once per block, long titles)`, async () => {
      await pasteSheet(student, lang);
      // The panel follows the paste: it reads the pasted sheet before Convert is pressed.
      const objectives = String(student.expect.objectives.length);
      await eventually(
        () => card(page, 'objectives'),
        (v) => expect(v).toBe(objectives),
      );
      expect(await card(page, 'krs')).toBe(String(krCount(student)));

      const converted = await command(page, 'convert');
      expect([converted.kind, speaks(lang, converted.text)]).toEqual(['ok', true]);
      // A long KR title in the frozen Key Result column ends at the freeze line, not over the scrolled cells.
      const freezeLine = await page.locator('#grid thead th.frozen-col').last().boundingBox();
      const long = page.locator('#grid td[data-addr="B3"] .cv');
      expect(await long.textContent()).toBe(student.values[2][1]);
      const box = await long.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(freezeLine!.x + freezeLine!.width + 1);

      // The manager types KR1's current value into the Current column Convert added: the average moves at once.
      const current = await findInRow(page, 1, lang === 'zh' ? /^当前值$/ : /^Current$/);
      expect(current).not.toBeNull();
      const before = await card(page, 'average');
      await typeInto(page, `${current!.replace(/\d+$/, '')}2`, '1');
      await eventually(
        () => card(page, 'average'),
        (v) => expect(v).not.toBe(before),
      );
      await restOfQuarter(lang);
      expect(await card(page, 'objectives')).toBe(objectives);
    });

    test(`${lang}: a Viva Goals export holding an annual and a quarterly cycle`, async () => {
      await pasteSheet(viva, lang);
      expect((await command(page, 'convert')).kind).toBe('ok');
      // The counts are the annual cycle's (Score quarter closes that one); the pane says so and names the other.
      const title = (await page.locator('#app .okr-summary h2').textContent()) ?? '';
      expect(title).toContain('2025');
      const note = (await page.locator('#app [data-note="cycles"]').textContent()) ?? '';
      expect(note).toContain('2025-Q3');
      expect(speaks(lang, note)).toBe(true);
      const annual = viva.expect.objectives.filter((o) => o.cycle?.end === '2025-12-31');
      expect(await card(page, 'objectives')).toBe(String(annual.length));
      await restOfQuarter(lang);
    });
  }

  test('pasted markup is shown as text, and a pasted `=` or `-` line is the text it was, not a formula', async () => {
    await openPlayground(page, session.url, '?sample=empty&lang=en');
    const img = '<img src=x onerror="document.title=\'pwned\'">';
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${img}\t=1+1\t- KR1: +5%\r\n`);
    await cell(page, 'A1').click();
    await page.keyboard.press('Control+V');
    await eventually(
      () => held(page, 0, 0),
      (v) => expect(v).toBe(img),
    );
    expect([await held(page, 0, 1), await held(page, 0, 2)]).toEqual(['=1+1', '- KR1: +5%']);
    expect(await page.locator('#grid img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('#grid td[data-addr="B1"]').getAttribute('data-formula')).toBeNull();
  });

  test('a .csv file opens as a sheet named after the file, its text exact, and converts', async () => {
    await openPlayground(page, session.url, '?sample=english&lang=zh');
    const csv = student.values
      .map((row) => row.map((v) => (/[,"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(','))
      .join('\r\n');
    await page.setInputFiles('#open-file', {
      name: '暑期 OKR.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
    });
    await eventually(
      () => page.locator('.sheet-tab').allTextContents(),
      (v) => expect(v).toEqual(['暑期 OKR']),
    );
    expect(await held(page, 8, 1)).toBe('KR8 - 每天11:30睡，7:00起床');
    expect(await held(page, 1, 2)).toBe('/30');
    expect((await command(page, 'convert')).kind).toBe('ok');
    expect(await card(page, 'krs')).toBe(String(krCount(student)));
  });
});
