import { readSheet } from '../core/parse-sheet';
import { planConvert } from '../core/plan-convert';
import { DEFAULT_SETTINGS } from '../core/settings';
import { generatedSnapshot, FIXTURE_TODAY } from '../tests/fixtures/sheets';
const settings = DEFAULT_SETTINGS, today = FIXTURE_TODAY;
const snap = generatedSnapshot(10000);
const model = readSheet(snap, { settings, today });
for (let i = 0; i < 6; i++) { (global as any).gc(); planConvert(snap, [snap.name], { settings, host: 'excel', today }, model); }
console.log(((globalThis as any).__T as string[]).slice(2).join('\n'));
