/**
 * @jest-environment jsdom
 */
/// <reference lib="dom" />
/*
 * The panel follows the sheet under it (PanelBridge.onSheetChange): a paste or an edit the host reports makes it
 * read the summary again, once the changes pause; never while a command runs; a read that a command overtook is
 * dropped. And the summary says which cycle its counts are for, naming the sheet's other cycles.
 */
import type { PanelResult } from '../panel/bridge';
import { button, mount, scripted, until } from './fakes/panel-bridge';

const counts = (objectives: number, cycle = '2026-Q4', cycles: string[] = [cycle]): PanelResult => ({
  ok: true,
  summary: { en: 'Summary', zh: '概览' },
  details: {
    cycle,
    objectives,
    krs: objectives * 2,
    averageScore: 0.5,
    bands: { red: 0, yellow: 1, green: 1 },
    reading: { form: 'table', headerRow: 0, columns: [], rows: [], unplaced: [], candidates: [], cycles },
    readingSheet: 'Team',
  },
});

const objectivesShown = (root: HTMLElement) =>
  root.querySelector('[data-summary="objectives"] .okr-card-value')!.textContent;

/** A scripted host that can report a change, as the Excel bridge does from onChanged / onActivated. */
function followingHost(results: Parameters<typeof scripted>[1]) {
  const s = scripted('en-US', results);
  let tell: (() => void) | null = null;
  s.bridge.onSheetChange = (listener) => {
    tell = listener;
  };
  return { s, change: () => tell?.() };
}

test('a change the host reports is read again once the changes pause: one read for a burst of edits', async () => {
  const host = followingHost({ summary: counts(1) });
  const root = await mount(host.s);
  expect(objectivesShown(root)).toBe('1');
  host.s.runs.length = 0;
  host.s.bridge.run = async (c) => {
    host.s.runs.push(c);
    return counts(4);
  };
  for (let i = 0; i < 5; i++) host.change();
  await until(() => objectivesShown(root) === '4', 'the summary read again');
  expect(host.s.runs).toEqual(['summary']);
});

test('a read overtaken by a command is dropped: the summary after the command stays', async () => {
  let release: (r: PanelResult) => void = () => undefined;
  const host = followingHost({ summary: counts(1) });
  const root = await mount(host.s);
  // The next summary read hangs (a big sheet being read) until released.
  host.s.bridge.run = async (c) =>
    c === 'summary' ? new Promise<PanelResult>((r) => (release = r)) : { ok: true, summary: { en: 'ok', zh: 'ok' } };
  host.change();
  await new Promise((r) => setTimeout(r, 700));
  const stale = release;
  // Convert runs meanwhile; its own summary read says 3.
  host.s.bridge.run = async (c) => (c === 'summary' ? counts(3) : { ok: true, summary: { en: 'ok', zh: 'ok' } });
  button(root, 'convert').click();
  await until(() => objectivesShown(root) === '3', 'the summary after Convert');
  stale(counts(9));
  await new Promise((r) => setTimeout(r, 50));
  expect(objectivesShown(root)).toBe('3');
});

test('the summary names its cycle, and the sheet’s other cycles when it holds several', async () => {
  const host = followingHost({ summary: counts(1, '2025', ['2025', '2025-Q3']) });
  const root = await mount(host.s);
  expect(root.querySelector('.okr-summary h2')!.textContent).toBe('Summary · 2025');
  expect(root.querySelector('[data-note="cycles"]')!.textContent).toBe(
    'Counts for 2025 only; the sheet also holds 2025-Q3. To see another cycle, set it in Settings.',
  );
  // One cycle only: no note.
  host.s.bridge.run = async () => counts(2, '2026-Q4');
  host.change();
  await until(() => objectivesShown(root) === '2', 'the summary read again');
  expect(root.querySelector('[data-note="cycles"]')).toBeNull();
});
