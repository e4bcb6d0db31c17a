/// <reference lib="dom" />
/**
 * The playground draws the charts its in-memory Excel keeps (excel-sim/charts.ts) as SVG over the grid, the way Excel
 * draws them over the cells: at the anchor cell, the chart's size, reading the source block (first row: series
 * names, first column: categories, series by columns). Bar (stacked), column and line charts; text via textContent.
 */
import type { SimChart } from '../excel-sim/charts';
import type { SimSheet, SimWorkbook } from '../excel-sim/workbook';

const NS = 'http://www.w3.org/2000/svg';
const AUTO = ['#4472c4', '#ed7d31', '#a5a5a5', '#ffc000', '#5b9bd5', '#70ad47', '#264478', '#9e480e'];

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

interface Data {
  categories: string[];
  series: { name: string; color: string; values: (number | null)[] }[];
}

function label(v: unknown, nf: string | undefined): string {
  if (typeof v === 'number' && nf && /y/.test(nf) && v > 30000 && v < 80000) {
    const d = new Date(Date.UTC(1899, 11, 30) + v * 86400000);
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  }
  return v === null || v === undefined ? '' : String(v);
}

function dataOf(wb: SimWorkbook, sheet: SimSheet, c: SimChart): Data {
  const { row, col, rows, cols } = c.source;
  const at = (r: number, k: number) => wb.value(sheet.name, r, k);
  const categories = Array.from({ length: rows - 1 }, (_, i) =>
    label(at(row + 1 + i, col), sheet.get(row + 1 + i, col)?.nf),
  );
  const series = Array.from({ length: cols - 1 }, (_, s) => ({
    name: label(at(row, col + 1 + s), undefined),
    color: c.colors[s] ?? AUTO[s % AUTO.length],
    values: Array.from({ length: rows - 1 }, (_, i) => {
      const v = at(row + 1 + i, col + 1 + s);
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    }),
  }));
  return { categories, series };
}

const PAD = { top: 34, right: 14, bottom: 46, left: 44 };

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

const NARROW = /[\sfijlrt.,:;'!|()[\]…-]/;

/** Width in pixels of text at font-size 10: CJK and full-width characters are about twice a Latin letter. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 10 : NARROW.test(ch) ? 3 : /[A-Zmw]/.test(ch) ? 7.5 : 5.5;
  return w;
}

/** `text` cut with an ellipsis to fit `px` pixels (a label never runs into its neighbour). */
export function fitText(text: string, px: number): string {
  if (textWidth(text) <= px) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && textWidth(chars.join('') + '…') > px) chars.pop();
  return chars.join('') + '…';
}

/** `text` in at most `lines` lines of `px` pixels: breaks between words, or between any two CJK characters. */
export function wrapText(text: string, px: number, lines = 2): string[] {
  const tokens =
    text.match(
      /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffe6]|[^\s\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffe6]+|\s+/g,
    ) ?? [];
  const out: string[] = [''];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (!last || textWidth(last + t) <= px || /^\s+$/.test(t)) out[out.length - 1] = last + t;
    else out.push(t.trimStart());
  }
  const kept = out.map((l) => l.trim()).filter(Boolean);
  if (kept.length <= lines) return kept.map((l) => fitText(l, px));
  return [...kept.slice(0, lines - 1), fitText(kept.slice(lines - 1).join(' '), px)];
}

const fitsWrapped = (cat: string, px: number) => wrapText(cat, px).join(' ') === cat.replace(/\s+/g, ' ').trim();

/**
 * A column chart's category label under its column: on one line, or two when it does not fit; when a word is wider
 * than its column and no legend sits below, all labels are tilted 45° (as Excel does).
 */
function columnLabel(cat: string, x: number, y: number, band: number, tilt: boolean): SVGTextElement {
  if (tilt) {
    const at = { x: x + 3, y: y - 6 };
    return svg(
      'text',
      { ...at, 'text-anchor': 'end', 'font-size': 10, fill: '#595959', transform: `rotate(-45 ${at.x} ${at.y})` },
      fitText(cat, (PAD.bottom - 10) / Math.SQRT1_2),
    );
  }
  const text = svg('text', { x, y, 'text-anchor': 'middle', 'font-size': 10, fill: '#595959' });
  wrapText(cat, band - 4).forEach((line, i) => text.append(svg('tspan', { x, dy: i ? 12 : 0 }, line)));
  return text;
}

