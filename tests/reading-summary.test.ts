/**
 * The reading as commands report it (core/reading-summary.ts): the unplaced cells named in a summary sentence in
 * both languages, the row-role counts, and settings' column-role words (what --columns accepts).
 */
import type { LayoutReading } from '../core/model';
import { countsText, roleCounts, unplacedSentence, withUnplaced } from '../core/reading-summary';
import { columnRoleOf } from '../core/settings';

const base: LayoutReading = {
  form: 'outline',
  headerRow: null,
  headerReason: { en: '', zh: '' },
  candidates: [],
  columns: [],
  rows: [],
  unplaced: [],
  cycles: [],
};

const unplaced = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    cell: { row: 10 + i, col: i % 2 },
    text: i === 0 ? '团队聚餐：每月一次，地点待定。' : `line ${i + 1}`,
    reason: { en: 'between tables', zh: '表格之间' },
  }));

describe('unplaced cells in a summary', () => {
  test('nothing unplaced: no sentence, the summary stays as it was', () => {
    expect(unplacedSentence(base)).toBeNull();
    expect(unplacedSentence(undefined)).toBeNull();
    const s = { en: 'Converted.', zh: '已转换。' };
    expect(withUnplaced(s, base)).toBe(s);
  });

  test('names each cell with its address and text (full-width punctuation kept), in both languages', () => {
    const r = { ...base, unplaced: unplaced(2) };
    const m = withUnplaced({ en: 'Converted.', zh: '已转换。' }, r);
    expect(m.en).toBe(
      'Converted. 2 cells were not placed in the grid: A11 “团队聚餐：每月一次，地点待定。”, B12 “line 2”. They are listed under "How I read your sheet".',
    );
    expect(m.zh).toBe(
      '已转换。有 2 个单元格未能放入表格：A11 “团队聚餐：每月一次，地点待定。”、B12 “line 2”。详见“我如何读取您的表格”。',
    );
  });

  test('names five and counts the rest; long text is shortened', () => {
    const r = { ...base, unplaced: [...unplaced(7)] };
    r.unplaced[1] = { ...r.unplaced[1], text: 'x'.repeat(100) };
    const m = unplacedSentence(r)!;
    expect(m.en).toContain(`B12 “${'x'.repeat(39)}…”`);
    expect(m.en).toContain('A15 “line 5”, and 2 more.');
    expect(m.en).not.toContain('line 6');
    expect(m.zh).toContain('，另有 2 个。');
    expect(unplacedSentence({ ...base, unplaced: unplaced(1) })!.en).toMatch(
      /^1 cell was not placed in the grid: A11 /,
    );
  });
});

test('row roles are counted; a row holding an objective and its first KR counts for both', () => {
  const r: LayoutReading = {
    ...base,
    rows: [
      { row: 0, role: 'title' },
      { row: 1, role: 'header' },
      { row: 2, role: 'objective+kr' },
      { row: 3, role: 'kr' },
      { row: 4, role: 'initiative' },
      { row: 5, role: 'objective' },
      { row: 6, role: 'note' },
      { row: 7, role: 'blank' },
    ],
  };
  const c = roleCounts(r);
  expect(c).toEqual({ objectives: 2, krs: 2, initiatives: 1, other: 2 });
  expect(countsText(c, 0)).toEqual({
    en: '2 objectives · 2 key results · 1 initiative · 2 titles and notes · 0 not placed',
    zh: '2 个目标，2 个关键结果，1 个举措，2 个标题和备注，0 个未放置',
  });
  expect(countsText({ objectives: 1, krs: 1, initiatives: 0, other: 1 }, null).en).toBe(
    '1 objective · 1 key result · 0 initiatives · 1 title or note',
  );
});

test('column-role words: field names, their labels in both languages, and ignore', () => {
  expect(columnRoleOf('target')).toBe('target');
  expect(columnRoleOf('Target')).toBe('target');
  expect(columnRoleOf('due')).toBe('due');
  expect(columnRoleOf('Key Result')).toBe('kr');
  expect(columnRoleOf('kr')).toBe('kr');
  expect(columnRoleOf('alignedTo')).toBe('alignedTo');
  expect(columnRoleOf('aligned to')).toBe('alignedTo');
  expect(columnRoleOf('目标值')).toBe('target');
  expect(columnRoleOf('截止日期')).toBe('due');
  expect(columnRoleOf('ignore')).toBe('ignore');
  expect(columnRoleOf('忽略')).toBe('ignore');
  expect(columnRoleOf('goal')).toBeNull();
  expect(columnRoleOf('')).toBeNull();
});
