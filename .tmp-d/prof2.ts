import { readSheet } from '../core/parse-sheet';
import { planConvert } from '../core/plan-convert';
import { DEFAULT_SETTINGS } from '../core/settings';
import { generatedSnapshot, FIXTURE_TODAY } from '../tests/fixtures/sheets';
const settings = DEFAULT_SETTINGS, today = FIXTURE_TODAY;
const snap = generatedSnapshot(10000);
const model = readSheet(snap, { settings, today });
for (let i = 0; i < 10; i++) planConvert(snap, [snap.name], { settings, host: 'excel', today }, model);
