/**
 * Cells brought to the playground as text (playground/src/delimited.ts): a block copied from Excel or Google Sheets
 * (tab-separated; a cell with a line break, a tab or a quote comes quoted, its quotes doubled) and .csv files. The
 * clipboard texts below are written the way Excel puts a copied block on the clipboard (CRLF after every row).
 */
import {
  decodeText,
  guessDelimiter,
  parseDelimited,
  pastedBlock,
  pastedInput,
  sheetNameFromFile,
} from '../playground/src/delimited';
import { SimWorkbook } from '../playground/excel-sim/workbook';

describe('parseDelimited', () => {
  test('a block copied from Excel: rows end with CRLF, a multi-line cell is quoted, its quotes doubled', () => {
    const clip = 'Objective\tKey Result\r\n"Grow\r\nrevenue"\t"Say ""hi"" to 10 clients"\r\n\t\r\n';
    expect(parseDelimited(clip, '\t')).toEqual([
      ['Objective', 'Key Result'],
      ['Grow\r\nrevenue', 'Say "hi" to 10 clients'],
      ['', ''],
    ]);
  });

  test('Google Sheets: LF line breaks, no break after the last row; a quote inside a cell is kept', () => {
    expect(parseDelimited('O：提升留存\tKR1：留存率从 20% 提升到 30%\n5" screen\t', '\t')).toEqual([
      ['O：提升留存', 'KR1：留存率从 20% 提升到 30%'],
      ['5" screen', ''],
    ]);
  });

  test('CSV: commas inside quotes stay in the cell', () => {
    expect(parseDelimited('a,"b, c",d\r\n1,2,3', ',')).toEqual([
      ['a', 'b, c', 'd'],
      ['1', '2', '3'],
    ]);
  });
});

test('guessDelimiter: tab, then semicolon (a comma-decimal locale), then comma, counted outside quotes', () => {
  expect(guessDelimiter('a\tb,c\n')).toBe('\t');
  expect(guessDelimiter('Objective;Target;Current\n"x";"1,5";2')).toBe(';');
  expect(guessDelimiter('"a;b;c",d\n')).toBe(',');
  expect(guessDelimiter('one cell')).toBe(',');
});

describe('what a pasted cell is typed as', () => {
  test('text that starts like a formula is kept as that text, never a formula', () => {
    const wb = new SimWorkbook(['S']);
    const texts = ['- KR1: ship 3 features', '=SUM(A1)', '+86 138 0000', '@owner', "'quoted"];
    wb.paste(
      'S',
      0,
      0,
      texts.map((t) => [pastedInput(t)]),
    );
    texts.forEach((t, r) => {
      expect(wb.sheet('S')!.get(r, 0)?.f).toBeUndefined();
      expect(wb.value('S', r, 0)).toBe(t);
    });
  });

  test('numbers, percentages, dates and TRUE are values, as when typed; empty cells clear', () => {
    const wb = new SimWorkbook(['S']);
    wb.edit('S', 0, 3, 'old');
    wb.paste('S', 0, 0, pastedBlock('-5\t40%\t2026-03-31\t\tTRUE\t1,200\r\n'));
    expect([0, 1, 2, 3, 4, 5].map((c) => wb.value('S', 0, c))).toEqual([-5, 0.4, 46112, null, true, '1,200']);
    expect(wb.sheet('S')!.get(0, 2)?.nf).toBe('yyyy-mm-dd');
  });

  test('full-width punctuation and line breaks stay exactly as copied', () => {
    const wb = new SimWorkbook(['S']);
    wb.paste('S', 2, 1, pastedBlock('"目标：提升用户粘性（Q2）\n关键结果，留存率≥30%"\t！？\r\n'));
    expect(wb.value('S', 2, 1)).toBe('目标：提升用户粘性（Q2）\n关键结果，留存率≥30%');
    expect(wb.value('S', 2, 2)).toBe('！？');
  });

  test('a paste is one change event covering the whole block, by the user', async () => {
    const wb = new SimWorkbook(['S']);
    const seen: { address: string; triggerSource: string }[] = [];
    wb.onChanged(null, (e) => void seen.push(e as unknown as { address: string; triggerSource: string }));
    wb.paste('S', 1, 1, pastedBlock('a\tb\tc\r\nd\te\tf\r\n'));
    await Promise.resolve();
    expect(seen).toEqual([expect.objectContaining({ address: 'B2:D3', triggerSource: 'Unknown' })]);
  });
});

describe('decodeText', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  test('UTF-8, with or without the byte-order mark Excel writes in "CSV UTF-8"', () => {
    expect(decodeText(utf8('目标,关键结果'))).toBe('目标,关键结果');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('目标')]))).toBe('目标');
  });

  test('UTF-16 LE with its mark (Excel "Unicode text")', () => {
    const body = Array.from('目标\tKR').flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]);
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...body]))).toBe('目标\tKR');
  });

  test('GB18030 / GBK, as Excel on a Chinese Windows saves a plain CSV', () => {
    // 目标，关键结果 in GBK (the full-width comma is A3AC).
    const gbk = new Uint8Array([0xc4, 0xbf, 0xb1, 0xea, 0xa3, 0xac, 0xb9, 0xd8, 0xbc, 0xfc, 0xbd, 0xe1, 0xb9, 0xfb]);
    expect(decodeText(gbk)).toBe('目标，关键结果');
  });
});

test('sheetNameFromFile: the extension and the characters Excel refuses go, at most 31 characters', () => {
  expect(sheetNameFromFile('Q3 OKRs.csv')).toBe('Q3 OKRs');
  expect(sheetNameFromFile('2026/Q1: [draft]*.tsv')).toBe('2026 Q1   draft');
  expect(sheetNameFromFile('a-very-long-file-name-for-a-team-okr-export.csv')).toHaveLength(31);
  expect(sheetNameFromFile('.csv')).toBe('Sheet1');
});
