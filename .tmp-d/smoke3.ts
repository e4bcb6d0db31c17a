import { runCommand, readsFor } from '../core/commands';
import { DEFAULT_SETTINGS, resolveSettings } from '../core/settings';
import * as fx from '../tests/fixtures/sheets';
import { applyPlan, bookFromSnapshot, workbookSnapshot, canonicalBook } from '../core/simulate';
const which = process.argv[2] ?? 'englishTableSnapshot';
const steps = (process.argv[3] ?? 'convert,convert').split(',');
const settings = resolveSettings(JSON.parse(process.argv[4] ?? '{}'));
const snap = (fx as any)[which]();
let book = bookFromSnapshot(fx.workbookOf(snap));
for (const st of steps) {
  const [c, sheet] = st.split('@');
  const req = readsFor(c as any, settings);
  const wb = workbookSnapshot(book, sheet ?? snap.name, req);
  const res = runCommand(c as any, wb, settings);
  console.log(c, sheet ?? '', res.ok, res.summary.en, JSON.stringify(res.details)?.slice(0, 400));
  const before = JSON.stringify(canonicalBook(book));
  book = applyPlan(book, res.plan);
  console.log('changed:', before !== JSON.stringify(canonicalBook(book)));
}
for (const s of book.sheets) { console.log('==', s.name); s.values.slice(0, 16).forEach((r, i) => console.log(JSON.stringify(r.map((v, j) => s.formulas[i][j] || v)))); }
