import fc from 'fast-check';
import { inferFromText } from '../core/infer-target';

describe('inferFromText: numbers in a key result\'s wording', () => {
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
    for (const text of ['完成拓展团队工作流程的最终制定', "Coordinate Blogger's 5th anniversary PR campaign", 'Launch v2 by 2026-12-31', '第3周上线新版首页']) {
      const t = inferFromText(text);
      expect(t.kind).toBe('binary');
      expect(t.target).toBeNull();
      expect(t.placeholder).toBe(false);
    }
  });

  it('reads scale words, currencies, word numbers, and skips numbers inside words', () => {
    expect(inferFromText('GMV达到1.2亿').target).toBe(120000000);
    expect(inferFromText('Grow daily active blogs from 1.2M to 1.5M')).toMatchObject({ start: 1200000, target: 1500000, kind: 'increase' });
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
      fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), fc.stringOf(fc.constantFrom('从', '到', 'to', 'from', '1', '0', '.', ',', '%', 'w', '万', 'X', ' ', '-', '月'))), (s) => {
        const t = inferFromText(s);
        for (const n of [t.target, t.start]) expect(n === null || Number.isFinite(n)).toBe(true);
      }),
    );
  });
});
