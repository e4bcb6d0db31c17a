import fc from 'fast-check';
import { inferFromText } from '../core/infer-target';

describe("inferFromText: numbers in a key result's wording", () => {
  it('收获10w粉丝 -> target 100,000 粉丝 (w = 万 = 10,000)', () => {
    const t = inferFromText('在开发新客户活动X大平台上收获10w粉丝');
    expect(t.target).toBe(100000);
    expect(t.unit).toBe('粉丝');
    expect(t.start).toBeNull();
    expect(t.placeholder).toBe(false);
  });

  it('from 2% to 3.5% / 从2%提升到3.5% -> start 0.02, target 0.035, increase', () => {
    for (const text of ['Raise conversion from 2% to 3.5%', '转化率从2%提升到3.5%', 'from 2% to 3.5%']) {
      const t = inferFromText(text);
      expect(t.start).toBeCloseTo(0.02, 10);
      expect(t.target).toBeCloseTo(0.035, 10);
      expect(t.kind).toBe('increase');
      expect(t.unit).toBe('%');
    }
  });

  it('reduce churn from 5% to 3% / 退款率从5%降到3% -> decrease', () => {
    for (const text of ['Reduce churn from 5% to 3%', '退款率从5%降到3%']) {
      const t = inferFromText(text);
      expect(t.start).toBeCloseTo(0.05, 10);
      expect(t.target).toBeCloseTo(0.03, 10);
      expect(t.kind).toBe('decrease');
    }
    const only = inferFromText('Reduce refund rate to 3%');
    expect(only.kind).toBe('decrease');
    expect(only.target).toBeCloseTo(0.03, 10);
    expect(only.start).toBeNull();
  });

  it('at least / 不低于 / 以上 -> above; at most / 不超过 -> below', () => {
    const a = inferFromText('Keep store rating at least 4.8 rating');
    expect([a.kind, a.target]).toEqual(['above', 4.8]);
    const b = inferFromText('保持评分4.8分以上');
    expect([b.kind, b.target, b.unit]).toEqual(['above', 4.8, '分']);
    const c = inferFromText('Keep average shipping time at most 48 hours');
    expect([c.kind, c.target, c.unit]).toEqual(['below', 48, 'hours']);
    const d = inferFromText('客单价不超过¥200');
    expect([d.kind, d.target]).toEqual(['below', 200]);
  });

  it('完成XX家 is a placeholder: no number is invented (and 10月 is a date, not a target)', () => {
    for (const text of ['完成XX家', '完成10月XX家新客户的开发', 'Sign N new customers']) {
      const t = inferFromText(text);
      expect(t.placeholder).toBe(true);
      expect(t.target).toBeNull();
      expect(t.kind).not.toBe('binary');
    }
  });

  it('a KR without any number is a milestone (binary)', () => {
    for (const text of [
      '完成拓展团队工作流程的最终制定',
      "Coordinate Blogger's 5th anniversary PR campaign",
      'Launch v2 by 2026-12-31',
      '第3周上线新版首页',
    ]) {
      const t = inferFromText(text);
      expect(t.kind).toBe('binary');
      expect(t.target).toBeNull();
      expect(t.placeholder).toBe(false);
    }
  });

  it('reads scale words, currencies, word numbers, and skips numbers inside words', () => {
    expect(inferFromText('GMV达到1.2亿').target).toBe(120000000);
    expect(inferFromText('Grow daily active blogs from 1.2M to 1.5M')).toMatchObject({
      start: 1200000,
      target: 1500000,
      kind: 'increase',
    });
    expect(inferFromText('大客户月采购额达到¥3.5万').target).toBe(35000);
    expect(inferFromText('Speak at three major industry events')).toMatchObject({ target: 3, unit: 'events' });
    expect(inferFromText('Sign 5 new B2B partners in Q4')).toMatchObject({ target: 5, unit: 'partners' });
    expect(inferFromText('新增会员1,200人')).toMatchObject({ target: 1200, unit: '人' });
    expect(inferFromText('Publish 12 posts on the Blogger Buzz blog')).toMatchObject({ target: 12, unit: 'posts' });
  });

  it('takes the number after "to" / 达到 as the target', () => {
    expect(inferFromText('Q4 grow to 300 stores').target).toBe(300);
    expect(inferFromText('3个渠道的月GMV达到50万').target).toBe(500000);
  });

  it('never throws, and gives finite numbers or null, for any input', () => {
    for (const v of [null, undefined, 42, {}, [], '', '   ', 'x'.repeat(10000)]) {
      expect(() => inferFromText(v)).not.toThrow();
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.fullUnicodeString(),
          fc.stringOf(
            fc.constantFrom('从', '到', 'to', 'from', '1', '0', '.', ',', '%', 'w', '万', 'X', ' ', '-', '月'),
          ),
        ),
        (s) => {
          const t = inferFromText(s);
          for (const n of [t.target, t.start]) expect(n === null || Number.isFinite(n)).toBe(true);
        },
      ),
    );
  });
});

