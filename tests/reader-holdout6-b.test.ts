/**
 * Classes of hold-out set 6, batch B (issue 10), on constructed sheets in several languages: a stated period (a
 * `Period:` line, a sentence giving the start and end dates) is the cycle of the objectives under it, over a quarter
 * named in the title; a quarter range (`Q1-Q2 2025`) is both quarters. Expected values are what a person reads.
 */
import { readModel } from '../core/parse-sheet';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { OkrModel } from '../core/model';
import { FIXTURE_TODAY, snapshotOf } from '../fixtures/sheets';

const read = (values: unknown[][]): OkrModel =>
  readModel(snapshotOf('S', values), { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY });
const rows = (...xs: (string | unknown[])[]): unknown[][] => xs.map((x) => (Array.isArray(x) ? x : [x]));
const spans = (m: OkrModel) => m.objectives.map((o) => (o.cycle ? `${o.cycle.start}..${o.cycle.end}` : null));

describe('a stated period is the cycle of the objectives under it, over the quarter a title names', () => {
  it.each([
    [
      '# OKRs - Q1-Q2 2025 (12-Week Launch)',
      '**Period:** Nov 4, 2025 - Jan 24, 2026 (12 weeks)',
      '2025-11-04..2026-01-24',
    ],
    ['# Team OKRs Q1 2026', 'Period: 2026-03-01 to 2026-05-31', '2026-03-01..2026-05-31'],
    ['# 2026年Q1 OKR', '周期：2026年3月1日至2026年5月31日', '2026-03-01..2026-05-31'],
    ['# 2026年第一季度 OKR', '期间：2026年3月-5月', '2026-03-01..2026-05-31'],
    ['# OKR Q1 2026', 'Zeitraum: 01.03.2026 – 31.05.2026', '2026-03-01..2026-05-31'],
    ['# OKR T1 2026', 'Período: 2026-03-01 – 2026-05-31', '2026-03-01..2026-05-31'],
    ['# Annual OKRs 2025-2026', '**Period:** 2025-10-31 - 2026-10-17', '2025-10-31..2026-10-17'],
  ])('%s / %s', (title, period, span) => {
    const m = read(rows(title, '', period, '', '## Objective 1: Grow the community', '- KR1: Reach 500 members'));
    expect(m.objectives.map((o) => o.title)).toEqual(['Grow the community']);
    expect(spans(m)).toEqual([span]);
    expect(`${m.cycle?.start}..${m.cycle?.end}`).toBe(span);
  });

  it.each([
    ['We plan in three-month periods. Start for the first period is 23.11.2020. End is 28.02.2021.'],
    ['Der erste Zeitraum beginnt am 23.11.2020 und endet am 28.02.2021.'],
    ['第一个周期从2020年11月23日开始，到2021年2月28日结束。'],
    ['The first cycle runs from November 23, 2020 until February 28, 2021.'],
  ])('a sentence giving the start and the end: %s', (sentence) => {
    const m = read(
      rows(
        '# World OKRs',
        '',
        '## Time horizon',
        sentence,
        '',
        '### Objective 1',
        'Be seen',
        '',
        '- Reach 500 members',
      ),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['Be seen']);
    expect(spans(m)).toEqual(['2020-11-23..2021-02-28']);
  });

  it.each([
    ['> Objectives & Key Results | Prepared by: HR | Period: March — May 2026', '2026-03-01..2026-05-31'],
    ['> 目标与关键结果 | 编写：HR | 周期：2026年3月-5月', '2026-03-01..2026-05-31'],
    ['期間：2026年3月〜5月', '2026-03-01..2026-05-31'],
  ])('a table under a title naming Q1 2026 and %s', (line, span) => {
    const m = read(
      rows(
        '# OKR — Data team Q1 2026',
        '',
        line,
        '',
        ['Objective', 'Key Result', 'Target'],
        ['Ship the pipeline', 'Pipelines documented', 4],
        ['Ship the pipeline', 'Checks automated', 5],
      ),
    );
    expect(m.objectives.map((o) => o.title)).toEqual(['Ship the pipeline']);
    expect(spans(m)).toEqual([span]);
  });

  it.each([
    ['# OKRs Q1-Q2 2025', '2025-01-01..2025-06-30'],
    ['# OKR 2026 Q2-Q3', '2026-04-01..2026-09-30'],
    ['# 2025年Q3-Q4 OKR', '2025-07-01..2025-12-31'],
    ['# OKR Q2–Q4 2026', '2026-04-01..2026-12-31'],
  ])('a quarter range in the title is both quarters: %s', (title, span) => {
    const m = read(rows(title, '', 'O1: Grow the community', '- KR1: Reach 500 members'));
    expect(spans(m)).toEqual([span]);
  });

  // Guards: what reads right today keeps reading so.
  it.each([
    [['# Team OKRs Q1 2026', '', 'Last updated: 2025-11-03'], '2026-Q1'],
    [['# Team OKRs Q1 2026', '', 'Reviews on 2026-01-10 and 2026-02-10.'], '2026-Q1'],
    [['# Team OKRs', '', 'Period: Q3 2026'], '2026-Q3'],
    [['# Team OKRs Apr-Jun 2026'], '2026-Q2'],
    [['# 2026年第二季度 OKR', '', '周期：2026年4月-6月'], '2026-Q2'],
    [['# Team OKRs Q1 2026', '', 'Owner: Ana | Status: Active'], '2026-Q1'],
  ])('a cycle of its own kind: %j', (head, id) => {
    const m = read(rows(...head, '', 'O1: Grow the community', '- KR1: Reach 500 members by 2026-03-01 - 2026-05-31'));
    expect(m.objectives.map((o) => o.cycle?.id ?? null)).toEqual([id]);
  });
});

