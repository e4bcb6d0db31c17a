import fc from 'fast-check';
import { readModel, outlineItem, parseKind, parseLevel, parseCommitment, parseConfidence } from '../core/parse-sheet';
import { HEADER_SYNONYMS, matchHeader, normalizeHeader } from '../core/headers';
import { IdAllocator, idFromCell, stableId } from '../core/ids';
import { DEFAULT_SETTINGS, resolveSettings } from '../core/settings';
import { cellOf, type Field, type KeyResult, type OkrModel } from '../core/model';
import type { SheetSnapshot } from '../core/sheet-plan';
import {
  FIXTURE_TODAY,
  chineseOutline,
  englishTable,
  generatedTable,
  messySheet,
  messyFormulas,
  snapshotOf,
  englishTableSnapshot,
  chineseOutlineSnapshot,
  googleExampleSnapshot,
  messySheetSnapshot,
  generatedSnapshot,
} from '../fixtures/sheets';

const opts = { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY };
const read = (s: SheetSnapshot) => readModel(s, opts);
const allKrs = (m: OkrModel): KeyResult[] => m.objectives.flatMap((o) => o.krs);
const krAt = (m: OkrModel, row: number) => {
  const k = allKrs(m).find((x) => x.row === row);
  if (!k) throw new Error(`no KR on row ${row}`);
  return k;
};

// ---------------------------------------------------------------------------------------------------------------

describe('headers: English and Chinese, loose spelling', () => {
  const expected: [string, Field][] = [
    ['Key Result', 'kr'],
    ['KR', 'kr'],
    ['Key Results', 'kr'],
    ['关键结果', 'kr'],
    ['KR描述', 'kr'],
    ['key_result', 'kr'],
    ['KEY  RESULT', 'kr'],
    ['Key-Result', 'kr'],
    ['Ｋｅｙ Ｒｅｓｕｌｔ', 'kr'],
    ['关键结果（KR）', 'kr'],
    ['Key Result (KR)', 'kr'],
    ['Target', 'target'],
    ['Goal value', 'target'],
    ['目标值', 'target'],
    ['目标值（万元）', 'target'],
    ['Target value (units)', 'target'],
    ['Current', 'current'],
    ['Actual', 'current'],
    ['Progress value', 'current'],
    ['当前值', 'current'],
    ['实际值', 'current'],
    ['完成值', 'current'],
    ['Start', 'start'],
    ['Baseline', 'start'],
    ['起始值', 'start'],
    ['基线', 'start'],
    ['Weight', 'weight'],
    ['权重', 'weight'],
    ['Weight (%)', 'weight'],
    ['权重%', 'weight'],
    ['Owner', 'owner'],
    ['负责人', 'owner'],
    ['责任人', 'owner'],
    ['Objective', 'objective'],
    ['O', 'objective'],
    ['目标', 'objective'],
    ['目标（O）', 'objective'],
    ['1. Objective', 'objective'],
    ['Level', 'level'],
    ['层级', 'level'],
    ['Type', 'type'],
    ['Committed?', 'type'],
    ['类型', 'type'],
    ['Kind', 'kind'],
    ['Direction', 'kind'],
    ['计分方式', 'kind'],
    ['Due', 'due'],
    ['Deadline', 'due'],
    ['截止日期', 'due'],
    ['Due date', 'due'],
    ['Confidence', 'confidence'],
    ['信心', 'confidence'],
    ['Aligned to', 'alignedTo'],
    ['Parent', 'alignedTo'],
    ['对齐', 'alignedTo'],
    ['Notes', 'notes'],
    ['备注', 'notes'],
    ['备注 Notes', 'notes'],
    ['Updated', 'updated'],
    ['Last updated', 'updated'],
    ['更新时间', 'updated'],
    ['Score', 'score'],
    ['得分', 'score'],
    ['Status', 'status'],
    ['状态', 'status'],
    ['ID', 'id'],
    ['Cycle', 'cycle'],
    ['Quarter', 'cycle'],
    ['周期', 'cycle'],
    ['季度', 'cycle'],
    ['Unit', 'unit'],
    ['单位', 'unit'],
    ['Initiative', 'initiative'],
    ['Task', 'initiative'],
    ['举措', 'initiative'],
    ['执行', 'initiative'],
  ];
  it.each(expected)('%p -> %s', (text, field) => {
    expect(matchHeader(text)).toBe(field);
  });

  it('目标 alone is the objective, 目标值 is the target', () => {
    expect(matchHeader('目标')).toBe('objective');
    expect(matchHeader('目标值')).toBe('target');
    expect(matchHeader('  目标 ')).toBe('objective');
  });

  it('does not recognise unknown or non-text headers', () => {
    for (const v of ['Budget', '附件', '', '   ', null, undefined, 42, true, {}, 'a'.repeat(100)])
      expect(matchHeader(v)).toBeNull();
  });

  it('every field has synonyms in English and in Chinese that map back to it', () => {
    for (const field of Object.keys(HEADER_SYNONYMS) as Field[]) {
      const syns = HEADER_SYNONYMS[field];
      expect(syns.some((s) => /[A-Za-z]/.test(s) && matchHeader(s) === field)).toBe(true);
      if (field !== 'id') expect(syns.some((s) => /[\u4e00-\u9fff]/.test(s) && matchHeader(s) === field)).toBe(true);
      for (const s of syns) expect(matchHeader(s)).toBe(field);
    }
  });

  it('normalizeHeader folds case, width, spaces and punctuation', () => {
    expect(normalizeHeader('Ｋｅｙ　Ｒｅｓｕｌｔ（ＫＲ）')).toBe('keyresultkr');
    expect(normalizeHeader('Committed?')).toBe('committed');
  });
});

