/**
 * @jest-environment jsdom
 */
/// <reference lib="dom" />
/*
 * A KR that cannot be scored (an unreadable value) leaves the others' average standing: Score's message and the
 * panel's average card give the average of what is scored and say how many KRs could not be scored (blank scores are
 * not zeros in a rollup, okr-domain.md), in both languages. The objective's own rollup stays an error. Expected values
 * worked out by hand.
 */
import { DEFAULT_SETTINGS } from '../core/settings';
import { runCommand } from '../core/commands';
import { snapshotOf, workbookOf } from '../fixtures/sheets';
import { mount, scripted } from './fakes/panel-bridge';

// One objective, three KRs: 6 of 10 -> 0.6, 80 of 100 -> 0.8, and 'about half', which cannot be read.
const values = [
  ['Objective', 'Key Result', 'Start', 'Target', 'Current'],
  ['Win the mid-market', 'Sign 10 new customers', 0, 10, 6],
  ['', 'Run 100 demos', 0, 100, 80],
  ['', 'Reach 40 partner referrals', 0, 40, 'about half'],
];
const cycle = { ...DEFAULT_SETTINGS, cycle: '2026-Q4' };

describe('Score with one KR that cannot be scored', () => {
  const r = runCommand('score', workbookOf(snapshotOf('OKRs', values)), cycle);
  const d = r.details as { averageScore: number | null; unscored: number; krs: number };

  test('the average is the objective rollup of the scored KRs, (0.6 + 0.8) / 2 = 0.70, not a dash', () => {
    expect(r.ok).toBe(true);
    expect(d.krs).toBe(3);
    expect(d.unscored).toBe(1);
    expect(d.averageScore).toBeCloseTo(0.7, 9);
  });

  test('the message says over how many KRs, and how many could not be scored, in English and Chinese', () => {
    expect(r.summary.en).toContain('average score 0.70 over the 2 key results scored (1 could not be scored)');
    expect(r.summary.zh).toContain('平均得分 0.70（按已评分的 2 个关键结果计；1 个无法评分）');
    expect(r.summary.en).toContain('1 value could not be read (E4)');
  });

  test("the panel's average card shows 0.70 and a note of the KR not scored", async () => {
    for (const [locale, note] of [
      ['en-US', 'over the scored key results; 1 could not be scored'],
      ['zh-CN', '按已评分的关键结果计；1 个无法评分'],
    ]) {
      const root = await mount(scripted(locale, { summary: { ok: true, summary: r.summary, details: r.details } }));
      const card = root.querySelector('[data-summary="average"]')!;
      expect(card.querySelector('.okr-card-value')!.textContent).toBe('0.70');
      expect(card.querySelector('[data-note="unscored"]')!.textContent).toBe(note);
    }
  });
});
