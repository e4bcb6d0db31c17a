/// <reference lib="dom" />
/**
 * The panel's progress view: one bar per objective coloured by its band with a tick at the expected pace, and one
 * sparkline per key result (its check-ins) against the pace line (0 at the cycle's start, 1 at the KR's due date).
 * Drawn as SVG from the `progress` data core returns (core/dashboard.ts progressView); every text is set with
 * textContent, never parsed as markup. The data comes from the host as untrusted JSON and is checked here.
 */
import { t, type Lang, type Msg } from '../core/i18n';

const SVG = 'http://www.w3.org/2000/svg';

export interface PanelProgressKr {
  title: string;
  objective: string;
  score: number | null;
  pace: string | null;
  points: { date: number; score: number | null }[];
  due: number;
}

export interface PanelProgress {
  cycle: string;
  start: number;
  end: number;
  today: number;
  expected: number;
  objectives: { title: string; score: number | null; band: 'red' | 'yellow' | 'green' | null }[];
  krs: PanelProgressKr[];
  more: { objectives: number; krs: number };
}

export const PROGRESS_TEXT = {
  title: { en: 'Progress', zh: '进展' },
  objectives: { en: 'Objective scores (tick: expected today)', zh: '目标得分（刻度：今天的预期进度）' },
  krs: { en: 'Key results: check-ins against the pace line', zh: '关键结果：进展记录与预期进度线' },
  none: { en: 'No check-ins yet: click Check in to start the log.', zh: '还没有进展记录：点击“记录进展”开始记录。' },
  more: { en: 'more in the OKR Dashboard sheet', zh: '更多内容见 OKR 仪表板工作表' },
  noScore: { en: 'not scored', zh: '未评分' },
} satisfies Record<string, Msg>;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const unit = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.min(1, Math.max(0, n));
};

/** The progress data out of a result's details, or null when it carries none (malformed entries are dropped). */
export function readProgress(details: unknown): PanelProgress | null {
  if (!isObj(details) || !isObj(details.progress)) return null;
  const p = details.progress;
  const start = num(p.start);
  const end = num(p.end);
  if (start === null || end === null) return null;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isObj) : []);
  const band = (v: unknown) => (v === 'red' || v === 'yellow' || v === 'green' ? v : null);
  const more = isObj(p.more) ? p.more : {};
  return {
    cycle: str(p.cycle),
    start,
    end: Math.max(end, start),
    today: num(p.today) ?? start,
    expected: unit(p.expected) ?? 0,
    objectives: list(p.objectives).map((o) => ({ title: str(o.title), score: unit(o.score), band: band(o.band) })),
    krs: list(p.krs).map((k) => ({
      title: str(k.title),
      objective: str(k.objective),
      score: unit(k.score),
      pace: typeof k.pace === 'string' ? k.pace : null,
      due: num(k.due) ?? end,
      points: list(k.points).flatMap((q) => (num(q.date) === null ? [] : [{ date: num(q.date)!, score: unit(q.score) }])),
    })),
    more: { objectives: Math.max(0, Math.floor(num(more.objectives) ?? 0)), krs: Math.max(0, Math.floor(num(more.krs) ?? 0)) },
  };
}

function svg<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function html<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const BAR_W = 120;

/** One objective: title, a bar of its score in its band's colour, a tick at the expected progress, the score. */
function objectiveRow(doc: Document, o: PanelProgress['objectives'][number], expected: number, lang: Lang): HTMLElement {
  const row = html(doc, 'div', 'okr-prog-row');
  row.dataset.band = o.band ?? 'none';
  const s = svg(doc, 'svg', { width: BAR_W, height: 12, viewBox: `0 0 ${BAR_W} 12`, role: 'img', class: 'okr-prog-bar' });
  s.append(svg(doc, 'rect', { x: 0, y: 2, width: BAR_W, height: 8, rx: 2, class: 'okr-prog-track' }));
  if (o.score !== null) s.append(svg(doc, 'rect', { x: 0, y: 2, width: Math.max(1, o.score * BAR_W), height: 8, rx: 2, class: `okr-prog-fill okr-prog-${o.band ?? 'none'}` }));
  s.append(svg(doc, 'line', { x1: expected * BAR_W, x2: expected * BAR_W, y1: 0, y2: 12, class: 'okr-prog-expected' }));
  const label = html(doc, 'span', 'okr-prog-title', o.title);
  label.title = o.title;
  const title = doc.createElementNS(SVG, 'title');
  title.textContent = `${o.title}: ${o.score === null ? t(PROGRESS_TEXT.noScore, lang) : o.score.toFixed(2)}`;
  s.prepend(title);
  row.append(label, s, html(doc, 'span', 'okr-prog-score', o.score === null ? '–' : o.score.toFixed(2)));
  return row;
}

