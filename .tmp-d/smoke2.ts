import { runCommand, readsFor } from '../core/commands';
import { DEFAULT_SETTINGS } from '../core/settings';
import * as fx from '../tests/fixtures/sheets';
import { applyPlan, bookFromSnapshot, workbookSnapshot, canonicalBook } from '../core/simulate';
const which = process.argv[2] ?? 'englishTableSnapshot';
const cmds = (process.argv[3] ?? 'convert,convert').split(',');
const snap = (fx as any)[which]();
let book = bookFromSnapshot(fx.workbookOf(snap));
for (const c of cmds) {
  const req = readsFor(c as any, DEFAULT_SETTINGS);
  const wb = workbookSnapshot(book, snap.name, req);
  const res = runCommand(c as any, wb, DEFAULT_SETTINGS);
  console.log(c, res.ok, res.summary.en, JSON.stringify(res.details)?.slice(0, 300));
  const before = JSON.stringify(canonicalBook(book));
  book = applyPlan(book, res.plan);
  console.log('changed:', before !== JSON.stringify(canonicalBook(book)));
}
for (const s of book.sheets) { console.log('==', s.name); for (const r of s.values.slice(0, 14)) console.log(JSON.stringify(r)); }