const kr = (text: string) => {
  const m = read(rows('O1: Serve customers better', `- KR1: ${text}`));
  const k = m.objectives[0]?.krs[0];
  return k ? { start: k.startGiven ? k.start : null, target: k.target } : null;
};

describe('from-to across month lists, written-out millions, time windows and phase ranges', () => {
  it.each([
    ['고객 문의 인입률을 2/3/4월 평균 13.7%에서 9월 평균 7.0%로 670bps 낮춘다.', 0.137, 0.07],
    ['1:1 게시판 당일 처리율을 2/3/4월 평균 74.2% 에서 9월 평균 92%로 높인다.', 0.742, 0.92],
    ['把咨询率从2/3/4月平均13.7%降到9月平均7.0%', 0.137, 0.07],
    ['問い合わせ率を2/3/4月平均13.7%から9月平均7.0%へ下げる', 0.137, 0.07],
    ['응답 시간을 10시간에서 1시간으로 줄인다', 10, 1],
  ])('%s: start %p, target %p', (text, start, target) => {
    const k = kr(text);
    expect(k?.start).toBeCloseTo(start, 9);
    expect(k?.target).toBeCloseTo(target, 9);
  });

  it.each([
    ['Having one million followers combined on different platforms', 1000000],
    ['Reach two million monthly readers', 2000000],
    ['Sell three thousand licences', 3000],
    ['Increase search volume to a level above the last 12 months’ peaks', null],
    ['Keep churn below the average of the past 6 months', null],
    ['超过过去12个月的峰值', null],
    ['Suchvolumen über dem Höchstwert der letzten 12 Monate', null],
    ['Superar el máximo de los últimos 12 meses', null],
    ['Complete knowledge transfer from Dev — AIA KB Phase 1-4', null],
    ['Finish stages 2–3 of the migration', null],
    ['Migration Phase 1-4 abschließen', null],
    // Guards: a count stays a count.
    ['Reach 500 members in the last month of the quarter', 500],
    ['Ship phase 2 to 300 users', 300],
  ])('%s: target %p', (text, target) => {
    expect(kr(text)?.target ?? null).toBe(target);
  });
});

describe('`|`-joined lines: objective | key result | result | %, the bullets under them the work on that KR', () => {
  it.each([
    [
      'User acquisition | Acquire at least 2000 new users | 1690 new users | 84 %',
      'User acquisition',
      'Acquire at least 2000 new users',
      2000,
      1690,
    ],
    ['用户留存 | 留存率达到50% | 37%', '用户留存', '留存率达到50%', 0.5, 0.37],
    [
      'Umsatz | Mindestens 1000 USD wiederkehrender Umsatz | 574 USD',
      'Umsatz',
      'Mindestens 1000 USD wiederkehrender Umsatz',
      1000,
      574,
    ],
  ])('%s', (line, objective, title, target, current) => {
    const m = read(
      rows(
        '# OKRs - Q4 2025',
        '',
        line,
        '- Improved the landing page',
        '- Added PayPal',
        '',
        'Second goal | Reach 300 members | 120',
      ),
    );
    expect(m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)])).toEqual([
      [objective, [title]],
      ['Second goal', ['Reach 300 members']],
    ]);
    const k = m.objectives[0].krs[0];
    expect([k.target, k.current]).toEqual([target, current]);
    expect(k.initiatives.map((i) => i.title)).toEqual(['Improved the landing page', 'Added PayPal']);
  });
});
