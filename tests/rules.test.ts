import { validate, RULE_IDS, comparableText, type Finding, type RuleId } from '../core/rules';
import type { OkrModel } from '../core/model';
import { COLS, Q3, Q4, TODAY, model, objectives, settings, type ObjSpec } from './model-builder';
import { makeCycle } from '../core/cycle';
import { readModel } from '../core/parse-sheet';
import { DEFAULT_SETTINGS } from '../core/settings';
import * as F from '../fixtures/sheets';

const run = (
  m: OkrModel,
  opts: { today?: string; parents?: OkrModel[]; limits?: Parameters<typeof settings>[0] } = {},
) => validate(m, { settings: settings(opts.limits), today: opts.today ?? TODAY, parents: opts.parents });
const of = (fs: Finding[], rule: RuleId) => fs.filter((f) => f.rule === rule);
const CJK = /[\u4e00-\u9fff]/;

/** Asserts a message is concrete in both languages: each names all the given fragments. */
function names(f: Finding, ...fragments: string[]) {
  for (const s of fragments) {
    expect(f.message.en).toContain(s);
    expect(f.message.zh).toContain(s);
  }
  expect(f.message.zh).toMatch(CJK);
}

describe('a well-formed sheet', () => {
  test('gives no findings at all', () => {
    const m = model([
      {
        title: 'Delight our customers',
        owner: 'Alice',
        krs: [{ title: 'Raise NPS from 30 to 50', start: 30, target: 50, current: 40 }],
      },
      {
        title: 'Grow the Douyin shop',
        owner: 'Alice',
        krs: [{ title: '抖音店铺 GMV 达到 100 万', target: 1_000_000, current: 400_000 }],
      },
    ]);
    expect(run(m)).toEqual([]);
  });
});

describe('objectives per owner per cycle', () => {
  test('exactly 5 is fine, 6 is one warning at the 6th objective, naming 6 and the limit 5', () => {
    expect(of(run(model(objectives(5))), 'objectives-per-owner')).toEqual([]);
    const m = model(objectives(6));
    const fs = of(run(m), 'objectives-per-owner');
    expect(fs).toHaveLength(1);
    const sixth = m.objectives[5];
    expect(fs[0]).toMatchObject({
      severity: 'warning',
      sheet: 'OKRs',
      row: sixth.row,
      col: COLS.objective,
      itemId: sixth.id,
    });
    names(fs[0], '6', '5', 'Alice');
  });

  test('counted per owner and per cycle; the limit comes from settings', () => {
    expect(of(run(model([...objectives(3, 'Alice'), ...objectives(3, 'Bob')])), 'objectives-per-owner')).toEqual([]);
    const twoCycles = model([...objectives(3, 'Alice', { cycle: Q3 }), ...objectives(3, 'Alice', { cycle: Q4 })]);
    expect(of(run(twoCycles), 'objectives-per-owner')).toEqual([]);
    const fs = of(run(model(objectives(3)), { limits: { objectivesPerOwner: 2 } }), 'objectives-per-owner');
    expect(fs).toHaveLength(1);
    names(fs[0], '3', '2');
  });
});

