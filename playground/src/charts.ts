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

/** One chart as an SVG element of its size (points -> pixels). */
export function chartSvg(wb: SimWorkbook, sheet: SimSheet, c: SimChart): SVGSVGElement {
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
  root.append(svg('rect', { x: 0.5, y: 0.5, width: W - 1, height: H - 1, fill: '#fff', stroke: '#c8c8c8' }));
  root.append(
    svg(
      'text',
      { x: W / 2, y: 20, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 600, fill: '#404040' },
      c.title,
    ),
  );
  const d = dataOf(wb, sheet, c);
  const pw = W - PAD.left - PAD.right;
  const ph = H - PAD.top - PAD.bottom;
  const horizontal = c.type.startsWith('Bar');
  const stacked = /Stacked/.test(c.type);
  const totals = d.categories.map((_, i) =>
    stacked
      ? d.series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0)
      : Math.max(0, ...d.series.map((s) => s.values[i] ?? 0)),
  );
  const top = Math.max(1, ...totals);
  const max = c.axis.max ?? (top <= 1 ? 1 : Math.ceil(top / 4) * 4);
  const min = c.axis.min ?? 0;
  const scale = (v: number) => (Math.min(max, Math.max(min, v)) - min) / (max - min || 1);
  // Value-axis grid lines at quarters.
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4;
    const step = (max - min) / 4;
    const text = max <= 1 ? v.toFixed(2) : Number.isInteger(step) ? String(v) : v.toFixed(1);
    if (horizontal) {
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
  const n = Math.max(1, d.categories.length);
  if (c.type === 'Line' || c.type === 'LineMarkers') {
    const x = (i: number) => PAD.left + (n === 1 ? pw / 2 : (pw * i) / (n - 1));
    d.series.forEach((s, si) => {
      const pts = s.values
        .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${(PAD.top + ph * (1 - scale(v))).toFixed(1)}`))
        .filter((p): p is string => !!p);
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
      for (const p of pts) {
        const [cx, cy] = p.split(',');
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
  } else {
    const band = (horizontal ? ph : pw) / n;
    const tilt = !horizontal && !c.legend.visible && d.categories.some((cat) => !fitsWrapped(cat, band - 4));
    d.categories.forEach((cat, i) => {
      let acc = 0;
      const inner = stacked ? 1 : d.series.length;
      d.series.forEach((s, si) => {
        const v = Math.max(0, s.values[i] ?? 0);
        if (!v) return;
        const from = stacked ? acc : 0;
        acc += v;
        const a = scale(from);
        const b = scale(stacked ? acc : v);
        const slot = stacked ? 0 : si;
        if (horizontal) {
          const y = PAD.top + band * i + band * 0.2 + ((band * 0.6) / inner) * slot;
          root.append(
            svg('rect', {
              x: PAD.left + pw * a,
              y,
              width: Math.max(1, pw * (b - a)),
              height: (band * 0.6) / inner,
              fill: s.color,
            }),
          );
        } else {
          const x = PAD.left + band * i + band * 0.2 + ((band * 0.6) / inner) * slot;
          root.append(
            svg('rect', {
              x,
              y: PAD.top + ph * (1 - b),
              width: (band * 0.6) / inner,
              height: Math.max(1, ph * (b - a)),
              fill: s.color,
            }),
          );
        }
      });
      if (horizontal)
        root.append(
          svg(
            'text',
            { x: PAD.left + 4, y: PAD.top + band * i + band * 0.2 - 2, 'font-size': 10, fill: '#404040' },
            fitText(cat, pw - 8),
          ),
        );
      else root.append(columnLabel(cat, PAD.left + band * (i + 0.5), PAD.top + ph + 14, band, tilt));
    });
  }
  if (c.legend.visible) {
    let x = PAD.left;
    for (const s of d.series) {
      const name = fitText(s.name, Math.min(110, (W - PAD.left - PAD.right) / d.series.length - 24));
      root.append(svg('rect', { x, y: H - 16, width: 10, height: 10, fill: s.color }));
      root.append(svg('text', { x: x + 14, y: H - 7, 'font-size': 10, fill: '#404040' }, name));
      x += 24 + textWidth(name);
    }
  }
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
