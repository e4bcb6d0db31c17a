/**
 * Charts of the in-memory Excel (Office.js ChartCollection / Chart / ChartSeries), with the proxy semantics of api.ts:
 * setters and methods queue writes run at sync, properties are readable after load + sync. A chart is made over a
 * source range with series by columns: the first row names the series, the first column holds the categories, each
 * further column is a series (as Excel does with such a block). A series index past the source's columns fails at
 * sync with InvalidArgument, as in Office. Charts live on their sheet: deleting the sheet deletes them; clearing cells
 * does not.
 */
import type { SimRect } from './address';
import { parseLocal } from './address';
import { SimOfficeError, type SimSheet } from './workbook';
import type { SimRequestContext } from './context';

export const SIM_CHART_TYPES = [
  'ColumnClustered',
  'ColumnStacked',
  'BarClustered',
  'BarStacked',
  'Line',
  'LineMarkers',
  'Pie',
  'Area',
  'XYScatter',
] as const;

export interface SimChart {
  id: string;
  name: string;
  type: string;
  title: string;
  /** The source block on the chart's sheet (series by columns). */
  source: SimRect;
  /** Colour per series index (fill for bars and columns, line colour for lines); null = Excel's automatic colour. */
  colors: (string | null)[];
  /** Top-left cell. */
  anchor: { row: number; col: number };
  /** Points. */
  width: number;
  height: number;
  axis: { min: number | null; max: number | null };
  legend: { visible: boolean; position: string };
}

let nextChart = 1;

export function seriesCount(c: SimChart): number {
  return Math.max(0, c.source.cols - 1);
}

type ChartRef = () => { sheet: SimSheet; chart: SimChart } | null;
type RangeLike = { target: () => { sheet: SimSheet; rect: SimRect } | null } | string;

function sourceOf(sheet: SimSheet, r: RangeLike): SimRect {
  if (typeof r === 'string') {
    const rect = parseLocal(r.includes('!') ? r.slice(r.lastIndexOf('!') + 1) : r);
    if (!rect) throw new SimOfficeError('InvalidArgument', `The argument is invalid or missing: '${r}'.`);
    return rect;
  }
  const t = r.target();
  if (!t) throw new SimOfficeError('InvalidArgument', 'The source data range does not exist.');
  if (t.sheet !== sheet)
    throw new SimOfficeError(
      'InvalidArgument',
      "The source data must be on the chart's worksheet (in this simulation).",
    );
  return { ...t.rect };
}

function checkType(type: string): void {
  if (!(SIM_CHART_TYPES as readonly string[]).includes(type))
    throw new SimOfficeError('InvalidArgument', `The argument is invalid or missing: chart type '${type}'.`);
}

function chartData(c: SimChart): Record<string, unknown> {
  return { isNullObject: false, id: c.id, name: c.name, chartType: c.type, width: c.width, height: c.height };
}

export class SimChartCollection {
  private loaded: SimChartProxy[] | null = null;
  constructor(
    private ctx: SimRequestContext,
    private sheet: () => SimSheet | null,
  ) {}

  private must(): SimSheet {
    const s = this.sheet();
    if (!s) throw new SimOfficeError('ItemNotFound', 'The worksheet does not exist.');
    return s;
  }

  load(_props?: unknown): this {
    this.ctx.enqueue('load', () => {
      const s = this.must();
      this.loaded = s.charts.map((c) => {
        const p = new SimChartProxy(this.ctx, () => (s.charts.includes(c) ? { sheet: s, chart: c } : null));
        p.fill(chartData(c));
        return p;
      });
    });
    return this;
  }

  get items(): SimChartProxy[] {
    if (!this.loaded)
      throw new SimOfficeError('PropertyNotLoaded', "The property 'items' is not available. Call load and sync first.");
    return this.loaded;
  }

  add(type: string, sourceData: RangeLike, _seriesBy: string = 'Auto'): SimChartProxy {
    const holder: { s: SimSheet | null; c: SimChart | null } = { s: null, c: null };
    this.ctx.enqueue('write', () => {
      const s = this.must();
      checkType(type);
      const chart: SimChart = {
        id: `{sim-chart-${nextChart}}`,
        name: `Chart ${nextChart++}`,
        type,
        title: '',
        source: sourceOf(s, sourceData),
        colors: [],
        anchor: { row: 0, col: 0 },
        width: 360,
        height: 216,
        axis: { min: null, max: null },
        legend: { visible: true, position: 'Right' },
      };
      s.charts.push(chart);
      holder.s = s;
      holder.c = chart;
    });
    return new SimChartProxy(this.ctx, () =>
      holder.s && holder.c && holder.s.charts.includes(holder.c) ? { sheet: holder.s, chart: holder.c } : null,
    );
  }

  getItemOrNullObject(name: string): SimChartProxy {
    return new SimChartProxy(this.ctx, () => {
      const s = this.sheet();
      const c = s?.charts.find((x) => x.name === name);
      return s && c ? { sheet: s, chart: c } : null;
    });
  }