describe('KRs per objective', () => {
  const withKrs = (n: number) =>
    model([
      {
        title: 'Win the 11.11 campaign',
        krs: Array.from({ length: n }, (_, i) => ({ title: `KR number ${i + 1}`, target: 10 * (i + 1) })),
      },
    ]);

  test('4 is fine, 5 is a warning at the 5th KR naming 5 and 4', () => {
    expect(of(run(withKrs(4)), 'too-many-krs')).toEqual([]);
    const m = withKrs(5);
    const fs = of(run(m), 'too-many-krs');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: 'warning',
      row: m.objectives[0].krs[4].row,
      col: COLS.kr,
      itemId: m.objectives[0].id,
    });
    names(fs[0], '5', '4');
  });

  test('no KR at all is an error on the objective; one KR is fine', () => {
    const m = withKrs(0);
    const fs = of(run(m), 'too-few-krs');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'error', row: m.objectives[0].row, col: COLS.objective });
    names(fs[0], '0', '1');
    expect(of(run(withKrs(1)), 'too-few-krs')).toEqual([]);
    // a configured minimum of 2 makes one KR a warning
    const two = of(run(withKrs(1), { limits: { minKrsPerObjective: 2 } }), 'too-few-krs');
    expect(two.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('a KR has a number and a deadline', () => {
  test('no target on a linear KR: error at the target cell; a binary KR needs none', () => {
    const m = model([
      {
        title: 'Build the team',
        krs: [
          { title: 'Grow followers a lot', target: null, current: null },
          { title: 'Hire the team lead', kind: 'binary', target: null, current: 0 },
          { title: 'Reach 500 followers', target: 500 },
        ],
      },
    ]);
    const fs = of(run(m), 'kr-no-number');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: 'error',
      row: m.objectives[0].krs[0].row,
      col: COLS.target,
      itemId: m.objectives[0].krs[0].id,
    });
    names(fs[0], 'Grow followers a lot');
  });

  test('text in the target cell is one value problem, not also "no number"', () => {
    const m = model([{ title: 'Customers', krs: [{ title: '完成XX家A类客户的拉新', target: null, current: null }] }]);
    const row = m.objectives[0].krs[0].row;
    m.problems.push({
      field: 'target',
      cell: { row, col: COLS.target },
      seen: 'XX家',
      message: { en: 'a placeholder, not a number', zh: '占位符，不是数字' },
    });
    const fs = run(m);
    expect(of(fs, 'kr-no-number')).toEqual([]);
    const vp = of(fs, 'value-problem');
    expect(vp).toHaveLength(1);
    expect(vp[0]).toMatchObject({ severity: 'error', row, col: COLS.target });
    names(vp[0], 'XX家');
    expect(vp[0].message.en).toContain('Target');
    expect(vp[0].message.zh).toContain('目标值');
  });

  test('no due date and no cycle: warning at the due cell; either one is enough', () => {
    const none = model([{ title: 'Ship it', krs: [{ title: 'Reach 100 orders' }] }], { cycle: null });
    const fs = of(run(none), 'kr-no-deadline');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warning', row: none.objectives[0].krs[0].row, col: COLS.due });
    expect(
      of(
        run(model([{ title: 'Ship it', krs: [{ title: 'Reach 100 orders', due: '2026-12-15' }] }], { cycle: null })),
        'kr-no-deadline',
      ),
    ).toEqual([]);
    expect(
      of(
        run(model([{ title: 'Ship it', cycle: Q4, krs: [{ title: 'Reach 100 orders' }] }], { cycle: null })),
        'kr-no-deadline',
      ),
    ).toEqual([]);
  });
});

describe('start, target and direction', () => {
  test('start = target on a linear KR is an error naming the value; on "above" it is fine', () => {
    const m = model([
      {
        title: 'Keep quality',
        krs: [
          { title: 'Return rate at 3%', start: 0.03, target: 0.03, current: 0.03 },
          { title: 'Rating stays at 4.8', kind: 'above', start: 4.8, target: 4.8, current: 4.9 },
        ],
      },
    ]);
    const fs = of(run(m), 'start-equals-target');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'error', row: m.objectives[0].krs[0].row, col: COLS.target });
    names(fs[0], '0.03');
    expect(fs[0].message.en).toMatch(/above|below/);
  });

  test('"reduce" with the target above the start is suspect; with it below it is right', () => {
    const right = model([
      {
        title: 'Keep customers',
        krs: [{ title: 'Reduce churn from 5% to 3%', kind: 'decrease', start: 0.05, target: 0.03, current: 0.04 }],
      },
    ]);
    expect(of(run(right), 'direction-mismatch')).toEqual([]);
    const wrong = model([
      {
        title: 'Keep customers',
        krs: [{ title: 'Reduce churn from 3% to 5%', start: 0.03, target: 0.05, current: 0.04 }],
      },
    ]);
    const fs = of(run(wrong), 'direction-mismatch');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warning', col: COLS.target });
    names(fs[0], '0.03', '0.05');
  });

  test('Chinese wording both ways', () => {
    const up = model([
      { title: '提升复购', krs: [{ title: '提升复购率', kind: 'decrease', start: 0.3, target: 0.2, current: 0.25 }] },
    ]);
    expect(of(run(up), 'direction-mismatch')).toHaveLength(1);
    const down = model([
      { title: '降本', krs: [{ title: '降低退货率', kind: 'decrease', start: 0.1, target: 0.05, current: 0.08 }] },
    ]);
    expect(of(run(down), 'direction-mismatch')).toEqual([]);
    const grow = model([{ title: '增长', krs: [{ title: 'Increase repeat buyers', start: 100, target: 150 }] }]);
    expect(of(run(grow), 'direction-mismatch')).toEqual([]);
  });

  test('a typed kind against the numbers is flagged on the kind cell', () => {
    const m = model([
      {
        title: 'Refunds',
        krs: [
          {
            title: 'Refund time in hours',
            kind: 'decrease',
            start: 24,
            target: 48,
            cols: { kind: COLS.kind },
          },
        ],
      },
    ]);
    const fs = of(run(m), 'direction-mismatch');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ row: 2, col: COLS.kind });
    names(fs[0], '24', '48');
    // the same numbers with an inferred kind are left alone
    m.objectives[0].krs[0].inferred = { kind: true };
    expect(of(run(m), 'direction-mismatch')).toEqual([]);
  });
});