/** One chart being drawn: its SVG root, size, plot area, data and value scale. */
interface Plot {
  root: SVGSVGElement;
  W: number;
  H: number;
  /** Plot area width and height (inside PAD). */
  pw: number;
  ph: number;
  d: Data;
  horizontal: boolean;
  stacked: boolean;
  min: number;
  max: number;
  /** A value's place along the value axis, 0-1 (clamped to the axis). */
  scale: (v: number) => number;
}

/** The value axis: the chart's own bounds, else 0 to the largest bar (stack) rounded up to a multiple of 4. */
function valueAxis(c: SimChart, d: Data, stacked: boolean): { min: number; max: number } {
  const totals = d.categories.map((_, i) =>
    stacked
      ? d.series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0)
      : Math.max(0, ...d.series.map((s) => s.values[i] ?? 0)),
  );
  const top = Math.max(1, ...totals);
  return { max: c.axis.max ?? (top <= 1 ? 1 : Math.ceil(top / 4) * 4), min: c.axis.min ?? 0 };
}

function plotOf(wb: SimWorkbook, sheet: SimSheet, c: SimChart): Plot {
  const W = Math.round((c.width * 4) / 3);
  const H = Math.round((c.height * 4) / 3);
  const root = svg('svg', {
    width: W,
    height: H,
    viewBox: `0 0 ${W} ${H}`,
    class: 'sim-chart',
    'data-chart': c.name,
    'data-type': c.type,
    role: 'img',
  });
  const d = dataOf(wb, sheet, c);
  const stacked = /Stacked/.test(c.type);
  const { min, max } = valueAxis(c, d, stacked);
  const scale = (v: number) => (Math.min(max, Math.max(min, v)) - min) / (max - min || 1);
  const [pw, ph] = [W - PAD.left - PAD.right, H - PAD.top - PAD.bottom];
  return { root, W, H, pw, ph, d, horizontal: c.type.startsWith('Bar'), stacked, min, max, scale };
}

/** Value-axis grid lines at quarters, with their labels. */
function drawGrid(p: Plot): void {
  const { root, min, max, pw, ph } = p;
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4;
    const step = (max - min) / 4;
    const text = max <= 1 ? v.toFixed(2) : Number.isInteger(step) ? String(v) : v.toFixed(1);
    if (p.horizontal) {
      const x = PAD.left + pw * (k / 4);
      root.append(svg('line', { x1: x, x2: x, y1: PAD.top, y2: PAD.top + ph, stroke: '#e6e6e6' }));
      root.append(
        svg('text', { x, y: PAD.top + ph + 14, 'text-anchor': 'middle', 'font-size': 10, fill: '#595959' }, text),
      );
    } else {
      const y = PAD.top + ph * (1 - k / 4);
      root.append(svg('line', { x1: PAD.left, x2: PAD.left + pw, y1: y, y2: y, stroke: '#e6e6e6' }));
      root.append(
        svg('text', { x: PAD.left - 4, y: y + 3, 'text-anchor': 'end', 'font-size': 10, fill: '#595959' }, text),
      );
    }
  }
}