describe('inferFromText: numbers that are not the target (hold-out 2 classes)', () => {
  it('code is not a quantity: backticks, an identifier assigned a value, a section of a law', () => {
    for (const text of [
      '不再使用固定 `max_items = 8` 的占位逻辑',
      'Replace the hard-coded `retry_limit = 3` with a setting',
      'Remove the page_size = 50 default from the API',
      'Register the charity under 501(c)(3)',
      '完成 §12 条款的合规审查',
    ]) {
      const t = inferFromText(text);
      expect([text, t.target]).toEqual([text, null]);
    }
    // A number outside the code still counts.
    expect(inferFromText('Cut `fetch_all` calls to 40 per day').target).toBe(40);
  });

  it('a floor is a place, not a quantity (3楼, floor 2)', () => {
    expect(inferFromText('机器人独立乘电梯到达3楼并返回').target).toBeNull();
    expect(inferFromText('Robot reaches floor 2 without help').target).toBeNull();
    expect(inferFromText('覆盖12个楼层的配送').target).toBe(12);
  });

  it('a time limit for an action is not a target; a limit after a to-word is one (stay below)', () => {
    for (const text of [
      '线上故障30min内响应',
      '客诉2h内处理完毕',
      'Tickets answered within 24 hours',
      '工单48小时内关闭',
    ])
      expect([text, inferFromText(text).target]).toEqual([text, null]);
    const t = inferFromText('页面加载时间降低至1.5秒以内');
    expect([t.target, t.kind]).toEqual([1.5, 'decrease']);
    const u = inferFromText('首次响应控制在10分钟以内');
    expect(u.target).toBe(10);
  });

  it('a comparator before a number gives the kind, a unit after a space is kept (MTTR < 15 分钟)', () => {
    expect(inferFromText('MTTR < 15 分钟')).toMatchObject({ target: 15, kind: 'below', unit: '分钟' });
    expect(inferFromText('P99 latency < 200 ms')).toMatchObject({ target: 200, kind: 'below' });
    expect(inferFromText('NPS > 40')).toMatchObject({ target: 40, kind: 'above' });
    // An arrow is not a comparator.
    expect(inferFromText('Move state IDLE -> 3 retries').kind).not.toBe('above');
  });

  it('a rise by a count is relative (增加20份, 减少5单), not a target', () => {
    const up = inferFromText('每个岗位合格简历量增加20份');
    expect(up.target).toBeNull();
    expect(up.relative).toEqual({ by: 20, percent: false, down: false });
    const down = inferFromText('每月客诉减少5单');
    expect(down.target).toBeNull();
    expect(down.relative).toMatchObject({ by: 5, down: true });
    // ... while a rise TO a count is the target.
    expect(inferFromText('合格简历量增加到60份').target).toBe(60);
  });

  it('a labelled target wins over the other numbers ([Target: 10 min], 目标值：500)', () => {
    expect(inferFromText('Time to resolution -30% [Target: 10 min, Weight: 30%]')).toMatchObject({
      target: 10,
      unit: 'min',
      relative: null,
    });
    expect(inferFromText('Churn down 2 points (target: 3%)').target).toBeCloseTo(0.03, 10);
    expect(inferFromText('月活用户增长30%，目标值：500万').target).toBe(5000000);
    // A date after the label is not a target.
    expect(inferFromText('Ship the new checkout, target: 2026-06-30').target).toBeNull();
  });

  it('two measures in separate clauses state no single target, and say how many', () => {
    for (const text of [
      '合作3个本地达人，内容曝光≥50万次',
      'Hire 3 engineers, onboard 2 designers',
      '签约5家门店；月销售额达到¥20万',
    ]) {
      const t = inferFromText(text);
      expect([text, t.target, t.measures]).toEqual([text, null, 2]);
    }
    // One measure, with a thousands comma or a bare count in another clause, still has its target.
    expect(inferFromText('Reach 5,000 members, up from 3')).toMatchObject({ target: 5000, measures: 0 });
    expect(inferFromText('提高客户服务质量,提升服务评分至4.5分').target).toBe(4.5);
  });
});

describe('inferFromText: a milestone described with a number', () => {
  it("'Launch X with 3 tiers' is a milestone; a number before 'with' is still the target", () => {
    for (const text of [
      'Launch a loyalty programme with 3 tiers',
      'Ship the new checkout with 2 payment options',
      '上线带有3种支付方式的结账页',
    ])
      expect([text, inferFromText(text).target, inferFromText(text).kind]).toEqual([text, null, 'binary']);
    expect(inferFromText('Launch 2 apps with 3 tiers each').target).toBe(2);
    expect(inferFromText('NPS of 50+ with 90% response rate').target).toBe(50);
  });
});

describe('inferFromText: the graded outcome after =>', () => {
  it('states the current value when it counts the same thing as the target', () => {
    expect(inferFromText('Run 5 user tests on onboarding => 3 user tests conducted (see notes)')).toMatchObject({
      target: 5,
      current: 3,
    });
    expect(inferFromText('Publish 12 posts => 9 posts live, 2 drafts')).toMatchObject({ target: 12, current: 9 });
    // Other numbers after => (a date, another measure) say nothing about it.
    expect(inferFromText('Sign 10 partners => done on March 18, 2 pilots running').current).toBeNull();
  });
});
