import fc from 'fast-check';
import {
  cycleContains,
  cycleOf,
  findCycleInText,
  formatCycle,
  makeCycle,
  nextCycle,
  parseCycle,
  prevCycle,
  shiftCycle,
} from '../core/cycle';

describe('parseCycle: the ways people type a cycle', () => {
  const cases: [unknown, string, string][] = [
    ['2026-Q4', '2026-Q4', 'quarter'],
    ['Q4 2026', '2026-Q4', 'quarter'],
    ['2026 Q4', '2026-Q4', 'quarter'],
    ['2026Q4', '2026-Q4', 'quarter'],
    ['q4-2026', '2026-Q4', 'quarter'],
    ["Q4'26", '2026-Q4', 'quarter'],
    ['FY2026 Q1', '2026-Q1', 'quarter'],
    ['2026年第四季度', '2026-Q4', 'quarter'],
    ['2026年第4季度', '2026-Q4', 'quarter'],
    ['2026年四季度', '2026-Q4', 'quarter'],
    ['2026年Q4', '2026-Q4', 'quarter'],
    ['２０２６年第三季度', '2026-Q3', 'quarter'],
    ['２０２６－Ｑ２', '2026-Q2', 'quarter'],
    ['2026-10', '2026-10', 'month'],
    ['2026/3', '2026-03', 'month'],
    ['2026年10月', '2026-10', 'month'],
    ['2026年十月', '2026-10', 'month'],
    ['Oct 2026', '2026-10', 'month'],
    ['October 2026', '2026-10', 'month'],
    ['2026 Sept', '2026-09', 'month'],
    ['2026', '2026', 'year'],
    ['2026年', '2026', 'year'],
    ['2026年度', '2026', 'year'],
    ['FY2026', '2026', 'year'],
    ['FY26', '2026', 'year'],
    [2026, '2026', 'year'],
    [{ id: '2026-Q4', kind: 'quarter', start: '', end: '' }, '2026-Q4', 'quarter'],
  ];
  it.each(cases)('%p -> %s', (input, id, kind) => {
    const c = parseCycle(input);
    expect(c).not.toBeNull();
    expect(c!.id).toBe(id);
    expect(c!.kind).toBe(kind);
  });

  it('computes inclusive ISO start and end dates, leap years included', () => {
    expect(parseCycle('2026-Q4')).toEqual({ id: '2026-Q4', kind: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(parseCycle('2026-Q1')).toEqual({ id: '2026-Q1', kind: 'quarter', start: '2026-01-01', end: '2026-03-31' });
    expect(parseCycle('2026-Q2')!.end).toBe('2026-06-30');
    expect(parseCycle('2028-02')!.end).toBe('2028-02-29');
    expect(parseCycle('2026-02')!.end).toBe('2026-02-28');
    expect(parseCycle('2100-02')!.end).toBe('2100-02-28');
    expect(parseCycle('2000-02')!.end).toBe('2000-02-29');
    expect(parseCycle('2026-11')!.end).toBe('2026-11-30');
    expect(parseCycle('2026')).toEqual({ id: '2026', kind: 'year', start: '2026-01-01', end: '2026-12-31' });
  });

  it('rejects what is not a cycle', () => {
    for (const bad of [
      '2026-Q5',
      '2026-13',
      '2026-00',
      'hello',
      '',
      '   ',
      'Q0 2026',
      '2026-10-05',
      'Objective',
      20.5,
      NaN,
      null,
      undefined,
      true,
      [],
      {},
    ]) {
      expect(parseCycle(bad)).toBeNull();
    }
  });

  it('needs today for forms without a year, and then picks the nearest', () => {
    expect(parseCycle('Q4')).toBeNull();
    expect(parseCycle('10月')).toBeNull();
    expect(parseCycle('Q4', { today: '2026-11-23' })!.id).toBe('2026-Q4');
    expect(parseCycle('第四季度', { today: '2026-11-23' })!.id).toBe('2026-Q4');
    expect(parseCycle('10月', { today: '2026-11-23' })!.id).toBe('2026-10');
    // In early January, "October" is the October just gone, not ten months ahead.
    expect(parseCycle('10月', { today: '2027-01-05' })!.id).toBe('2026-10');
    expect(parseCycle('Q1', { today: '2026-12-20' })!.id).toBe('2027-Q1');
  });
});

describe('cycle arithmetic', () => {
  const c = (id: string) => parseCycle(id)!;

  it('nextCycle / prevCycle cross year ends', () => {
    expect(nextCycle(c('2026-Q4')).id).toBe('2027-Q1');
    expect(nextCycle(c('2026-Q1')).id).toBe('2026-Q2');
    expect(nextCycle(c('2026-12')).id).toBe('2027-01');
    expect(nextCycle(c('2026')).id).toBe('2027');
    expect(prevCycle(c('2027-Q1')).id).toBe('2026-Q4');
    expect(prevCycle(c('2027-01')).id).toBe('2026-12');
    expect(shiftCycle(c('2026-11'), 14).id).toBe('2028-01');
    expect(shiftCycle(c('2026-Q3'), -7).id).toBe('2024-Q4');
    expect(nextCycle(c('2026-Q4')).start).toBe('2027-01-01');
  });

  it('cycleOf finds the cycle of a date', () => {
    expect(cycleOf('2026-11-23', 'quarter')!.id).toBe('2026-Q4');
    expect(cycleOf('2026-11-23', 'month')!.id).toBe('2026-11');
    expect(cycleOf('2026-11-23', 'year')!.id).toBe('2026');
    expect(cycleOf('2026-03-31', 'quarter')!.id).toBe('2026-Q1');
    expect(cycleOf('2026-04-01', 'quarter')!.id).toBe('2026-Q2');
    expect(cycleOf('not a date', 'quarter')).toBeNull();
  });

  it('cycleContains is inclusive at both ends', () => {
    const q = c('2026-Q4');
    expect(cycleContains(q, '2026-10-01')).toBe(true);
    expect(cycleContains(q, '2026-12-31')).toBe(true);
    expect(cycleContains(q, '2027-01-01')).toBe(false);
    expect(cycleContains(q, '2026-09-30')).toBe(false);
  });

  it('formats in both languages', () => {
    expect(formatCycle(c('2026-Q4'), 'en')).toBe('Q4 2026');
    expect(formatCycle(c('2026-Q4'), 'zh')).toBe('2026年第四季度');
    expect(formatCycle(c('2026-10'), 'en')).toBe('Oct 2026');
    expect(formatCycle(c('2026-10'), 'zh')).toBe('2026年10月');
    expect(formatCycle(c('2026'), 'en')).toBe('2026');
    expect(formatCycle(c('2026'), 'zh')).toBe('2026年');
  });

  it('property: formatting then parsing gives the same cycle; next then prev is the identity', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('quarter' as const, 'month' as const, 'year' as const),
        fc.integer({ min: 1950, max: 2150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('en' as const, 'zh' as const),
        (kind, year, n, lang) => {
          const cy = makeCycle(kind, year, kind === 'quarter' ? ((n - 1) % 4) + 1 : n)!;
          expect(parseCycle(formatCycle(cy, lang))).toEqual(cy);
          expect(parseCycle(cy.id)).toEqual(cy);
          expect(prevCycle(nextCycle(cy))).toEqual(cy);
          expect(cycleContains(cy, cy.start) && cycleContains(cy, cy.end)).toBe(true);
          expect(cycleOf(cy.end, kind)).toEqual(cy);
        },
      ),
    );
  });
});

describe('findCycleInText: titles', () => {
  const today = '2026-11-23';
  it.each([
    ['Growth Team OKRs — Q4 2026', '2026-Q4'],
    ['2026年第四季度 运营部OKR', '2026-Q4'],
    ['客户拓展团队10月OKR', '2026-10'],
    ['第四季度目标', '2026-Q4'],
    ['OKRs for October 2026', '2026-10'],
    ['2026年10月 团队OKR', '2026-10'],
    // A year naming the plan: that year (a quarter or half beside it wins).
    ['# 2022OKR', '2022'],
    ['Engineering 2025 OKRs', '2025'],
    ['2024年目标与关键结果', '2024'],
    ['OKRs 2023 — Platform team', '2023'],
    ['Company goals for 2026', '2026'],
    ['2026 H1 OKR', '2026-H1'],
    ['2018 Q3 OKRs', '2018-Q3'],
    ['Our goals for fiscal year 2027', '2027'],
    ['2025财年重点目标', '2025'],
  ])('%s -> %s', (text, id) => {
    expect(findCycleInText(text, { today })!.id).toBe(id);
  });

  it('finds nothing in text without a cycle (and a day is not a month)', () => {
    expect(findCycleInText('为了制定一个好的OKR,我与领导发生了争执', { today })).toBeNull();
    expect(findCycleInText('Team OKRs', { today })).toBeNull();
    expect(findCycleInText('Score 2000 goals this season', { today })).toBeNull();
    expect(findCycleInText('新增2000目标客户', { today })).toBeNull();
    expect(findCycleInText('10月1日上线', { today })).toBeNull();
  });
});