describe('weights', () => {
  const weighted = (...ws: (number | null)[]): OkrModel =>
    model([{ title: 'Grow revenue', krs: ws.map((w, i) => ({ title: `Revenue stream ${i + 1} to 100`, weight: w })) }]);

  test('50/30/20 and 0.5/0.3/0.2 add up to 100%: nothing', () => {
    const fs = [...run(weighted(50, 30, 20)), ...run(weighted(0.5, 0.3, 0.2))];
    expect(fs.filter((f) => f.rule.startsWith('weight'))).toEqual([]);
  });

  test('a negative weight is an error at that weight cell', () => {
    const m = weighted(60, -10, 50);
    const fs = of(run(m), 'weight-negative');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'error', row: m.objectives[0].krs[1].row, col: COLS.weight });
    names(fs[0], '-10');
    expect(of(run(m), 'weights-sum')).toEqual([]);
  });

  test('all zero is an error; not adding to 100% is an info naming the sum', () => {
    expect(of(run(weighted(0, 0)), 'weights-all-zero').map((f) => f.severity)).toEqual(['error']);
    const m = weighted(40, 40);
    const fs = of(run(m), 'weights-sum');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'info', row: m.objectives[0].krs[0].row, col: COLS.weight });
    names(fs[0], '80', '100');
    const frac = of(run(weighted(0.5, 0.3)), 'weights-sum');
    names(frac[0], '80%', '100%');
  });

  test('some weights blank: a warning at the first blank weight', () => {
    const m = weighted(50, null, 50);
    const fs = of(run(m), 'weights-incomplete');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warning', row: m.objectives[0].krs[1].row, col: COLS.weight });
    names(fs[0], '2', '3');
  });
});

describe('owner', () => {
  test('no owner anywhere: warning at the owner cell; an owner on the KRs is enough', () => {
    const m = model([{ title: 'Nobody owns me', owner: null, krs: [{ title: 'Reach 10 orders' }] }]);
    const fs = of(run(m), 'owner-missing');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: 'warning',
      row: m.objectives[0].row,
      col: COLS.owner,
      itemId: m.objectives[0].id,
    });
    names(fs[0], 'Nobody owns me');
    const onKr = model([{ title: 'KR owners', owner: null, krs: [{ title: 'Reach 10 orders', owner: '张三' }] }]);
    expect(of(run(onKr), 'owner-missing')).toEqual([]);
  });
});