  getItem(name: string): SimChartProxy {
    return new SimChartProxy(this.ctx, () => {
      const s = this.must();
      const c = s.charts.find((x) => x.name === name);
      if (!c) throw new SimOfficeError('ItemNotFound', `The requested resource doesn't exist: chart '${name}'.`);
      return { sheet: s, chart: c };
    });
  }
}

export class SimChartProxy {
  private data: Record<string, unknown> | null = null;
  readonly title: { text: string };
  readonly legend: { visible: boolean; position: string };
  readonly axes: { valueAxis: { minimum: number; maximum: number } };
  readonly series: { getItemAt(i: number): SimChartSeries };

  constructor(
    private ctx: SimRequestContext,
    private ref: ChartRef,
  ) {
    const write = (f: (c: SimChart) => void) => this.ctx.enqueue('write', () => f(this.must().chart));
    const self = this;
    this.title = {
      get text() {
        return String(self.prop('title'));
      },
      set text(v: string) {
        write((c) => (c.title = String(v)));
      },
    };
    this.legend = {
      get visible() {
        return true;
      },
      set visible(v: boolean) {
        write((c) => (c.legend.visible = !!v));
      },
      get position() {
        return '';
      },
      set position(v: string) {
        write((c) => (c.legend.position = String(v)));
      },
    };
    this.axes = {
      valueAxis: {
        get minimum() {
          return 0;
        },
        set minimum(v: number) {
          write((c) => (c.axis.min = v));
        },
        get maximum() {
          return 0;
        },
        set maximum(v: number) {
          write((c) => (c.axis.max = v));
        },
      },
    };
    this.series = { getItemAt: (i: number) => new SimChartSeries(ctx, () => this.must(), i) };
  }

  fill(d: Record<string, unknown>): void {
    this.data = d;
  }

  private must(): { sheet: SimSheet; chart: SimChart } {
    const r = this.ref();
    if (!r) throw new SimOfficeError('ItemNotFound', 'The chart does not exist.');
    return r;
  }

  private prop(name: string): unknown {
    if (!this.data || !(name in this.data))
      throw new SimOfficeError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Call load and sync first.`,
      );
    return this.data[name];
  }

  load(_props?: unknown): this {
    this.ctx.enqueue('load', () => {
      const r = this.ref();
      this.data = r ? { ...chartData(r.chart), title: r.chart.title } : { isNullObject: true };
    });
    return this;
  }

  get isNullObject(): boolean {
    return this.prop('isNullObject') as boolean;
  }
  get name(): string {
    return this.prop('name') as string;
  }
  set name(v: string) {
    this.ctx.enqueue('write', () => {
      this.must().chart.name = String(v);
    });
  }
  get chartType(): string {
    return this.prop('chartType') as string;
  }
  set chartType(v: string) {
    this.ctx.enqueue('write', () => {
      checkType(v);
      this.must().chart.type = v;
    });
  }
  get width(): number {
    return this.prop('width') as number;
  }
  set width(v: number) {
    this.ctx.enqueue('write', () => {
      this.must().chart.width = v;
    });
  }
  get height(): number {
    return this.prop('height') as number;
  }
  set height(v: number) {
    this.ctx.enqueue('write', () => {
      this.must().chart.height = v;
    });
  }
  /** New source data: the series are rebuilt from it (their formatting is Excel's default again). */
  setData(sourceData: RangeLike, _seriesBy = 'Auto'): void {
    this.ctx.enqueue('write', () => {
      const { sheet, chart } = this.must();
      chart.source = sourceOf(sheet, sourceData);
      chart.colors = [];
    });
  }
  setPosition(startCell: RangeLike, _endCell?: RangeLike): void {
    this.ctx.enqueue('write', () => {
      const { sheet, chart } = this.must();
      const r = sourceOf(sheet, startCell);
      chart.anchor = { row: r.row, col: r.col };
    });
  }
  delete(): void {
    this.ctx.enqueue('write', () => {
      const { sheet, chart } = this.must();
      sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }
}

export class SimChartSeries {
  readonly format: { fill: { setSolidColor(c: string): void }; line: { color: string } };
  constructor(
    private ctx: SimRequestContext,
    chart: () => { sheet: SimSheet; chart: SimChart },
    index: number,
  ) {
    const at = () => {
      const c = chart().chart;
      if (index < 0 || index >= seriesCount(c))
        throw new SimOfficeError('InvalidArgument', `The argument is invalid or missing: series index ${index}.`);
      return c;
    };
    const setColor = (v: string) =>
      this.ctx.enqueue('write', () => {
        const c = at();
        c.colors[index] = String(v);
      });
    this.format = {
      fill: { setSolidColor: (v: string) => setColor(v) },
      line: {
        get color() {
          return '';
        },
        set color(v: string) {
          setColor(v);
        },
      },
    };
  }
}
