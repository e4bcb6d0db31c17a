import { planConvert } from '../core/plan-convert';
import { DEFAULT_SETTINGS } from '../core/settings';
import * as fx from '../tests/fixtures/sheets';
const which = process.argv[2] ?? 'englishTableSnapshot';
const snap = (fx as any)[which]();
const out = planConvert(snap, [snap.name], { settings: DEFAULT_SETTINGS, host: 'excel', today: fx.FIXTURE_TODAY });
console.log(out.summary);
for (const s of out.plan.sheets) {
  for (const w of s.writes) { console.log('write', w.row, w.col); for (const r of w.cells) console.log(JSON.stringify(r)); }
  console.log(JSON.stringify({v: s.validations, r: s.rules, t: s.table, h: s.header, f: s.freezeRows}, null, 0));
}