describe('a lower objective copies a higher KR verbatim', () => {
  test('against a parent sheet (case, spaces, outline prefix and end punctuation ignored)', () => {
    const parent = model([
      { title: 'Win the market', level: 'company', krs: [{ title: 'Reach 1,000 paying customers' }] },
    ]);
    const child = model([
      {
        title: 'KR1: reach 1,000  paying customers。',
        level: 'department',
        krs: [{ title: 'Sign 40 customers a month', target: 40 }],
      },
      {
        title: 'Build a great sales team',
        level: 'department',
        krs: [{ title: 'Sign 30 customers a month', target: 30 }],
      },
    ]);
    const fs = of(run(child, { parents: [parent] }), 'copies-higher-kr');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: 'warning',
      row: child.objectives[0].row,
      col: COLS.objective,
      itemId: child.objectives[0].id,
    });
    names(fs[0], 'Reach 1,000 paying customers');
    expect(of(run(child), 'copies-higher-kr')).toEqual([]);
  });

  test('within one sheet: a higher level, or the KR the objective aligns to; not the same level', () => {
    const m = model([
      { title: 'Be the top shop', level: 'company', owner: 'CEO', krs: [{ title: 'GMV reaches 10M', target: 1e7 }] },
      { title: 'GMV reaches 10M', level: 'team', owner: 'Ops', krs: [{ title: 'Douyin GMV reaches 4M', target: 4e6 }] },
    ]);
    const fs = of(run(m), 'copies-higher-kr');
    expect(fs.map((f) => f.row)).toEqual([m.objectives[1].row]);

    const sameLevel = model([
      { title: 'A', level: 'team', krs: [{ title: 'Launch rate 90%', target: 0.9 }] },
      { title: 'Launch rate 90%', level: 'team', krs: [{ title: 'Ship 12 items', target: 12 }] },
    ]);
    expect(of(run(sameLevel), 'copies-higher-kr')).toEqual([]);

    const viaLink = model([
      { title: 'A', krs: [{ id: 'KR-abc', title: 'Launch rate 90%', target: 0.9 }] },
      { title: 'Launch rate 90%', alignedTo: 'KR-abc', krs: [{ title: 'Ship 12 items', target: 12 }] },
    ]);
    expect(of(run(viaLink), 'copies-higher-kr')).toHaveLength(1);
  });

  test('comparableText', () => {
    expect(comparableText('关键结果2：收获10w粉丝。')).toBe(comparableText('收获10w粉丝'));
    expect(comparableText('Ｒｅａｃｈ  100')).toBe('reach 100');
  });
});

describe('a KR that reads like a task', () => {
  test('verb, no number, not binary: info suggesting an initiative (besides the missing number)', () => {
    const m = model([
      { title: 'New store', krs: [{ title: 'Launch the new store page', target: null, current: null }] },
    ]);
    const fs = run(m);
    const task = of(fs, 'kr-looks-like-task');
    expect(task).toHaveLength(1);
    expect(task[0]).toMatchObject({ severity: 'info', row: m.objectives[0].krs[0].row, col: COLS.kr });
    expect(task[0].message.en).toMatch(/initiative/);
    expect(task[0].message.zh).toMatch(/执行/);
    expect(of(fs, 'kr-no-number')).toHaveLength(1);
  });

  test('a binary milestone (the Chinese seed KR1) is only an info that says it is a valid KR', () => {
    const m = model([
      {
        title: '打造一个成功的客户拓展团队',
        krs: [{ title: '完成拓展团队工作流程的最终制定', kind: 'binary', target: null, current: null }],
      },
    ]);
    const fs = run(m);
    expect(fs.map((f) => f.rule)).toEqual(['kr-looks-like-task']);
    expect(fs[0].severity).toBe('info');
    expect(fs[0].message.en).toMatch(/milestone.*valid/);
    expect(fs[0].message.zh).toMatch(/里程碑/);
  });

  test('a result with a number is not a task', () => {
    const m = model([
      {
        title: 'Catalogue',
        krs: [
          { title: 'Launch 3 new SKUs', target: 3 },
          { title: '在X大平台上收获10w粉丝', target: 100000 },
          { title: 'Customer satisfaction to 80%', target: 0.8 },
        ],
      },
    ]);
    expect(of(run(m), 'kr-looks-like-task')).toEqual([]);
  });
});

