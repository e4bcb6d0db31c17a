/**
 * @jest-environment jsdom
 */
/// <reference lib="dom" />
/*
 * "How I read your sheet" in the panel (panel/reading.ts) against a scripted bridge: what it shows from a command's
 * details.reading, that every text from the sheet stays text, and that a correction from a dropdown is saved as
 * Settings (columnRoles / headerRow, saved with the workbook by the host) and the sheet is read again.
 */
import type { PanelResult } from '../panel/bridge';
import type { LayoutReading } from '../core/model';
import { DEFAULT_SETTINGS } from '../core/settings';
import { R, readReading } from '../panel/reading';
import { mount, scripted, until, type Scripted } from './fakes/panel-bridge';

const XSS = '<img src=x onerror=alert(1)>';

/** A team table with a title, its header on row 3 (0-based 2), a Goal column of numbers and one stray line. */
const reading = (over: Partial<LayoutReading> = {}): LayoutReading => ({
  form: 'table',
  headerRow: 2,
  headerReason: { en: 'row 3: 4 header words, 6 rows of data below', zh: '第 3 行：4 个表头词，下面 6 行数据' },
  candidates: [
    { row: 2, score: 9, reason: { en: 'best fit', zh: '最匹配' } },
    { row: 0, score: 1, reason: { en: 'the title line', zh: '标题行' } },
  ],
  columns: [
    { col: 0, header: 'Objective', field: 'objective', reason: { en: 'header “Objective”', zh: '表头“Objective”' } },
    { col: 1, header: 'Key Result', field: 'kr', reason: { en: 'header “Key Result”', zh: '表头“Key Result”' } },
    {
      col: 2,
      header: 'Goal',
      field: 'target',
      reason: {
        en: 'header “Goal” beside an Objective column; 6 of 6 values are numbers',
        zh: '“Goal”位于目标列旁，6 个值都是数字',
      },
    },
    { col: 3, header: 'Start Date', field: 'due', reason: { en: 'your choice', zh: '您的选择' }, chosen: true },
    { col: 4, header: `Notes ${XSS}`, field: null, reason: { en: 'no known header word', zh: '没有已知的表头词' } },
    { col: 5, header: '', field: null, reason: { en: 'empty header', zh: '空表头' } },
  ],
  rows: [
    { row: 0, role: 'title' },
    { row: 2, role: 'header' },
    { row: 3, role: 'objective' },
    { row: 4, role: 'kr' },
    { row: 5, role: 'kr' },
    { row: 6, role: 'objective+kr' },
    { row: 7, role: 'initiative' },
    { row: 9, role: 'note' },
  ],
  unplaced: [{ cell: { row: 9, col: 0 }, text: XSS, reason: { en: 'a line between tables', zh: '表格之间的一行' } }],
  cycles: ['2026-Q4'],
  ...over,
});

const summaryWith = (r: LayoutReading | null, ok = true): PanelResult => ({
  ok,
  summary: { en: 'Summary', zh: '概览' },
  details: {
    objectives: 2,
    krs: 3,
    averageScore: 0.5,
    bands: { red: 1, yellow: 1, green: 1 },
    ...(r ? { reading: r, readingSheet: 'Team <b>OKRs</b>' } : {}),
  },
});

const box = (root: HTMLElement) => root.querySelector('.okr-reading') as HTMLElement;
const roleSelect = (root: HTMLElement, col: number) =>
  root.querySelector(`select[data-reading="role"][data-col="${col}"]`) as HTMLSelectElement;

async function change(
  root: HTMLElement,
  sel: HTMLSelectElement,
  value: string,
  s: Scripted,
  runsBefore: number,
): Promise<void> {
  sel.value = value;
  sel.dispatchEvent(new Event('change'));
  await until(() => s.runs.length > runsBefore && root.dataset.state === 'ready', 'the sheet read again');
}

