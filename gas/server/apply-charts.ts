/**
 * The add-in's charts on an owned sheet (Sheets' charts have no names: every chart there is the add-in's, matched to
 * the specs in order): an existing chart is rebuilt in place (updateChart) unless it already is as planned (see
 * written.ts), a missing one inserted, extra ones removed. One getCharts on a sheet that existed, then at most one
 * call per chart. The old charts are journaled as the
 * objects getCharts returned (values, like a rule or a dropdown): the undo puts each back by its id, removes the
 * ones this command inserted and inserts again the ones it removed.
 */
import type { ChartSpec } from '../../core/sheet-plan';
import type { SheetWriter } from './writer';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

const CHART_TYPE: Record<ChartSpec['type'], keyof typeof Charts.ChartType> = {
  barStacked: 'BAR',
  column: 'COLUMN',
  line: 'LINE',
};

function build(w: SheetWriter, spec: ChartSpec, from: Builder): EmbeddedChart {
  let b = from
    .setChartType(Charts.ChartType[CHART_TYPE[spec.type]])
    .addRange(w.range(spec.source))
    .setNumHeaders(1)
    .setPosition(spec.anchor.row + 1, spec.anchor.col + 1, 0, 0)
    .setOption('title', spec.title)
    .setOption('colors', spec.colors)
    .setOption('width', spec.anchor.width)
    .setOption('height', spec.anchor.height)
    .setOption('legend', { position: spec.type === 'column' ? 'none' : 'bottom' });
  if (spec.type === 'barStacked') b = b.setOption('isStacked', true);
  if (spec.max !== undefined)
    b = b.setOption(spec.type === 'barStacked' ? 'hAxis' : 'vAxis', { viewWindow: { min: 0, max: spec.max } });
  return b.build();
}

/** Puts back exactly the charts `old` held (by chart id), whatever the failed run got to. */
function restoreCharts(sheet: Sheet, old: EmbeddedChart[]): void {
  const byId = new Map(old.map((c) => [c.getChartId(), c]));
  for (const now of sheet.getCharts()) {
    const was = byId.get(now.getChartId());
    if (was) {
      sheet.updateChart(was);
      byId.delete(now.getChartId());
    } else sheet.removeChart(now);
  }
  for (const was of byId.values()) sheet.insertChart(was);
}

const chartKey = (id: string | number) => `chart ${id}`;
const insertedKey = (i: number) => `chart inserted ${i + 1}`;

/**
 * A chart already built from the same spec (recorded by its id: SheetWriter.asRecorded) is left as it is: it reads the cells the
 * refresh rewrote. Others are rebuilt in place, inserted or removed.
 */
export function applyCharts(w: SheetWriter, specs: ChartSpec[]): void {
  // The same specs on a sheet of the same extent as the last successful run left it: its charts are as that run drew
  // them (or as the user has made them since), and not even asked for (docs/host-contract.md: what is already as
  // planned is not read again while the sheet keeps its extent).
  if (w.asRecorded('charts', specs)) return;
  const sheet = w.sheet;
  const existing = w.created ? [] : sheet.getCharts();
  if (!w.created) w.undo?.push(() => restoreCharts(sheet, existing));
  specs.forEach((spec, i) => {
    const old = existing[i];
    if (!old) {
      // Its id is only known once inserted: recorded by its place until the next run finds it there.
      sheet.insertChart(build(w, spec, sheet.newChart()));
      w.record(insertedKey(i), spec);
      return;
    }
    const id = old.getChartId();
    if (id === null) {
      sheet.updateChart(build(w, spec, old.modify().clearRanges()));
      return;
    }
    // The record by place holds for this run only: from now on the chart is known by its id.
    const inserted = w.asRecorded(insertedKey(i), spec);
    w.record(insertedKey(i), null);
    if (!inserted && !w.asRecorded(chartKey(id), spec)) sheet.updateChart(build(w, spec, old.modify().clearRanges()));
    w.record(chartKey(id), spec);
  });
  for (const extra of existing.slice(specs.length)) {
    const id = extra.getChartId();
    sheet.removeChart(extra);
    if (id !== null) w.record(chartKey(id), null);
  }
  // What the next run's RangeList can leave out (planRects); each chart is still checked by its own record above.
  w.record('charts', specs);
}
