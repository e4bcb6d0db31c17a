import { readSheet } from '../core/parse-sheet';
import { validate } from '../core/rules';
import { closeCycle } from '../core/close';
import { planConvert } from '../core/plan-convert';
import { DEFAULT_SETTINGS } from '../core/settings';
import { generatedSnapshot, FIXTURE_TODAY } from '../tests/fixtures/sheets';
const settings = DEFAULT_SETTINGS, today = FIXTURE_TODAY;
const cpu = (fn: () => unknown) => { for (let i = 0; i < 2; i++) fn(); const xs: number[] = []; for (let i = 0; i < 5; i++) { (global as any).gc?.(); const c0 = process.cpuUsage(); fn(); const c = process.cpuUsage(c0); xs.push((c.user + c.system) / 1000); } xs.sort((a, b) => a - b); return xs[0].toFixed(0); };
for (const n of [1000, 10000, 50000]) {
  const snap = generatedSnapshot(n);
  const model = readSheet(snap, { settings, today });
  console.log(n, 'read', cpu(() => readSheet(snap, { settings, today })), 'validate', cpu(() => validate(model, { settings, today })), 'close', cpu(() => closeCycle(model, { settings, today })), 'plan', cpu(() => planConvert(snap, [snap.name], { settings, host: 'excel', today }, model)));
}