const SPARK_W = 120;
const SPARK_H = 28;

/** One KR: its check-ins as a polyline over the cycle, the pace line from (start, 0) to (due, 1). */
function krRow(doc: Document, k: PanelProgressKr, p: PanelProgress): HTMLElement {
  const row = html(doc, 'div', 'okr-prog-row okr-prog-kr');
  const span = Math.max(1, p.end - p.start);
  const x = (d: number) => Math.min(SPARK_W, Math.max(0, ((d - p.start) / span) * SPARK_W));
  const y = (v: number) => SPARK_H - 2 - v * (SPARK_H - 4);
  const s = svg(doc, 'svg', { width: SPARK_W, height: SPARK_H, viewBox: `0 0 ${SPARK_W} ${SPARK_H}`, role: 'img', class: 'okr-prog-spark' });
  const title = doc.createElementNS(SVG, 'title');
  title.textContent = `${k.title}${k.score === null ? '' : `: ${k.score.toFixed(2)}`}`;
  s.append(title, svg(doc, 'line', { x1: x(p.start), y1: y(0), x2: x(Math.max(k.due, p.start + 1)), y2: y(1), class: 'okr-prog-pace' }));
  s.append(svg(doc, 'line', { x1: x(p.today), x2: x(p.today), y1: 0, y2: SPARK_H, class: 'okr-prog-today' }));
  const pts = k.points.filter((q) => q.score !== null);
  if (pts.length) {
    s.append(svg(doc, 'polyline', { points: pts.map((q) => `${x(q.date).toFixed(1)},${y(q.score!).toFixed(1)}`).join(' '), class: 'okr-prog-line' }));
    const last = pts[pts.length - 1];
    s.append(svg(doc, 'circle', { cx: x(last.date).toFixed(1), cy: y(last.score!).toFixed(1), r: 2.5, class: 'okr-prog-dot' }));
  }
  const label = html(doc, 'span', 'okr-prog-title', k.title);
  label.title = k.objective ? `${k.objective} › ${k.title}` : k.title;
  row.dataset.pace = k.pace ?? 'none';
  row.dataset.points = String(pts.length);
  row.append(label, s, html(doc, 'span', 'okr-prog-score', k.score === null ? '–' : k.score.toFixed(2)));
  return row;
}

/** The progress section (or its empty state) for `p` in `lang`. */
export function renderProgress(doc: Document, p: PanelProgress | null, lang: Lang): HTMLElement {
  const box = html(doc, 'div', 'okr-progress');
  if (!p || (!p.objectives.length && !p.krs.length)) {
    box.append(html(doc, 'p', 'okr-empty', t(PROGRESS_TEXT.none, lang)));
    return box;
  }
  box.dataset.cycle = p.cycle;
  box.append(html(doc, 'h3', 'okr-prog-h', t(PROGRESS_TEXT.objectives, lang)));
  for (const o of p.objectives) box.append(objectiveRow(doc, o, p.expected, lang));
  box.append(html(doc, 'h3', 'okr-prog-h', t(PROGRESS_TEXT.krs, lang)));
  for (const k of p.krs) box.append(krRow(doc, k, p));
  if (!p.krs.some((k) => k.points.length)) box.append(html(doc, 'p', 'okr-empty', t(PROGRESS_TEXT.none, lang)));
  const more = p.more.objectives + p.more.krs;
  if (more) box.append(html(doc, 'p', 'okr-more', `+${more} ${t(PROGRESS_TEXT.more, lang)}`));
  return box;
}

export const PROGRESS_CSS = `
.okr-progress { display: flex; flex-direction: column; gap: 4px; }
.okr-prog-h { font-size: 12px; font-weight: 600; color: var(--okr-fg2); margin: 8px 0 2px; }
.okr-prog-row { display: grid; grid-template-columns: minmax(0, 1fr) auto 36px; align-items: center; gap: 8px; font-size: 12px; }
.okr-prog-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.okr-prog-score { text-align: right; font-variant-numeric: tabular-nums; color: var(--okr-fg2); }
.okr-prog-track { fill: var(--okr-bg2); stroke: var(--okr-line); stroke-width: 0.5; }
.okr-prog-red { fill: var(--okr-red); } .okr-prog-yellow { fill: var(--okr-yellow); } .okr-prog-green { fill: var(--okr-green); }
.okr-prog-none { fill: var(--okr-fg2); }
.okr-prog-expected { stroke: var(--okr-fg); stroke-width: 1.5; }
.okr-prog-pace { stroke: var(--okr-fg2); stroke-width: 1; stroke-dasharray: 3 2; }
.okr-prog-today { stroke: var(--okr-line); stroke-width: 1; }
.okr-prog-line { fill: none; stroke: var(--okr-accent); stroke-width: 1.5; }
.okr-prog-dot { fill: var(--okr-accent); }
`;
