/**
 * Excel on the web's payload limit (about 5 MB a request or a response), enforced by the in-memory Excel: at 50,000
 * rows every command still works, each sync stays under the limit, and the syncs grow with the bytes moved divided by
 * the budget, not with anything else. Below the budget (10,000 rows) the counts are the constant ones (see
 * faults-and-scale.test.ts).
 */
import { runExcelCommand } from '../../excel-addin/adapter';
import { SYNC_BUDGET } from '../../excel-addin/payload';
import type { CommandName } from '../../core/commands';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { SYNC_PAYLOAD_LIMIT } from '../../playground/excel-sim';
import { FIXTURE_TODAY, generatedTable } from '../../fixtures/sheets';
import { bookWith } from './helpers';

// Convert twice: the second over the grid's own formulas (read before it writes them, in bands of the budget).
const ORDER: CommandName[] = ['convert', 'validate', 'clear', 'score', 'summary', 'checkin', 'rollForward', 'convert'];

test('the budget leaves room under the limit', () => {
  expect(SYNC_BUDGET).toBeLessThan(SYNC_PAYLOAD_LIMIT);
});

test('50,000 rows: every command works, every sync under the limit, syncs grow with bytes / budget only', async () => {
  const grid = generatedTable(50000);
  grid[1][10] = 'about half';
  const { wb, excel } = bookWith([{ name: 'Team', grid }], false);
  for (const cmd of ORDER) {
    wb.activate('Team');
    const [s0, b0, r0] = [wb.syncCount, wb.totalBytes, wb.refusedSyncs];
    const res = await runExcelCommand(excel, cmd, DEFAULT_SETTINGS, FIXTURE_TODAY);
    expect(res.ok ? cmd : `${cmd}: ${res.summary.en}`).toBe(cmd);
    const syncs = wb.syncCount - s0;
    const bytes = wb.totalBytes - b0;
    // The constant three, one refused first read at most (then the sizes), and a sync per budget of bytes moved.
    const bound = 3 + 2 + Math.ceil(bytes / (0.5 * SYNC_BUDGET));
    expect([cmd, syncs <= bound]).toEqual([cmd, true]);
    expect([cmd, wb.refusedSyncs - r0 <= 1]).toEqual([cmd, true]);
  }
  expect(wb.maxRequestBytes).toBeLessThanOrEqual(SYNC_PAYLOAD_LIMIT);
  expect(wb.maxResponseBytes).toBeLessThanOrEqual(SYNC_PAYLOAD_LIMIT);
  // The scores reached the last row.
  const scoreCol = wb.sheet('Team')!.cells[0].findIndex((c) => /score/i.test(String(c?.v ?? '')));
  expect(wb.sheet('Team')!.get(50000, scoreCol)?.f).toMatch(/OKRSCORE/);
}, 240000);