describe('committed and aspirational at close (after the deadline)', () => {
  const closed = (
    commitment: 'committed' | 'aspirational',
    current: number,
    due: string | null,
    cycle = Q4,
  ): OkrModel =>
    model([{ title: 'Deliver', commitment, cycle, krs: [{ title: 'Reach 100 orders', current, due }] }], { cycle });

  test('committed below 1.0 past its due date: warning naming the score', () => {
    const m = closed('committed', 80, '2026-11-01');
    const fs = of(run(m), 'committed-below-1');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warning', row: m.objectives[0].krs[0].row, col: COLS.score });
    names(fs[0], '0.8', '2026-11-01');
  });

  test('not before the deadline; not at 1.0', () => {
    expect(of(run(closed('committed', 80, '2026-11-30')), 'committed-below-1')).toEqual([]);
    expect(of(run(closed('committed', 80, '2026-11-23')), 'committed-below-1')).toEqual([]);
    expect(of(run(closed('committed', 100, '2026-11-01')), 'committed-below-1')).toEqual([]);
  });

  test('the cycle end is the deadline when there is no due date', () => {
    expect(of(run(closed('committed', 80, null, Q3)), 'committed-below-1')).toHaveLength(1);
    expect(of(run(closed('committed', 80, null, Q4)), 'committed-below-1')).toEqual([]);
  });

  test('aspirational at 1.0 after the deadline is an info; at 0.7 nothing', () => {
    const fs = of(run(closed('aspirational', 100, '2026-11-01')), 'aspirational-at-1');
    expect(fs.map((f) => f.severity)).toEqual(['info']);
    names(fs[0], '1', '2026-11-01');
    expect(of(run(closed('aspirational', 70, '2026-11-01')), 'aspirational-at-1')).toEqual([]);
    expect(of(run(closed('aspirational', 100, '2026-12-01')), 'aspirational-at-1')).toEqual([]);
  });
});

describe('stale KRs while the cycle runs', () => {
  const at = (updated: string | null, current = 50, cycle = Q4) =>
    model([{ title: 'Keep it fresh', cycle, krs: [{ title: 'Reach 100 orders', updated, current }] }], { cycle });

  test('14 days is fine, 15 is a warning at the Updated cell naming the date, 15 and 14', () => {
    expect(of(run(at('2026-11-09')), 'kr-stale')).toEqual([]);
    const m = at('2026-11-08');
    const fs = of(run(m), 'kr-stale');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warning', row: m.objectives[0].krs[0].row, col: COLS.updated });
    names(fs[0], '2026-11-08', '15', '14');
    expect(of(run(at('2026-11-08'), { limits: { staleDays: 30 } }), 'kr-stale')).toEqual([]);
  });

  test('not for a finished KR, not after the cycle ended', () => {
    expect(of(run(at('2026-10-01', 100)), 'kr-stale')).toEqual([]);
    expect(of(run(at('2026-08-01', 50, Q3)), 'kr-stale')).toEqual([]);
  });

  test('never updated: an info per KR while running; one sheet-level info without an Updated column', () => {
    const m = at(null);
    const fs = of(run(m), 'kr-never-updated');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'info', row: m.objectives[0].krs[0].row, col: COLS.updated });
    expect(of(run(at(null, 50, Q3)), 'kr-never-updated')).toEqual([]);
    const noCol = model(
      [
        {
          title: 'x',
          krs: [
            { title: 'Reach 1 order', updated: null },
            { title: 'Reach 2 orders', updated: null },
          ],
        },
      ],
      { noUpdatedColumn: true },
    );
    const sheetLevel = of(run(noCol), 'kr-never-updated');
    expect(sheetLevel).toHaveLength(1);
    expect(sheetLevel[0]).toMatchObject({ row: 0, col: 0 });
    expect(sheetLevel[0].itemId).toBeUndefined();
  });
});

describe('share of bottom-up objectives per level', () => {
  const team = (aligned: boolean[]): ObjSpec[] =>
    aligned.map((a, i) => ({
      title: `Team objective ${i + 1}`,
      level: 'team',
      alignedTo: a ? 'O-company' : null,
      krs: [{ title: `Reach ${i + 1}0 orders` }],
    }));

  test('1 of 3 bottom-up (33%) is an info; 2 of 4 (50%) is fine', () => {
    const m = model([
      { id: 'O-company', title: 'Company', level: 'company', owner: 'CEO', krs: [{ title: 'Reach 1000 orders' }] },
      ...team([true, true, false]),
    ]);
    const fs = of(run(m), 'bottom-up-share');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'info', row: m.objectives[1].row, col: COLS.alignedTo });
    names(fs[0], '1', '3', '33%');
    expect(fs[0].message.en).toContain('team');
    expect(of(run(model(team([true, true, false, false]))), 'bottom-up-share')).toEqual([]);
  });

  test('company objectives never count; a level with one objective is not judged', () => {
    const m = model([
      { title: 'C1', level: 'company', owner: 'CEO', krs: [{ title: 'Reach 1 order' }] },
      { title: 'C2', level: 'company', owner: 'CEO', alignedTo: 'C1', krs: [{ title: 'Reach 2 orders' }] },
      ...team([true]),
    ]);
    expect(of(run(m), 'bottom-up-share')).toEqual([]);
  });
});

