import fc from 'fast-check';
import { readSheet } from './core/parse-sheet';
import { resolveSettings } from './core/settings';
const opts = { settings: resolveSettings({}), today: '2026-12-07' };
const words = ['Objective','Key Result','KR','Target','Current','Start','550ms','8 deals/qtr','Single region','1x/week','O: x','KR1: a','目标','关键结果','50%',''];
const cell = fc.oneof(fc.constantFrom(...words), fc.string(), fc.double(), fc.integer(), fc.constant(null));
const grid = fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 16 });
fc.assert(fc.property(grid, (values) => { readSheet({ name: 'P', origin: { row: 0, col: 0 }, values }, opts); }), { numRuns: 5000 });
console.log('ok');
