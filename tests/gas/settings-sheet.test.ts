/**
 * Issue 10 (leftover): the command line keeps its reading corrections (column roles, header row) in a sheet named
 * "OKR Grid settings" (core/settings.ts), A2 holding their JSON; an .xlsx opened in Google Sheets brings that sheet
 * along (hidden). The Sheets host reads it in its one read batch, through the BUILT bundle, and core applies it
 * where the document's settings have none.
 */
import { SETTINGS_SHEET } from '../../core/settings';
import * as fx from '../../fixtures/sheets';
import { loadProject, plain, type LoadedProject } from './harness';

const NAME = 'Q4 OKRs';
const LABEL = 'OKR Grid settings (JSON); written by okr-grid --columns. Delete this sheet to forget them.';

type Column = { header: string; field: string | null; chosen?: boolean };

function project(settingsA2?: string, documentSettings?: unknown, sheetName = SETTINGS_SHEET): LoadedProject {
  const p = loadProject({}, (b) => {
    b.addSheet(NAME, fx.englishTable);
    if (settingsA2 !== undefined) b.addSheet(sheetName, [[LABEL], [settingsA2]]).hidden = true;
  });
  if (documentSettings)
    p.g.PropertiesService.getDocumentProperties().setProperty('okrGrid.settings', JSON.stringify(documentSettings));
  p.book.active = p.book.sheet(NAME);
  return p;
}

function validate(p: LoadedProject) {
  p.book.log.reset();
  const res = plain(p.call('panelRun', 'validate')) as { ok: boolean; details?: any };
  expect(res.ok).toBe(true);
  const column = (res.details.reading.columns as Column[]).find((c) => c.header === 'Last updated')!;
  return { column, calls: p.book.log.documentCalls(), settingsReads: p.book.log.count('Range.getValues') };
}

describe('the Sheets host reads the command line’s settings sheet in its read batch', () => {
  const ignore = JSON.stringify({ columnRoles: { 'Last updated': 'ignore' }, headerRow: null });

  test('a column the settings sheet marks "ignore" is read so; without the sheet it is the Updated column', () => {
    expect(validate(project()).column).toMatchObject({ field: 'updated' });
    expect(validate(project(ignore)).column).toMatchObject({ field: null, chosen: true });
  });

  test('the document’s own settings come first; the sheet counts where they have no corrections', () => {
    const roles = { columnRoles: { 'Last updated': 'updated' } };
    expect(validate(project(ignore, roles)).column).toMatchObject({ field: 'updated' });
    expect(validate(project(ignore, { lang: 'en' })).column).toMatchObject({ field: null, chosen: true });
  });

  test('text in A2 that is not a JSON object changes nothing; nothing is written to the settings sheet', () => {
    const p = project('not json');
    expect(validate(p).column).toMatchObject({ field: 'updated' });
    expect(p.book.sheet(SETTINGS_SHEET).values()).toEqual([[LABEL], ['not json']]);
  });

  test('it costs two calls (its A2, not its whole used range); another sheet in its place costs none', () => {
    const without = validate(project(ignore, undefined, 'Some other sheet'));
    const withSheet = validate(project(ignore));
    expect(without.column).toMatchObject({ field: 'updated' });
    // One getRange and one getValues.
    expect(withSheet.calls - without.calls).toBe(2);
    expect(withSheet.settingsReads - without.settingsReads).toBe(1);
  });
});