describe('how I read your sheet', () => {
  test('shows the header row chosen, each column with its role and reason, the counts and the unplaced cells', async () => {
    const s = scripted('en-US', { summary: summaryWith(reading()) });
    const root = await mount(s);
    const b = box(root);
    expect(b.querySelector('summary')!.textContent).toBe('How I read your sheet');
    const header = b.querySelector('select[data-reading="header-row"]') as HTMLSelectElement;
    expect(header.value).toBe('2');
    expect(header.selectedOptions[0].textContent).toBe('Row 3');
    expect([...header.options].map((o) => o.value)).toEqual(['0', '2']);
    expect(b.querySelector('[data-reason="header"]')!.textContent).toBe('row 3: 4 header words, 6 rows of data below');

    const items = [...b.querySelectorAll('.okr-col')] as HTMLElement[];
    expect(items.map((li) => li.dataset.field)).toEqual(['objective', 'kr', 'target', 'due', 'ignore', 'ignore']);
    expect(items[2].querySelector('.okr-col-header')!.textContent).toBe('Goal');
    expect(roleSelect(root, 2).selectedOptions[0].textContent).toBe('Target');
    expect(items[2].querySelector('.okr-reason')!.textContent).toBe(
      'header “Goal” beside an Objective column; 6 of 6 values are numbers',
    );
    expect(items[3].dataset.chosen).toBe('true');
    expect(roleSelect(root, 4).selectedOptions[0].textContent).toBe('Not used (kept as is)');
    // A column without a header cannot be keyed by its header text: its dropdown is off.
    expect(roleSelect(root, 5).disabled).toBe(true);

    // Rows: objectives 3 (row 3) + 6 (objective+kr) = 2; KRs 4, 5, 6 = 3; one initiative; the title = 1 (row 9 is a note nothing took: counted once, as not placed); 1 unplaced.
    expect(b.querySelector('[data-counts="now"]')!.textContent).toBe(
      'Found: 2 objectives · 3 key results · 1 initiative · 1 title or note · 1 not placed',
    );
    const unplaced = b.querySelector('[data-unplaced="A10"]') as HTMLElement;
    expect(unplaced.querySelector('.okr-where')!.textContent).toBe('Team <b>OKRs</b>!A10');
    expect(unplaced.querySelector('.okr-text')!.textContent).toBe(`“${XSS}” — a line between tables`);
    // Everything from the sheet stayed text.
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(b.querySelector('.okr-col[data-col="4"] .okr-col-header')!.textContent).toBe(`Notes ${XSS}`);

    unplaced.click();
    expect(s.selects).toEqual([['Team <b>OKRs</b>', 9, 0]]);
  });

  test('in Chinese: Chinese labels and the reasons in Chinese', async () => {
    const root = await mount(scripted('zh-CN', { summary: summaryWith(reading()) }));
    const b = box(root);
    expect(b.querySelector('summary')!.textContent).toBe('我如何读取您的表格');
    expect(
      (b.querySelector('select[data-reading="header-row"]') as HTMLSelectElement).selectedOptions[0].textContent,
    ).toBe('第 3 行');
    expect(roleSelect(root, 2).selectedOptions[0].textContent).toBe('目标值');
    expect(b.querySelector('.okr-col[data-col="2"] .okr-reason')!.textContent).toBe(
      '“Goal”位于目标列旁，6 个值都是数字',
    );
    expect(b.querySelector('[data-counts="now"]')!.textContent).toBe(
      '找到：2 个目标，3 个关键结果，1 个举措，1 个标题和备注，1 个未放置',
    );
    expect(b.textContent).not.toMatch(/How I read|Not used|key results/);
  });

  test("changing a column's role saves it as a correction with the workbook and reads the sheet again", async () => {
    const results: Record<string, PanelResult> = { summary: summaryWith(reading()) };
    const s = scripted('en-US', results, {
      ...DEFAULT_SETTINGS,
      columnRoles: { 'Start Date': 'due' },
      followLocale: true,
    });
    const root = await mount(s);
    // After saving, the host reads the sheet with the correction: Goal is now the current value, marked as chosen.
    const after = reading();
    after.columns = after.columns.map((c) =>
      c.col === 2 ? { ...c, field: 'current', chosen: true, reason: { en: 'your choice', zh: '您的选择' } } : c,
    );
    results.summary = summaryWith(after);

    await change(root, roleSelect(root, 2), 'current', s, s.runs.length);
    expect(s.saved.map((x) => x.columnRoles)).toEqual([{ 'Start Date': 'due', Goal: 'current' }]);
    // Saved on "Automatic": the language keeps following the host.
    expect(s.follows).toEqual([true]);
    expect(s.runs).toEqual(['summary', 'summary']);
    expect(roleSelect(root, 2).value).toBe('current');
    expect((root.querySelector('.okr-col[data-col="2"]') as HTMLElement).dataset.chosen).toBe('true');
    expect(root.querySelector('.okr-msg[data-kind="ok"]')!.textContent).toBe(
      `Column “Goal” is read as: Current. ${R.saved.en}`,
    );

    // "Not used" stores 'ignore'; "Automatic" on a chosen column takes the correction back.
    await change(root, roleSelect(root, 4), 'ignore', s, s.runs.length);
    expect(s.saved[1].columnRoles).toEqual({ 'Start Date': 'due', Goal: 'current', [`Notes ${XSS}`]: 'ignore' });
    const start = roleSelect(root, 3);
    expect([...start.options].map((o) => o.value)).toContain('auto');
    await change(root, start, 'auto', s, s.runs.length);
    expect(s.saved[2].columnRoles).toEqual({ Goal: 'current', [`Notes ${XSS}`]: 'ignore' });
  });

  test('choosing another header row saves it; Automatic takes it back', async () => {
    const results: Record<string, PanelResult> = { summary: summaryWith(reading()) };
    const s = scripted('en-US', results);
    const root = await mount(s);
    results.summary = summaryWith(reading({ headerRow: 0, headerReason: { en: 'your choice', zh: '您的选择' } }));
    await change(
      root,
      root.querySelector('select[data-reading="header-row"]') as HTMLSelectElement,
      '0',
      s,
      s.runs.length,
    );
    expect(s.saved.map((x) => x.headerRow)).toEqual([0]);
    const header = root.querySelector('select[data-reading="header-row"]') as HTMLSelectElement;
    expect(header.value).toBe('0');
    expect([...header.options].map((o) => o.value)).toEqual(['0', '2', 'auto']);
    await change(root, header, 'auto', s, s.runs.length);
    expect(s.saved.map((x) => x.headerRow)).toEqual([0, null]);
  });

  test('a sheet with no OKRs found still shows how it was read, so the user can correct it', async () => {
    const none = reading({
      form: 'none',
      headerRow: null,
      columns: [],
      rows: [{ row: 0, role: 'note' }],
      unplaced: [
        {
          cell: { row: 0, col: 1 },
          text: 'Sales plan',
          reason: { en: 'no objective or key result', zh: '不是目标或关键结果' },
        },
      ],
    });
    const root = await mount(scripted('en-US', { summary: summaryWith(none, false) }));
    const b = box(root);
    expect(b.querySelector('[data-form]')!.textContent).toContain('No OKR layout recognised');
    expect(b.querySelector('[data-unplaced="B1"]')).not.toBeNull();
    // The summary cards say "not a grid yet" (no counts from a failed summary).
    expect(root.querySelector('[data-summary="krs"] .okr-card-value')!.textContent).toBe('–');
  });

  test('after Convert: the counts before Convert stay beside the new ones; unplaced cells keep the section open', async () => {
    const results: Record<string, PanelResult> = { summary: summaryWith(reading({ unplaced: [] })) };
    const s = scripted('en-US', results);
    const root = await mount(s);
    expect((box(root).querySelector('details') as HTMLDetailsElement).open).toBe(true);
    const converted = reading({
      rows: [
        { row: 2, role: 'header' },
        { row: 3, role: 'objective' },
        { row: 4, role: 'kr' },
      ],
    });
    results.convert = {
      ok: true,
      summary: { en: 'Converted.', zh: '已转换。' },
      details: { reading: converted, readingSheet: 'Team' },
    };
    results.summary = summaryWith(converted);
    (root.querySelector('[data-command="convert"]') as HTMLButtonElement).click();
    await until(() => s.runs.length === 3 && root.dataset.state === 'ready', 'convert and the summary');
    const b = box(root);
    expect(b.querySelector('[data-counts="before"]')!.textContent).toBe(
      'Before Convert: 2 objectives · 3 key results · 1 initiative · 2 titles and notes',
    );
    expect(b.querySelector('[data-counts="now"]')!.textContent).toBe(
      'Found: 1 objective · 1 key result · 0 initiatives · 0 titles and notes · 1 not placed',
    );
    expect((b.querySelector('details') as HTMLDetailsElement).open).toBe(true);
  });

  test('no reading from the host: no section at all', async () => {
    const root = await mount(scripted('en-US', { summary: summaryWith(null) }));
    expect(box(root).childElementCount).toBe(0);
    expect(root.textContent).not.toContain(R.title.en);
  });

  test('readReading drops malformed parts of untrusted details', () => {
    expect(readReading({})).toBeNull();
    expect(readReading({ reading: 'x' })).toBeNull();
    const r = readReading({
      reading: {
        form: 'weird',
        headerRow: -1,
        columns: [{ col: 1, header: 'A', field: 'no-such-field' }, { col: 'x' }],
        rows: [
          { row: 1, role: 'objective' },
          { row: 2, role: 'boss' },
        ],
        unplaced: [{ cell: { row: 1, col: 0 }, text: 5 }, { cell: null }],
      },
    })!;
    expect(r.form).toBe('none');
    expect(r.headerRow).toBeNull();
    expect(r.columns).toEqual([{ col: 1, header: 'A', field: null, reason: { en: '', zh: '' }, chosen: false }]);
    expect(r.rows).toEqual([{ row: 1, role: 'objective' }]);
    expect(r.unplaced).toEqual([{ cell: { row: 1, col: 0 }, text: '5', reason: { en: '', zh: '' } }]);
  });
});
