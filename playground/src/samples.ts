/**
 * The sample workbooks offered by the playground, taken from the shared test fixtures so the page shows exactly
 * what the tests check: the English team sheet (table form), the Chinese customer-development OKR from the seed
 * (outline form), and an empty sheet.
 */
import { englishTable, chineseOutline } from '../../fixtures/sheets';
import { SimWorkbook, type Scalar } from '../excel-sim/workbook';

export type SampleId = 'english' | 'chinese' | 'empty';

export interface Sample {
  id: SampleId;
  label: { en: string; zh: string };
  sheet: string;
  values: Scalar[][];
}

export const SAMPLES: Sample[] = [
  {
    id: 'english',
    label: { en: 'English team sheet (table)', zh: '英文团队表（表格）' },
    sheet: 'Q4 OKRs',
    values: englishTable,
  },
  {
    id: 'chinese',
    label: { en: 'Chinese customer-development OKR (outline)', zh: '客户拓展团队 OKR（大纲）' },
    sheet: '10月OKR',
    values: chineseOutline,
  },
  { id: 'empty', label: { en: 'Empty sheet', zh: '空白工作表' }, sheet: 'Sheet1', values: [] },
];

const DATE_HEADER = /due|date|updated|deadline|截止|日期|更新/i;

/**
 * A workbook holding the sample's cells as stored values (the way a saved workbook holds them: a string stays a
 * string, never re-interpreted as a formula), with a date format on date columns the way the user's file had it.
 */
export function loadSample(id: SampleId): SimWorkbook {
  const s = SAMPLES.find((x) => x.id === id) ?? SAMPLES[0];
  const wb = new SimWorkbook([s.sheet]);
  const sheet = wb.sheets[0];
  const headerRow = s.values.findIndex((row) => row.filter((v) => typeof v === 'string' && v.trim()).length >= 3);
  s.values.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === '' || v === null || v === undefined) return;
      const cell = sheet.ensure(r, c);
      cell.v = v;
      const head = headerRow >= 0 ? s.values[headerRow][c] : '';
      if (
        typeof v === 'number' &&
        r > headerRow &&
        typeof head === 'string' &&
        DATE_HEADER.test(head) &&
        v > 30000 &&
        v < 80000
      )
        cell.nf = 'yyyy-mm-dd';
    }),
  );
  return wb;
}
