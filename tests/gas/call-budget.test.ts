/**
 * Issue 13, item 1: every command costs at most CALL_BUDGET Spreadsheet service calls through the BUILT bundle
 * (builder calls counted apart, see call-budget.ts), the same at 100 and 10,000 KR rows.
 */
import { CALL_BUDGET, STEPS, measureSteps, type Step, type StepCalls } from './call-budget';

let small: Record<Step, StepCalls>;
let large: Record<Step, StepCalls>;

beforeAll(() => {
  small = measureSteps(100);
  large = measureSteps(10000);
}, 600000);

describe('Spreadsheet service calls per command (built bundle, fake Sheets)', () => {
  test.each(STEPS.map((s) => [s]))('%s: works, at most the budget, equal at 100 and 10,000 rows', (step) => {
    const s = small[step];
    const l = large[step];
    expect([step, s.ok, l.ok]).toEqual([step, true, true]);
    const top = (m: StepCalls) => m.byMethod.slice(0, 6).map(([k, v]) => `${k} ${v}`);
    // The methods behind the count travel with the failure message.
    expect({ step, calls: s.calls <= CALL_BUDGET ? 'within budget' : s.calls, top: top(s) }).toEqual({
      step,
      calls: 'within budget',
      top: top(s),
    });
    expect(l.calls).toBe(s.calls);
    expect(l.builder).toBe(s.builder);
  });
});
