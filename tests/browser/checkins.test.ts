/**
 * Check in in the playground, in both languages: the samples carry a quarter of weekly check-ins, Check in adds
 * today's and draws the dashboard (the in-memory Excel keeps its three native charts, drawn over the cells) and the
 * panel's progress view (SVG bars and sparklines). Screenshots of both go to docs/ for the README.
 */
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import {
  command,
  describeBrowser,
  ensurePlaygroundBuild,
  eventually,
  launch,
  openPlayground,
  ROOT,
  serve,
  tabNames,
  watch,
  type Served,
} from './harness';

jest.setTimeout(180_000);

describeBrowser('check in: dashboard and progress view', () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    ensurePlaygroundBuild();
    served = await serve();
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  async function checkIn(page: Page, query: string, convert: boolean): Promise<string> {
    await openPlayground(page, served.url, query);
    if (convert) expect((await command(page, 'convert')).kind).toBe('ok');
    const res = await command(page, 'checkin');
    expect(res.kind).toBe('ok');
    return res.text;
  }

  test.each([
    ['en', '?sample=english&lang=en', false, 'OKR Check-ins', 'OKR Dashboard', /Checked in 2026-Q4/],
    ['zh', '?sample=english&lang=zh', false, 'OKR 进展记录', 'OKR 仪表板', /已记录/],
  ] as const)(
    '%s: the log grows by today, the dashboard shows three charts, the panel draws progress',
    async (lang, query, convert, log, dash, said) => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 900 }, deviceScaleFactor: 1 });
      const seen = watch(page, served.url);
      await openPlayground(page, served.url, query);
      // The sample opens with its quarter of check-ins.
      expect(await tabNames(page)).toContain(log);
      const text = await checkIn(page, query, convert);
      expect(text).toMatch(said);
      const tabs = await tabNames(page);
      expect(tabs).toContain(dash);
      await eventually(
        () => page.locator('.sheet-tab.active').textContent(),
        (v) => expect(v).toBe(dash),
      );
      // Three charts drawn from the dashboard's cells: bars by band, statuses, progress against the pace.
      const charts = page.locator('#grid .sim-chart');
      await eventually(
        () => charts.count(),
        (n) => expect(n).toBe(3),
      );
      expect(await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual([
        'BarStacked',
        'ColumnClustered',
        'Line',
      ]);
      expect(await page.locator('#grid .sim-chart[data-type="Line"] polyline').count()).toBeGreaterThanOrEqual(2);
      // No two labels of a chart on one line overlap (legends and axis labels in Chinese are twice as wide).
      const overlaps = await charts.evaluateAll((els) =>
        els.flatMap((chart) => {
          // (Tilted labels are parallel and a column apart: they cannot run into each other.)
          const level = Array.from(chart.querySelectorAll('text')).filter((t) => !t.hasAttribute('transform'));
          const boxes = level.map((t) => ({
            text: t.textContent ?? '',
            r: t.getBoundingClientRect(),
          }));
          const out: string[] = [];
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i].r, boxes[j].r];
              const sameLine = Math.abs(a.top - b.top) < 2;
              if (sameLine && a.left < b.right - 1 && b.left < a.right - 1)
                out.push(`${boxes[i].text} / ${boxes[j].text}`);
            }
          return out;
        }),
      );
      expect(overlaps).toEqual([]);
      // The panel's progress view: one bar per objective, one sparkline per KR with the check-ins drawn.
      const bars = page.locator('#app .okr-progress .okr-prog-bar');
      expect(await bars.count()).toBeGreaterThan(0);
      const sparks = page.locator('#app .okr-progress .okr-prog-kr');
      expect(await sparks.count()).toBeGreaterThan(0);
      const points = await sparks.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.points)));
      expect(Math.max(...points)).toBeGreaterThan(1);
      if (lang === 'zh') expect(await page.locator('#app .okr-progress-box h2').textContent()).toBe('进展');
      await page.evaluate(() => {
        const g = document.getElementById('grid');
        if (g) g.scrollTop = g.scrollLeft = 0;
      });
      await page.screenshot({ path: path.join(ROOT, 'docs', `dashboard-${lang}.png`) });
      const box = page.locator('#app .okr-progress-box');
      await box.scrollIntoViewIfNeeded();
      await box.screenshot({ path: path.join(ROOT, 'docs', `progress-${lang}.png`) });
      expect(seen.external).toEqual([]);
      expect(seen.errors).toEqual([]);
      await page.close();
    },
  );
});
