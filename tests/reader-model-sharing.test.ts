/**
 * The model's light representation (issue 10's reading speed): KRs inferred alike share one frozen `inferred` set,
 * and ids are what each row's content alone gives, however many KRs of one objective came before.
 */
import { readModel } from '../core/parse-sheet';
import { stableId } from '../core/ids';
import { DEFAULT_SETTINGS } from '../core/settings';
import { FIXTURE_TODAY, snapshotOf } from '../fixtures/sheets';

const opts = { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY };

// No Kind or Type column: every KR's kind and type are inferred (the type is its objective's). The third KR has no target cell; its wording gives one ("to 300").
const sheet = snapshotOf('Sharing', [
  ['Objective', 'Key Result', 'Target', 'Current'],
  ['Grow the community', 'Raise weekly active members', 500, 120],
  ['Grow the community', 'Publish guides', 12, 3],
  ['Grow the community', 'Grow newsletter subscribers to 300', '', 90],
  ['Keep the site fast', 'Cut p95 page load', 2, 3.1],
]);

describe('inferred sets', () => {
  const model = readModel(sheet, opts);
  const [grow, fast] = model.objectives;
  const [active, guides, newsletter] = grow.krs;

  test('KRs inferred alike share one frozen set', () => {
    expect(active.inferred).toEqual({ kind: true, type: true });
    expect(guides.inferred).toBe(active.inferred);
    expect(fast.krs[0].inferred).toBe(active.inferred);
    expect(Object.isFrozen(active.inferred)).toBe(true);
  });

  test('a KR inferred otherwise has its own set, and the shared one is left as it was', () => {
    expect(newsletter.target).toBe(300);
    expect(newsletter.inferred).toEqual({ kind: true, type: true, target: true });
    expect(active.inferred).toEqual({ kind: true, type: true });
  });
});

describe('generated ids', () => {
  test("each KR's id is the one its objective and title alone give, whatever KRs came before it", () => {
    const model = readModel(sheet, opts);
    for (const o of model.objectives) {
      expect(o.id).toBe(stableId('O', 'Sharing', [o.title]));
      for (const kr of o.krs) expect(kr.id).toBe(stableId('KR', 'Sharing', [o.title, kr.title]));
    }
  });
});
