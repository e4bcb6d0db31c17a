import { readSheet } from '../core/parse-sheet';
import { planConvert } from '../core/plan-convert';
import { DEFAULT_SETTINGS } from '../core/settings';
import { generatedSnapshot, FIXTURE_TODAY } from '../tests/fixtures/sheets';
const settings = DEFAULT_SETTINGS, today = FIXTURE_TODAY;
const snap = generatedSnapshot(10000);
const model = readSheet(snap, { settings, today });
const ts: number[] = [];
for (let i = 0; i < 15; i++) { const t0 = process.hrtime.bigint(); planConvert(snap, [snap.name], { settings, host: 'excel', today }, model); ts.push(Number(process.hrtime.bigint() - t0) / 1e6); }
ts.sort((a, b) => a - b); console.log('plan min', ts[0].toFixed(1), 'median', ts[7].toFixed(1));