describe('every finding', () => {
  const messy = model(
    [
      ...objectives(6, null),
      {
        title: 'Reach 1,000 paying customers',
        level: 'team',
        alignedTo: 'x',
        cycle: Q3,
        commitment: 'committed',
        krs: [
          { title: 'Launch the new store page', target: null, current: null, weight: -1, updated: null },
          { title: 'Reduce churn', start: 0.03, target: 0.05, weight: 0 },
          { title: 'Raise NPS', start: 5, target: 5 },
          { title: 'Hire a lead', kind: 'binary', current: 0 },
          { title: 'Fifth', target: 5, current: 1 },
        ],
      },
      { title: 'Empty objective', level: 'team', alignedTo: 'x', krs: [] },
      {
        title: 'Weighted',
        krs: [
          { title: 'A to 10', target: 10, weight: 1 },
          { title: 'B to 10', target: 10 },
        ],
      },
      {
        title: 'Stale',
        cycle: makeCycle('quarter', 2026, 4),
        krs: [
          { title: 'Sum to 10', target: 10, current: 5, updated: '2026-01-01' },
          { title: 'C to 10', target: 10, weight: 3 },
        ],
      },
    ],
    {
      cycle: null,
      problems: [
        {
          field: 'current',
          cell: { row: 3, col: COLS.current },
          seen: 'abc',
          message: { en: 'not a number', zh: '不是数字' },
        },
      ],
    },
  );
  const parent = model([{ title: 'Top', level: 'company', krs: [{ title: 'Reach 1,000 paying customers' }] }]);
  const extra = model([
    {
      title: 'Zero',
      krs: [
        { title: 'Z1 to 10', target: 10, weight: 0 },
        { title: 'Z2 to 10', target: 10, weight: 0 },
      ],
    },
    {
      title: 'Eighty',
      krs: [
        { title: 'E1 to 10', target: 10, weight: 40 },
        { title: 'E2 to 10', target: 10, weight: 40 },
      ],
    },
    { title: 'Too easy', cycle: Q3, krs: [{ title: 'Reach 10 orders', target: 10, current: 10 }] },
    { title: 'Never', cycle: Q4, krs: [{ title: 'Reach 20 orders', target: 20, current: 5, updated: null }] },
  ]);
  const fs = [...run(messy, { parents: [parent] }), ...run(extra)];

  test('the messy sheet triggers most rules', () => {
    const fired = new Set(fs.map((f) => f.rule));
    for (const r of [
      'objectives-per-owner',
      'too-many-krs',
      'too-few-krs',
      'kr-no-number',
      'start-equals-target',
      'direction-mismatch',
      'weight-negative',
      'weights-incomplete',
      'owner-missing',
      'copies-higher-kr',
      'kr-looks-like-task',
      'committed-below-1',
      'kr-stale',
      'bottom-up-share',
      'value-problem',
    ] as RuleId[]) {
      expect([r, fired.has(r)]).toEqual([r, true]);
    }
  });

  test('together with a few more rows, every rule id occurs', () => {
    expect([...new Set(fs.map((f) => f.rule))].sort()).toEqual([...RULE_IDS].sort());
  });

  test('has a known rule id, a valid cell and a message in both languages with its cell address', () => {
    expect(fs.length).toBeGreaterThan(15);
    for (const f of fs) {
      expect(RULE_IDS).toContain(f.rule);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.sheet).toBe('OKRs');
      expect(Number.isInteger(f.row) && f.row >= 0 && Number.isInteger(f.col) && f.col >= 0).toBe(true);
      expect(f.message.en.length).toBeGreaterThan(10);
      expect(f.message.zh).toMatch(CJK);
      expect(f.message.en).not.toMatch(/[\u4e00-\u9fff]{4,}/);
      const address = new RegExp(`\\b${String.fromCharCode(65 + f.col)}${f.row + 1}\\b`);
      expect(f.message.en).toMatch(address);
      expect(f.message.zh).toMatch(address);
    }
  });

  test('is sorted by row, then column', () => {
    const own = run(messy, { parents: [parent] });
    for (let i = 1; i < own.length; i++) {
      expect(own[i - 1].row < own[i].row || (own[i - 1].row === own[i].row && own[i - 1].col <= own[i].col)).toBe(true);
    }
  });
});

