/**
 * Embedded charts for the fake SpreadsheetApp, as Apps Script has them: sheet.newChart() returns a builder that
 * assembles a chart locally (builder calls, no round trip); insertChart / updateChart / getCharts / removeChart are
 * Spreadsheet calls. A built chart is a value: it changes the sheet only through insertChart or updateChart, and
 * updateChart needs a chart that is on the sheet (built from chart.modify()). addRange ignores a range already there.
 */
import type { CallLog, FakeRange, FakeSheet } from './spreadsheet-app';

export const CHART_TYPES = ['AREA', 'BAR', 'COLUMN', 'LINE', 'PIE', 'SCATTER', 'COMBO', 'TABLE'] as const;
export type ChartTypeName = (typeof CHART_TYPES)[number];

export interface FakeChartState {
  type: ChartTypeName;
  ranges: string[];
  numHeaders: number;
  position: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

let nextChartId = 1;

export class FakeEmbeddedChart {
  constructor(readonly id: number, readonly spec: FakeChartState, readonly rangeObjs: FakeRange[], private log: CallLog) {}
  getChartId(): number {
    this.log.hit('EmbeddedChart.getChartId');
    return this.id;
  }
  getType(): string {
    this.log.hit('EmbeddedChart.getType');
    return this.spec.type;
  }
  getRanges(): FakeRange[] {
    this.log.hit('EmbeddedChart.getRanges');
    return this.rangeObjs.slice();
  }
  getOptions(): { get(name: string): unknown } {
    this.log.hit('EmbeddedChart.getOptions');
    const options = { ...this.spec.options };
    return { get: (name: string) => (name in options ? options[name] : null) };
  }
  modify(): FakeChartBuilder {
    this.log.hit('EmbeddedChart.modify');
    return new FakeChartBuilder(this.log, this.id, this.spec, this.rangeObjs);
  }
  /** Test helper: the chart as plain data. */
  state(): FakeChartState & { id: number } {
    return JSON.parse(JSON.stringify({ id: this.id, ...this.spec }));
  }
}

export class FakeChartBuilder {
  private spec: FakeChartState;
  private ranges: FakeRange[];
  constructor(private log: CallLog, private id: number | null, from?: FakeChartState, ranges: FakeRange[] = []) {
    this.spec = from ? JSON.parse(JSON.stringify(from)) : { type: 'COLUMN', ranges: [], numHeaders: -1, position: { row: 1, col: 1, offsetX: 0, offsetY: 0 }, options: {} };
    this.ranges = ranges.slice();
  }
  private hit(m: string): this {
    this.log.hit(`EmbeddedChartBuilder.${m}`);
    return this;
  }
  setChartType(type: string): this {
    if (!CHART_TYPES.includes(type as ChartTypeName)) throw new Error(`Exception: Invalid argument: type (${String(type)})`);
    this.spec.type = type as ChartTypeName;
    return this.hit('setChartType');
  }
  addRange(range: FakeRange): this {
    const a = `${range.sheet.name}!${range.a1()}`;
    if (!this.spec.ranges.includes(a)) {
      this.spec.ranges.push(a);
      this.ranges.push(range);
    }
    return this.hit('addRange');
  }
  clearRanges(): this {
    this.spec.ranges = [];
    this.ranges = [];
    return this.hit('clearRanges');
  }
  setNumHeaders(n: number): this {
    this.spec.numHeaders = n;
    return this.hit('setNumHeaders');
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): this {
    if (!(row >= 1 && col >= 1)) throw new Error('Exception: Invalid argument: anchor row and column start at 1.');
    this.spec.position = { row, col, offsetX, offsetY };
    return this.hit('setPosition');
  }
  setOption(name: string, value: unknown): this {
    this.spec.options[name] = JSON.parse(JSON.stringify(value));
    return this.hit('setOption');
  }
  build(): FakeEmbeddedChart {
    this.hit('build');
    if (!this.spec.ranges.length) throw new Error('Exception: The chart has no data. Add a range first.');
    return new FakeEmbeddedChart(this.id ?? 0, this.spec, this.ranges, this.log);
  }
}

/** The chart methods of a fake sheet (mixed into FakeSheet). */
export class SheetCharts {
  charts: FakeEmbeddedChart[] = [];
  constructor(private sheet: FakeSheet, private log: CallLog) {}
  newChart(): FakeChartBuilder {
    this.log.hit('Sheet.newChart');
    return new FakeChartBuilder(this.log, null);
  }
  getCharts(): FakeEmbeddedChart[] {
    this.log.hit('Sheet.getCharts');
    return this.charts.slice();
  }
  insertChart(chart: FakeEmbeddedChart): void {
    this.log.hit('Sheet.insertChart');
    this.checkRanges(chart);
    this.charts.push(new FakeEmbeddedChart(nextChartId++, JSON.parse(JSON.stringify(chart.spec)), chart.rangeObjs, this.log));
  }
  updateChart(chart: FakeEmbeddedChart): void {
    this.log.hit('Sheet.updateChart');
    const i = this.charts.findIndex((c) => c.id === chart.id);
    if (i < 0) throw new Error('Exception: The chart does not exist on this sheet. It may have been removed.');
    this.checkRanges(chart);
    this.charts[i] = new FakeEmbeddedChart(chart.id, JSON.parse(JSON.stringify(chart.spec)), chart.rangeObjs, this.log);
  }
  removeChart(chart: FakeEmbeddedChart): void {
    this.log.hit('Sheet.removeChart');
    const i = this.charts.findIndex((c) => c.id === chart.id);
    if (i < 0) throw new Error('Exception: The chart does not exist on this sheet.');
    this.charts.splice(i, 1);
  }
  private checkRanges(chart: FakeEmbeddedChart): void {
    for (const r of chart.rangeObjs) if (!this.sheet.book.sheets.includes(r.sheet)) throw new Error('Exception: The chart refers to a sheet that no longer exists.');
  }
}