/** A line chart: the first series dashed (the expected pace), markers at each value, categories below. */
function drawLines(p: Plot): void {
  const { root, d, pw, ph } = p;
  const n = Math.max(1, d.categories.length);
  const x = (i: number) => PAD.left + (n === 1 ? pw / 2 : (pw * i) / (n - 1));
  d.series.forEach((s, si) => {
    const pts = s.values
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${(PAD.top + ph * (1 - p.scale(v))).toFixed(1)}`))
      .filter((pt): pt is string => !!pt);
    if (pts.length)
      root.append(
        svg('polyline', {
          points: pts.join(' '),
          fill: 'none',
          stroke: s.color,
          'stroke-width': si === 0 ? 1.5 : 2,
          'stroke-dasharray': si === 0 ? '5 3' : '',
        }),
      );
    for (const pt of pts) {
      const [cx, cy] = pt.split(',');
      root.append(svg('circle', { cx, cy, r: 2.5, fill: s.color }));
    }
  });
  // Every k-th category, so the labels do not run into each other (Excel skips labels the same way).
  const widest = Math.max(...d.categories.map(textWidth), 1);
  const every = Math.max(1, Math.ceil((widest + 6) / (pw / n)));
  d.categories.forEach((cat, i) => {
    if (i % every) return;
    root.append(
      svg('text', { x: x(i), y: PAD.top + ph + 14, 'text-anchor': 'middle', 'font-size': 10, fill: '#595959' }, cat),
    );
  });
}

/** One bar from a to b (0-1 along the value axis) in slot `slot` of `inner` within category i's band. */
function barRect(p: Plot, i: number, band: number, slot: number, inner: number, a: number, b: number, fill: string) {
  const offset = band * i + band * 0.2 + ((band * 0.6) / inner) * slot;
  const thick = (band * 0.6) / inner;
  if (p.horizontal)
    return svg('rect', {
      x: PAD.left + p.pw * a,
      y: PAD.top + offset,
      width: Math.max(1, p.pw * (b - a)),
      height: thick,
      fill,
    });
  return svg('rect', {
    x: PAD.left + offset,
    y: PAD.top + p.ph * (1 - b),
    width: thick,
    height: Math.max(1, p.ph * (b - a)),
    fill,
  });
}

/** A category's label: above its bars (bar charts) or below its column (column charts, see columnLabel). */
function barLabel(p: Plot, cat: string, i: number, band: number, tilt: boolean): SVGTextElement {
  if (p.horizontal)
    return svg(
      'text',
      { x: PAD.left + 4, y: PAD.top + band * i + band * 0.2 - 2, 'font-size': 10, fill: '#404040' },
      fitText(cat, p.pw - 8),
    );
  return columnLabel(cat, PAD.left + band * (i + 0.5), PAD.top + p.ph + 14, band, tilt);
}

/** Bar and column charts, side by side or stacked. */
function drawBars(p: Plot, legend: boolean): void {
  const { d, stacked } = p;
  const band = (p.horizontal ? p.ph : p.pw) / Math.max(1, d.categories.length);
  const inner = stacked ? 1 : d.series.length;
  const tilt = !p.horizontal && !legend && d.categories.some((cat) => !fitsWrapped(cat, band - 4));
  d.categories.forEach((cat, i) => {
    let acc = 0;
    d.series.forEach((s, si) => {
      const v = Math.max(0, s.values[i] ?? 0);
      if (!v) return;
      const from = stacked ? acc : 0;
      acc += v;
      p.root.append(barRect(p, i, band, stacked ? 0 : si, inner, p.scale(from), p.scale(stacked ? acc : v), s.color));
    });
    p.root.append(barLabel(p, cat, i, band, tilt));
  });
}

function drawLegend(p: Plot): void {
  let x = PAD.left;
  for (const s of p.d.series) {
    const name = fitText(s.name, Math.min(110, (p.W - PAD.left - PAD.right) / p.d.series.length - 24));
    p.root.append(svg('rect', { x, y: p.H - 16, width: 10, height: 10, fill: s.color }));
    p.root.append(svg('text', { x: x + 14, y: p.H - 7, 'font-size': 10, fill: '#404040' }, name));
    x += 24 + textWidth(name);
  }
}

/** One chart as an SVG element of its size (points -> pixels). */
export function chartSvg(wb: SimWorkbook, sheet: SimSheet, c: SimChart): SVGSVGElement {
  const p = plotOf(wb, sheet, c);
  const { root, W, H } = p;
  root.append(svg('rect', { x: 0.5, y: 0.5, width: W - 1, height: H - 1, fill: '#fff', stroke: '#c8c8c8' }));
  const titleAttrs = { x: W / 2, y: 20, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 600, fill: '#404040' };
  root.append(svg('text', titleAttrs, c.title));
  drawGrid(p);
  if (c.type === 'Line' || c.type === 'LineMarkers') drawLines(p);
  else drawBars(p, c.legend.visible);
  if (c.legend.visible) drawLegend(p);
  return root;
}

/** The sheet's charts, absolutely placed over `table` at their anchor cells. */
export function chartLayer(wb: SimWorkbook, sheet: SimSheet, table: HTMLTableElement): HTMLElement | null {
  if (!sheet.charts.length) return null;
  const layer = document.createElement('div');
  layer.className = 'chart-layer';
  for (const c of sheet.charts) {
    const td = table.querySelector(`td[data-row="${c.anchor.row}"][data-col="${c.anchor.col}"]`) as HTMLElement | null;
    const box = document.createElement('div');
    box.className = 'chart-box';
    box.style.left = `${td ? td.offsetLeft : 44}px`;
    box.style.top = `${td ? td.offsetTop : 24}px`;
    box.append(chartSvg(wb, sheet, c));
    layer.append(box);
  }
  return layer;
}