describe('on the shared fixtures (read by parse-sheet)', () => {
  const read = (snap: ReturnType<typeof F.englishTableSnapshot>) =>
    readModel(snap, { settings: DEFAULT_SETTINGS, today: F.FIXTURE_TODAY });
  const check = (snap: ReturnType<typeof F.englishTableSnapshot>) =>
    validate(read(snap), { settings: DEFAULT_SETTINGS, today: F.FIXTURE_TODAY });
  const at = (fs: Finding[]) => fs.map((f) => [f.rule, f.row, f.col]);

  test('Google example: 5 KRs is over the limit of 4; the Twitter KR reads like a task', () => {
    const fs = check(F.googleExampleSnapshot());
    expect(at(of(fs, 'too-many-krs'))).toEqual([['too-many-krs', 5, 3]]);
    names(of(fs, 'too-many-krs')[0], '5', '4');
    expect(at(of(fs, 'kr-looks-like-task'))).toEqual([['kr-looks-like-task', 3, 3]]);
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('Chinese seed: KR2 has a placeholder instead of a number; KR1 is a milestone; no owner', () => {
    const fs = check(F.chineseOutlineSnapshot());
    const errors = fs.filter((f) => f.severity === 'error');
    expect(at(errors)).toEqual([['kr-no-number', 12, 0]]);
    expect(errors[0].message.en).toMatch(/placeholder/);
    expect(errors[0].message.zh).toMatch(/占位符/);
    expect(at(of(fs, 'kr-looks-like-task'))).toEqual([['kr-looks-like-task', 6, 0]]);
    expect(at(of(fs, 'owner-missing'))).toEqual([['owner-missing', 4, 0]]);
  });

  test('English table: the text current is an error, KR-102 (updated 2026-11-02) is stale, weights add up', () => {
    const fs = check(F.englishTableSnapshot());
    expect(at(fs.filter((f) => f.severity === 'error'))).toEqual([['value-problem', 11, 9]]);
    expect(fs.find((f) => f.rule === 'value-problem')!.message.en).toContain('about half');
    const stale = of(fs, 'kr-stale');
    expect(at(stale)).toEqual([['kr-stale', 5, 15]]);
    names(stale[0], '2026-11-02', '21', '14');
    expect(fs.filter((f) => f.rule.startsWith('weight') || f.rule === 'direction-mismatch')).toEqual([]);
  });

  test('messy sheet: the one text current is an error; 40/30/30 and 50/50 weights are fine', () => {
    const fs = check(F.messySheetSnapshot());
    expect(at(fs.filter((f) => f.severity === 'error'))).toEqual([['value-problem', 8, 5]]);
    expect(fs.filter((f) => f.rule.startsWith('weight'))).toEqual([]);
  });
});

describe('odd settings', () => {
  test('fractional limits do not break the pointer: with 4.5 allowed, the 5th objective is the first over', () => {
    const fs = of(
      run(model(objectives(6)), { limits: { objectivesPerOwner: 4.5, krsPerObjective: 0.5 } }),
      'objectives-per-owner',
    );
    expect(fs).toHaveLength(1);
    expect(fs[0].row).toBe(model(objectives(6)).objectives[4].row);
    const krs = of(run(model(objectives(1)), { limits: { krsPerObjective: 0.5 } }), 'too-many-krs');
    expect(krs).toHaveLength(1);
  });
});
