/**
 * The corpus as Excel holds it: a date typed in Excel (`2026-04-01`) is a serial number in the cell (46113), and the
 * add-in reads values, not formats. Every real-world sheet (tests/fixtures/real) must read the same with its ISO dates
 * as serials: the same objectives and KRs, the same start, target, current and due of each KR.
 */
import { isoToSerial } from '../core/values';
import type { OkrModel } from '../core/model';
import { REAL_SHEETS } from './fixtures/real';
import { readCells } from './fixtures/real/read';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const read = (values: unknown[][]) => readCells('OKRs', values);

const reading = (m: OkrModel) =>
  m.objectives.map((o) => ({
    o: o.title,
    krs: o.krs.map((k) => [k.title, k.startGiven ? k.start : null, k.target, k.current, k.due]),
  }));

const withDates = REAL_SHEETS.filter((s) =>
  s.values.some((row) => row.some((v) => typeof v === 'string' && ISO_DATE.test(v))),
);

test('the corpus has sheets with typed dates to try', () => {
  expect(withDates.length).toBeGreaterThanOrEqual(5);
});

describe.each(withDates.map((s) => [s.id, s] as const))('%s', (_id, sheet) => {
  test('reads the same when its dates are Excel serials', () => {
    const asExcel = sheet.values.map((row) =>
      row.map((v) => (typeof v === 'string' && ISO_DATE.test(v) ? isoToSerial(v) : v)),
    );
    expect(reading(read(asExcel))).toEqual(reading(read(sheet.values)));
  });
});