describe('cell words', () => {
  it('kinds, levels, commitment and confidence in both languages', () => {
    expect(parseKind('Stay above')).toBe('above');
    expect(parseKind('不超过')).toBe('below');
    expect(parseKind('里程碑')).toBe('binary');
    expect(parseKind('降低')).toBe('decrease');
    expect(parseKind('whatever')).toBeNull();
    expect(parseLevel('部门')).toBe('department');
    expect(parseLevel('Individual')).toBe('individual');
    expect(parseLevel('小组')).toBe('team');
    expect(parseCommitment('挑战型')).toBe('aspirational');
    expect(parseCommitment('是')).toBe('committed');
    expect(parseCommitment('yes', 'aspirational')).toBe('aspirational');
    expect(parseCommitment(false)).toBe('aspirational');
    expect(parseConfidence('高')).toBe('high');
    expect(parseConfidence(0.5)).toBe('medium');
    expect(parseConfidence(8)).toBe('high');
    expect(parseConfidence('30%')).toBe('low');
    expect(parseConfidence('maybe')).toBeNull();
  });

  it('outline items: prefixes in English and Chinese, full-width colons, bullets', () => {
    expect(outlineItem('O:打造一个成功的客户拓展团队')).toEqual({
      kind: 'objective',
      title: '打造一个成功的客户拓展团队',
    });
    expect(outlineItem('O1：提升复购')).toEqual({ kind: 'objective', title: '提升复购' });
    expect(outlineItem('Objective 1 - Grow revenue')).toEqual({ kind: 'objective', title: 'Grow revenue' });
    expect(outlineItem('目标：打造团队')).toEqual({ kind: 'objective', title: '打造团队' });
    expect(outlineItem('KR1:完成流程制定')).toEqual({ kind: 'kr', title: '完成流程制定' });
    expect(outlineItem('KR2：完成开发')).toEqual({ kind: 'kr', title: '完成开发' });
    expect(outlineItem('关键结果2：收获10w粉丝')).toEqual({ kind: 'kr', title: '收获10w粉丝' });
    expect(outlineItem('Key Result 1.2: Raise NPS to 50')).toEqual({ kind: 'kr', title: 'Raise NPS to 50' });
    expect(outlineItem('E:制定团队工作流程初版')).toEqual({ kind: 'initiative', title: '制定团队工作流程初版' });
    expect(outlineItem('执行：每周复盘')).toEqual({ kind: 'initiative', title: '每周复盘' });
    expect(outlineItem('举措：上线会员')).toEqual({ kind: 'initiative', title: '上线会员' });
    expect(outlineItem('Initiative: run a webinar')).toEqual({ kind: 'initiative', title: 'run a webinar' });
    expect(outlineItem('• O: Beautify and package XX products')).toEqual({
      kind: 'objective',
      title: 'Beautify and package XX products',
    });
    for (const line of [
      '为了制定一个好的OKR,我与领导发生了争执',
      '所以修正后我们团队的OKR是:',
      'E-commerce growth plan',
      'Overall we did well',
      '目标客户很多',
      '',
    ]) {
      expect(outlineItem(line)).toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('englishTable: objectives on their own rows', () => {
  const m = read(englishTableSnapshot());

  it('finds the header, the data rows, the columns and the cycle', () => {
    expect(m.form).toBe('table');
    expect(m.headerRow).toBe(2);
    expect(m.firstRow).toBe(3);
    expect(m.lastRow).toBe(12);
    expect(m.cycle!.id).toBe('2026-Q4');
    expect(m.columns).toHaveLength(18);
    expect(m.fieldCols).toMatchObject({
      id: 0,
      level: 1,
      owner: 2,
      objective: 3,
      kr: 4,
      type: 5,
      kind: 6,
      start: 7,
      target: 8,
      current: 9,
      unit: 10,
      weight: 11,
      due: 12,
      confidence: 13,
      alignedTo: 14,
      updated: 15,
      notes: 16,
    });
    expect(m.columns[17]).toEqual({ col: 17, header: 'Budget', field: null });
  });

  it('reads 2 objectives with 4 and 3 KRs', () => {
    expect(m.objectives.map((o) => [o.id, o.row, o.ownRow, o.krs.length])).toEqual([
      ['O-100', 3, true, 4],
      ['O-200', 9, true, 3],
    ]);
    const [o1, o2] = m.objectives;
    expect(o1).toMatchObject({
      title: 'Grow repeat purchases in our Taobao store',
      level: 'team',
      owner: 'Alice Chen',
      alignedTo: 'CO-1',
      commitment: 'aspirational',
    });
    expect(o1.extra).toEqual({ Budget: 5000 });
    expect(o1.cycle!.id).toBe('2026-Q4');
    expect(o2).toMatchObject({
      title: 'Make fulfilment fast and cheap',
      owner: 'Bob Li',
      commitment: 'committed',
      alignedTo: 'CO-2',
    });
    expect(o1.krs.every((k) => k.objectiveId === 'O-100')).toBe(true);
  });

  it('reads each kind, including a decreasing KR', () => {
    expect(krAt(m, 4)).toMatchObject({
      id: 'KR-101',
      kind: 'increase',
      start: 0.18,
      startGiven: true,
      target: 0.25,
      current: 0.21,
      weight: 0.4,
      due: '2026-12-31',
      confidence: 'high',
      updated: '2026-11-20',
      unit: '%',
    });
    expect(krAt(m, 5)).toMatchObject({
      id: 'KR-102',
      kind: 'decrease',
      start: 0.05,
      target: 0.03,
      current: 0.04,
      weight: 0.3,
      commitment: 'committed',
      owner: 'Bob Li',
      updated: '2026-11-02',
      notes: 'Weekly review',
    });
    expect(krAt(m, 6)).toMatchObject({
      id: 'KR-103',
      kind: 'above',
      start: 0,
      startGiven: false,
      target: 4.8,
      current: 4.9,
      unit: 'stars',
    });
    expect(krAt(m, 7)).toMatchObject({
      id: 'KR-104',
      kind: 'binary',
      target: null,
      current: 1,
      weight: 0.1,
      due: '2026-12-15',
      confidence: 'low',
    });
    expect(krAt(m, 7).extra).toEqual({ Budget: 1200 });
    expect(krAt(m, 10)).toMatchObject({
      id: 'KR-201',
      kind: 'below',
      target: 48,
      current: 52,
      unit: 'hours',
      weight: 0.5,
    });
    for (const k of allKrs(m).filter((k) => k.cols.kind !== undefined)) expect(k.inferred.kind).toBeUndefined();
  });

  it('text in a number cell is a problem quoting it in both languages, never NaN', () => {
    const k = krAt(m, 11);
    expect(k.current).toBeNull();
    expect(k.cols.current).toBeUndefined();
    expect(m.problems).toHaveLength(1);
    const p = m.problems[0];
    expect(p.field).toBe('current');
    expect(p.cell).toEqual({ row: 11, col: 9 });
    expect(p.seen).toBe('about half');
    expect(p.message.en).toContain('about half');
    expect(p.message.en).toContain('J12');
    expect(p.message.zh).toContain('about half');
    expect(p.message.zh).toContain('当前值');
  });

  it('a row without an ID gets a generated id; its kind is inferred from start > target', () => {
    const k = krAt(m, 12);
    expect(k.id).toMatch(/^KR-[0-9a-f]{6}$/);
    expect(k.kind).toBe('decrease');
    expect(k.inferred.kind).toBe(true);
    expect(k.cols.id).toBeUndefined();
    expect([k.start, k.target, k.current, k.weight, k.due]).toEqual([3.5, 2.8, 3.1, 0.2, '2026-11-30']);
  });

  it('records the cell of every field read', () => {
    const k = krAt(m, 5);
    expect(k.row).toBe(5);
    expect(k.cols).toMatchObject({
      id: 0,
      kr: 4,
      start: 7,
      target: 8,
      current: 9,
      weight: 11,
      due: 12,
      updated: 15,
      owner: 2,
    });
    expect(m.objectives[0].cells).toMatchObject({
      id: { row: 3, col: 0 },
      objective: { row: 3, col: 3 },
      level: { row: 3, col: 1 },
      alignedTo: { row: 3, col: 14 },
    });
  });

  it('KR owner falls back to the objective owner (marked inferred)', () => {
    const values = englishTable.map((r) => r.slice());
    values[6][2] = '';
    const k = krAt(read(snapshotOf('Q4 OKRs', values)), 6);
    expect(k.owner).toBe('Alice Chen');
    expect(k.inferred.owner).toBe(true);
  });

  it('takes snapshot.origin into account: every cell is absolute', () => {
    const shifted = read(snapshotOf('Q4 OKRs', englishTable, { origin: { row: 5, col: 2 } }));
    expect(shifted.headerRow).toBe(7);
    expect(shifted.firstRow).toBe(8);
    expect(shifted.fieldCols.kr).toBe(6);
    expect(shifted.columns[0].col).toBe(2);
    expect(shifted.problems[0].cell).toEqual({ row: 16, col: 11 });
    const k = allKrs(shifted).find((x) => x.id === 'KR-102')!;
    expect(k.row).toBe(10);
    expect(cellOf(k, 'target')).toEqual({ row: 10, col: 10 });
    expect(shifted.objectives[0].row).toBe(8);
  });
});

describe('chineseOutline: the seed, verbatim', () => {
  const m = read(chineseOutlineSnapshot());

  it('1 objective, 3 KRs, 6 initiatives; title lines ignored', () => {
    expect(m.form).toBe('outline');
    expect(m.headerRow).toBeNull();
    expect(m.objectives).toHaveLength(1);
    const o = m.objectives[0];
    expect(o).toMatchObject({ title: '打造一个成功的客户拓展团队', row: 4, ownRow: true });
    expect(o.cells.objective).toEqual({ row: 4, col: 0 });
    expect(o.krs.map((k) => k.row)).toEqual([6, 12, 18]);
    expect(o.krs.map((k) => k.initiatives.length)).toEqual([2, 2, 2]);
    expect(o.krs.flatMap((k) => k.initiatives.map((e) => e.cell.row))).toEqual([8, 10, 14, 16, 20, 22]);
    expect(o.krs[0].initiatives[0].title).toBe('制定团队工作流程初版');
    expect(m.firstRow).toBe(4);
    expect(m.lastRow).toBe(22);
    expect(m.title).toBe('为了制定一个好的OKR,我与领导发生了争执');
  });

  it('KR1 is a milestone, KR2 a placeholder, KR3 has target 100,000 粉丝 (inferred)', () => {
    const [k1, k2, k3] = m.objectives[0].krs;
    expect(k1).toMatchObject({ title: '完成拓展团队工作流程的最终制定', kind: 'binary', target: null });
    expect(k2).toMatchObject({ target: null, placeholder: true });
    expect(k2.kind).not.toBe('binary');
    expect(k3).toMatchObject({ target: 100000, unit: '粉丝', kind: 'increase' });
    expect(k3.inferred).toMatchObject({ target: true, unit: true, kind: true });
    expect(k1.inferred.target).toBeUndefined();
  });

  it('the cycle is October, the month every dated line names', () => {
    expect(m.cycle!.id).toBe('2026-10');
    expect(m.objectives[0].cycle!.id).toBe('2026-10');
    expect(m.problems).toEqual([]);
  });

  it('ids are stable: reading twice gives the same ids, all distinct', () => {
    const again = read(chineseOutlineSnapshot());
    const ids = (x: OkrModel) =>
      x.objectives.flatMap((o) => [o.id, ...o.krs.flatMap((k) => [k.id, ...k.initiatives.map((e) => e.id)])]);
    expect(ids(again)).toEqual(ids(m));
    expect(new Set(ids(m)).size).toBe(1 + 3 + 6);
    expect(m.objectives[0].id).toMatch(/^O-[0-9a-f]{6}$/);
    expect(m.objectives[0].krs[0].id).toMatch(/^KR-[0-9a-f]{6}$/);
  });

  it('an outline starting in another column / with its own cycle line', () => {
    const values = [
      ['', ''],
      ['', '2026年第四季度 客户拓展团队OKR'],
      ['', 'O1：提升复购'],
      ['', 'KR1：复购率从18%提升到25%'],
      ['', '执行：会员日活动'],
    ];
    const o = read(snapshotOf('x', values, { origin: { row: 2, col: 3 } }));
    expect(o.cycle!.id).toBe('2026-Q4');
    expect(o.objectives[0].cells.objective).toEqual({ row: 4, col: 4 });
    expect(o.objectives[0].krs[0]).toMatchObject({ start: 0.18, target: 0.25, kind: 'increase' });
    expect(o.objectives[0].krs[0].initiatives[0].cell).toEqual({ row: 6, col: 4 });
  });
});

describe('outline with the label in its own cell', () => {
  it('| O | text |, | KR1 | text |, | E | text |', () => {
    const m = read(
      snapshotOf('x', [
        ['O', '打造团队'],
        ['KR1', '收获10w粉丝'],
        ['E', '每周复盘'],
        ['备注', '无'],
      ]),
    );
    expect(m.form).toBe('outline');
    const o = m.objectives[0];
    expect(o.title).toBe('打造团队');
    expect(o.cells.objective).toEqual({ row: 0, col: 1 });
    expect(o.krs[0]).toMatchObject({ title: '收获10w粉丝', target: 100000 });
    expect(o.krs[0].initiatives[0]).toMatchObject({ title: '每周复盘', cell: { row: 2, col: 1 } });
  });
});

describe('googleExample: one objective repeated on five KR rows', () => {
  const m = read(googleExampleSnapshot());

  it('groups the repeated objective into one with 5 KRs, over the limit of 4', () => {
    expect(m.headerRow).toBe(0);
    expect(m.objectives).toHaveLength(1);
    const o = m.objectives[0];
    expect(o).toMatchObject({ title: "Strengthen Blogger's prestige", ownRow: false, row: 1, owner: 'Rick Klau' });
    expect(o.krs).toHaveLength(5);
    expect(o.krs.length).toBeGreaterThan(DEFAULT_SETTINGS.limits.krsPerObjective);
    expect(o.cycle!.id).toBe('2011-Q2');
    expect(m.cycle!.id).toBe('2011-Q2');
  });

  it('infers targets from the wording where the target cell is blank', () => {
    const [k1, k2, k3, k4, k5] = m.objectives[0].krs;
    expect(k1).toMatchObject({ target: 3, current: 2, kind: 'increase' });
    expect(k1.inferred.target).toBeUndefined();
    expect(k2).toMatchObject({ kind: 'binary', current: 1, target: null });
    expect(k3).toMatchObject({ kind: 'binary', current: null, target: null });
    expect(k4).toMatchObject({ start: 1200000, target: 1500000, current: 1300000, kind: 'increase', startGiven: true });
    expect(k4.inferred).toMatchObject({ start: true, target: true, kind: true });
    expect(k5).toMatchObject({ target: 12, unit: 'posts', current: 7 });
    expect(k5.inferred).toMatchObject({ target: true, unit: true });
    expect(m.problems).toEqual([]);
  });
});

describe('messySheet: two-row header, blank rows, merged-looking objective cells, typed numbers', () => {
  const m = read(messySheetSnapshot());

  it('joins the two header rows', () => {
    expect(m.headerRow).toBe(2);
    expect(m.headerRows).toEqual([1, 2]);
    expect(m.fieldCols).toMatchObject({
      objective: 0,
      kr: 1,
      owner: 2,
      start: 3,
      target: 4,
      current: 5,
      weight: 6,
      notes: 7,
      type: 8,
    });
    expect(m.cycle!.id).toBe('2026-Q4');
    expect(m.title).toBe('2026年第四季度 运营部OKR');
  });

  it('blank objective cells continue the objective above; blank rows are skipped', () => {
    expect(m.objectives.map((o) => [o.title, o.krs.map((k) => k.row)])).toEqual([
      ['提升店铺复购', [3, 4, 6]],
      ['拓展新客户', [8, 9]],
    ]);
    expect(m.lastRow).toBe(10);
  });

  it('parses typed numbers: 18%, ¥3.5万, 1,200, 50%', () => {
    expect(krAt(m, 3)).toMatchObject({
      start: 0.18,
      target: 0.25,
      current: 0.21,
      weight: 0.4,
      commitment: 'committed',
      kind: 'increase',
    });
    expect(krAt(m, 4)).toMatchObject({ start: 0.05, target: 0.03, kind: 'decrease', commitment: 'aspirational' });
    expect(krAt(m, 4).current).toBeCloseTo(0.042, 10);
    expect(krAt(m, 6)).toMatchObject({ start: 20000, target: 35000, current: 28000, weight: 0.3 });
    expect(krAt(m, 8)).toMatchObject({ start: 0, startGiven: true, target: 1200, weight: 0.5, current: null });
    expect(krAt(m, 9)).toMatchObject({ kind: 'binary', target: null });
    expect(krAt(m, 9).inferred.kind).toBe(true);
  });

  it('a formula cell gives its value and is remembered; formula-looking text stays text', () => {
    const k = krAt(m, 3);
    expect(k.current).toBe(0.21);
    expect(k.formulas).toEqual({ current: '=0.2+0.01' });
    expect(k.notes).toBe("=cmd|' /C calc'!A0");
    expect(krAt(m, 6).owner).toBe('<img src=x onerror=alert(1)>');
    expect(krAt(m, 6).formulas).toBeUndefined();
  });

  it('exactly one problem: 约一半 in a current cell', () => {
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]).toMatchObject({ field: 'current', cell: { row: 8, col: 5 }, seen: '约一半' });
    expect(m.problems[0].message.zh).toContain('约一半');
  });

  it('formulas are optional: without them the same values are read', () => {
    const plain = read(snapshotOf('运营部', messySheet));
    expect(krAt(plain, 3).current).toBe(0.21);
    expect(krAt(plain, 3).formulas).toBeUndefined();
    expect(messyFormulas[3][5]).toBe('=0.2+0.01');
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('table shapes', () => {
  it('a different objective text starts a new objective; the same text repeated continues it', () => {
    const values = [
      ['Objective', 'KR', 'Target'],
      ['A', 'a1', 1],
      ['A', 'a2', 2],
      ['B', 'b1', 3],
      ['', 'b2', 4],
      ['A', 'a3', 5],
    ];
    const m = read(snapshotOf('s', values));
    expect(m.objectives.map((o) => [o.title, o.krs.map((k) => k.title)])).toEqual([
      ['A', ['a1', 'a2']],
      ['B', ['b1', 'b2']],
      ['A', ['a3']],
    ]);
    expect(new Set(m.objectives.map((o) => o.id)).size).toBe(3);
  });

  it('an objective row with a weight or due date is still an objective row; one with numbers is a KR row', () => {
    const values = [
      ['Objective', 'KR', 'Target', 'Weight', 'Due'],
      ['A', '', '', '60%', '2026-12-31'],
      ['', 'a1', 10, '', ''],
      ['B', '', 5, '', ''],
    ];
    const m = read(snapshotOf('s', values));
    expect(m.objectives.map((o) => [o.title, o.ownRow, o.krs.map((k) => k.row)])).toEqual([
      ['A', true, [2]],
      ['B', false, [3]],
    ]);
    expect(krAt(m, 3)).toMatchObject({ title: '', target: 5 });
  });

  it('a group row above the header (labels only) joins the header rows', () => {
    const values = [
      // Group labels are no header words ('Meta' is one now: the Spanish goal / target column).
      ['', '', 'Numbers', '', '', 'People'],
      ['Objective', 'Key Result', 'Start', 'Target', 'Current', 'Owner'],
      ['Grow', 'Raise NPS from 30 to 50', 30, 50, 40, 'Ann'],
    ];
    const m = read(snapshotOf('s', values));
    expect(m.headerRows).toEqual([0, 1]);
    expect(m.headerRow).toBe(1);
    expect(krAt(m, 2)).toMatchObject({ start: 30, target: 50, current: 40, owner: 'Ann' });
  });

  it('a merged header cell spanning two rows (label only in the upper row) is found', () => {
    const values = [
      ['目标', '关键结果', '进度', '', ''],
      ['', '', '起始值', '目标值', '当前值'],
      ['提升复购', '复购率提升到25%', '18%', '25%', '20%'],
    ];
    const m = read(snapshotOf('s', values));
    expect(m.headerRows).toEqual([0, 1]);
    expect(m.fieldCols).toMatchObject({ objective: 0, kr: 1, start: 2, target: 3, current: 4 });
    expect(krAt(m, 2)).toMatchObject({ start: 0.18, target: 0.25, current: 0.2 });
  });

  it('unknown columns and cells beyond the header are carried, never dropped', () => {
    const values = [
      ['Objective', 'KR', 'Target', 'Link', ''],
      ['A', 'a1', 10, 'http://x', 'stray', 'far'],
    ];
    const m = read(snapshotOf('s', values));
    expect(krAt(m, 1).extra).toEqual({ Link: 'http://x', E: 'stray', F: 'far' });
    expect(m.columns.map((c) => c.col)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a repeated ID keeps the first and gives the second a new id, with a problem', () => {
    const values = [
      ['ID', 'Objective', 'KR', 'Target'],
      ['KR-1', 'A', 'a1', 1],
      ['KR-1', 'A', 'a2', 2],
    ];
    const m = read(snapshotOf('s', values));
    const [k1, k2] = allKrs(m);
    expect(k1.id).toBe('KR-1');
    expect(k2.id).not.toBe('KR-1');
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]).toMatchObject({ field: 'id', cell: { row: 2, col: 0 } });
  });

  it('unparseable words and dates are problems, in both languages', () => {
    const values = [
      ['Objective', 'KR', 'Target', 'Kind', 'Due', 'Weight', 'Level', 'Cycle', 'Confidence'],
      ['A', 'a1', 10, 'sideways', 'soon', 'heavy', 'galaxy', 'someday', 'meh'],
    ];
    const m = read(snapshotOf('s', values));
    expect(m.problems.map((p) => p.field).sort()).toEqual(['confidence', 'cycle', 'due', 'kind', 'level', 'weight']);
    for (const p of m.problems) {
      expect(p.message.en).toContain(p.seen);
      expect(p.message.zh).toContain(p.seen);
    }
  });

  it('settings.cycle is used when the sheet names none', () => {
    const m = readModel(
      snapshotOf('s', [
        ['Objective', 'KR'],
        ['A', 'a'],
      ]),
      { settings: resolveSettings({ cycle: 'Q1 2027' }), today: FIXTURE_TODAY },
    );
    expect(m.cycle!.id).toBe('2027-Q1');
    expect(m.objectives[0].cycle!.id).toBe('2027-Q1');
  });

  it('an empty or unreadable sheet gives an empty model', () => {
    for (const values of [
      [],
      [[]],
      [['hello'], ['world']],
      [
        [1, 2],
        [3, 4],
      ],
    ]) {
      const m = read(snapshotOf('s', values));
      expect(m.objectives).toEqual([]);
      expect(m.lastRow).toBeLessThan(m.firstRow);
    }
  });
});

describe('stable ids', () => {
  it('generated ids survive re-sorting rows and writing them back', () => {
    const values = generatedTable(40);
    const first = read(snapshotOf('G', values));
    const byTitle = new Map(allKrs(first).map((k) => [k.title, k.id]));
    // Re-sort the data rows (reverse) and read again: same id for the same row content.
    const resorted = [values[0], ...values.slice(1).reverse()];
    const second = read(snapshotOf('G', resorted));
    for (const k of allKrs(second)) expect(k.id).toBe(byTitle.get(k.title));
    // Write the generated ids into the ID column (what convert does) and read again: unchanged.
    const written = values.map((r, i) => (i === 0 ? r : [byTitle.get(r[5] as string)!, ...r.slice(1)]));
    const third = read(snapshotOf('G', written));
    for (const k of allKrs(third)) {
      expect(k.id).toBe(byTitle.get(k.title));
      expect(k.cols.id).toBeDefined();
    }
  });

  it('the sheet name is part of a generated id', () => {
    const a = read(snapshotOf('Sheet A', chineseOutline));
    const b = read(snapshotOf('Sheet B', chineseOutline));
    expect(a.objectives[0].id).not.toBe(b.objectives[0].id);
  });
});

describe('ids.ts', () => {
  it('generated ids are deterministic, shaped O-/KR-/E- + 6 hex digits, and never take a typed id', () => {
    const id = stableId('KR', 'Sheet1', ['Grow', 'Raise NPS']);
    expect(id).toMatch(/^KR-[0-9a-f]{6}$/);
    expect(stableId('KR', 'Sheet1', ['Grow', 'Raise NPS'])).toBe(id);
    expect(stableId('KR', 'Sheet2', ['Grow', 'Raise NPS'])).not.toBe(id);
    expect(stableId('O', 'Sheet1', ['Grow'])).toMatch(/^O-[0-9a-f]{6}$/);
    const a = new IdAllocator('Sheet1');
    a.reserve(id); // a row elsewhere already carries the id this content would get
    const other = a.generate('KR', ['Grow', 'Raise NPS']);
    expect(other).not.toBe(id);
    expect(other).toMatch(/^KR-[0-9a-f]{6}$/);
  });

  it('identical content gets distinct ids, in a repeatable order', () => {
    const run = () => {
      const a = new IdAllocator('S');
      return [a.generate('KR', ['O', 'same']), a.generate('KR', ['O', 'same']), a.generate('KR', ['O', 'same'])];
    };
    const ids = run();
    expect(new Set(ids).size).toBe(3);
    expect(run()).toEqual(ids);
  });

  it('claim keeps a typed id once', () => {
    const a = new IdAllocator('S');
    for (const id of ['A-1', 'A-2', 'A-1']) a.reserve(id);
    expect([a.claim('A-1'), a.claim('A-2'), a.claim('A-1')]).toEqual([true, true, false]);
  });

  it('idFromCell accepts id-like text and integers only', () => {
    expect(idFromCell(' KR-101 ')).toBe('KR-101');
    expect(idFromCell('ＫＲ－１')).toBe('KR-1');
    expect(idFromCell(42)).toBe('42');
    for (const v of ['', '  ', 'two words', '=cmd|x', 4.5, null, true, {}]) expect(idFromCell(v)).toBeNull();
  });
});

describe('outlines in English, and initiatives under an objective', () => {
  it('reads Objective / Key Result / Initiative lines and bullets', () => {
    const values = [
      ['Team OKRs, Q1 2027'],
      ['Objective 1 - Delight our repeat buyers'],
      ['Initiative: survey 50 buyers'],
      ['• Key Result 1.1: Raise NPS from 30 to 45'],
      ['• KR 1.2: Reduce refund rate from 5% to 3%'],
      ['  - Task 1 - weekly refund review'],
      ['Objective 2: Ship the loyalty program'],
      ['KR1: Launch tiered rewards'],
    ];
    const m = read(snapshotOf('en', values));
    expect(m.form).toBe('outline');
    expect(m.cycle!.id).toBe('2027-Q1');
    expect(m.objectives.map((o) => [o.title, o.krs.length])).toEqual([
      ['Delight our repeat buyers', 2],
      ['Ship the loyalty program', 1],
    ]);
    const [o1, o2] = m.objectives;
    expect(o1.initiatives!.map((e) => [e.title, e.cell.row])).toEqual([['survey 50 buyers', 2]]);
    expect(o1.krs[0]).toMatchObject({ start: 30, target: 45, kind: 'increase' });
    expect(o1.krs[1]).toMatchObject({ start: 0.05, target: 0.03, kind: 'decrease' });
    expect(o1.krs[1].initiatives.map((e) => e.title)).toEqual(['weekly refund review']);
    expect(o2.krs[0]).toMatchObject({ kind: 'binary', target: null });
  });
});

describe('generatedTable', () => {
  it.each([10000, 50000])('%i rows: counts, kinds, ids', (n) => {
    const m = read(generatedSnapshot(n));
    const krs = allKrs(m);
    expect(krs).toHaveLength(n);
    expect(m.objectives).toHaveLength(Math.ceil(n / 4));
    expect(m.problems).toEqual([]);
    expect(m.lastRow).toBe(n);
    expect(krs[0]).toMatchObject({
      id: 'KR-g0',
      kind: 'increase',
      start: 0,
      target: 100,
      current: 0,
      weight: 0.25,
      due: '2026-12-31',
      updated: '2026-11-20',
      commitment: 'committed',
    });
    expect(krs[1]).toMatchObject({ kind: 'decrease', start: 50, target: 10, current: 30 });
    expect(krs[4]).toMatchObject({ kind: 'binary', current: 1, target: null });
    expect(krs[9]).toMatchObject({ kind: 'binary', current: null });
    expect(krs[7]).toMatchObject({ kind: 'above', target: 4.5, current: 4.7, commitment: 'aspirational' });
    expect(krs[2].id).toMatch(/^KR-[0-9a-f]{6}$/);
    expect(new Set(krs.map((k) => k.id)).size).toBe(n);
    expect(m.objectives[3]).toMatchObject({ title: 'Objective 3', level: 'individual', owner: 'Owner 3' });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('property: reading never throws on any 2D array of cell-like values', () => {
  const words = [
    'Objective',
    'Key Result',
    'KR',
    'Target',
    'Current',
    'Start',
    'Weight',
    'Owner',
    'ID',
    'Kind',
    'Due',
    'Cycle',
    'Level',
    'Type',
    '目标',
    '关键结果',
    '目标值',
    '当前值',
    'O:',
    'KR1:',
    'E:',
    'O: x',
    'KR1：收获10w粉丝',
    'E:做事',
    '2026-Q4',
    '50%',
    '1,200',
    '¥3.5万',
    '10w',
    'XX家',
    'Done',
    '完成',
    "=cmd|' /C calc'!A0",
    '#N/A',
    'Increase',
    'Stay above',
    'team',
    '公司',
    'KR-1',
    'O-1',
    '',
  ];
  const cell = fc.oneof(
    fc.constantFrom(...words),
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(NaN),
    fc.constant(Infinity),
    fc.date().map((d) => d as unknown),
    fc.constant({ type: 'Error', errorCode: '#DIV/0!' } as unknown),
    fc.constant([1, 2] as unknown),
  );
  const grid = fc.array(fc.oneof(fc.array(cell, { maxLength: 12 }), fc.constant(undefined as unknown as unknown[])), {
    maxLength: 16,
  });

  it('holds for random grids, origins and formulas', () => {
    fc.assert(
      fc.property(grid, fc.nat(50), fc.nat(50), fc.boolean(), (values, row, col, withFormulas) => {
        const snap: SheetSnapshot = {
          name: 'P',
          origin: { row, col },
          values,
          ...(withFormulas
            ? {
                formulas: values.map((r) =>
                  Array.isArray(r) ? r.map((v) => (typeof v === 'number' ? '=1+1' : '')) : [],
                ),
              }
            : {}),
        };
        const m = readModel(snap, opts);
        for (const k of m.objectives.flatMap((o) => o.krs)) {
          for (const n of [k.start, k.target, k.current, k.weight]) expect(n === null || Number.isFinite(n)).toBe(true);
          expect(k.row).toBeGreaterThanOrEqual(row);
          for (const c of Object.values(k.cols)) expect(c).toBeGreaterThanOrEqual(col);
        }
        for (const p of m.problems)
          expect(typeof p.message.en === 'string' && typeof p.message.zh === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for malformed snapshots', () => {
    const bad: unknown[] = [
      null,
      undefined,
      {},
      { values: 'x' },
      { values: [1, 2, 3] },
      {
        name: 5,
        origin: { row: -1, col: 'a' },
        values: [
          ['Objective', 'KR'],
          ['a', 'b'],
        ],
      },
    ];
    for (const s of bad) expect(() => readModel(s as SheetSnapshot, opts)).not.toThrow();
    expect(() => readModel(englishTableSnapshot(), undefined as unknown as typeof opts)).not.toThrow();
  });
});
