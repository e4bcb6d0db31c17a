/**
 * Reading a key result's numbers from its own words, for sheets without a target column (the Chinese seed's
 * outline) or with the target cell left blank: "收获10w粉丝" -> target 100,000 粉丝; "from 2% to 3.5%" -> start 0.02,
 * target 0.035; "reduce churn from 5% to 3%" -> decrease; "at least 4.8" -> stay above; "完成XX家" -> a placeholder,
 * no number; "完成...的最终制定" -> a milestone (binary).
 * Number tokens are found here and parsed by values.ts (one number parser for the whole project).
 */
import type { KrKind } from './model';
import { parseNumber } from './values';

export interface TextInference {
  target: number | null;
  start: number | null;
  unit: string | null;
  /** The kind the wording implies, or null when it implies none (a plain number reads as increase). */
  kind: KrKind | null;
  /** The text names a quantity with a placeholder ('XX家', 'N customers') instead of a number. */
  placeholder: boolean;
}

interface Token {
  value: number;
  text: string;
  index: number;
  end: number;
  percent: boolean;
  currency: string | null;
}

/** Dates and periods are not targets: '10月', '2026-12-31', 'Q4', '第3周', '5th'. */
const NOT_A_QUANTITY = /\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*[日号]?)?|\bQ[1-4]\b|第\s*\d+\s*[周天季期轮批]|\d+\s*(?:月份?|日|号|年度?|季度|周|点|时|分钟)|\d+(?:st|nd|rd|th)\b|\bv\d+(?:\.\d+)*\b/gi;

const TOKEN =
  /([$¥€£]\s?)?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(\s?%|‰|\s?(?:千万|百万|万|亿|千)|[wWkKmMbB](?:n)?(?![A-Za-z]))?/g;

const WORD_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, 'a hundred': 100, 'one hundred': 100,
};
const WORD_TOKEN = new RegExp(`\\b(${Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|')})\\b`, 'gi');

const PLACEHOLDER = /(?:^|[^A-Za-z])(?:X{1,3}|x{2,3}|N|若干|\?{2,}|？{2,}|＿+|_+)\s*(?:[家个人位名次件单条篇场份台笔款项万wW%]|new\b|customers?\b|users?\b|people\b|deals?\b)/;

const FROM = /(?:\bfrom\b|从|由)\s*$/i;
const TO = /^\s*(?:\bto\b|->|→|~|～|到|至|(?:提升|提高|增长|增加|上升|降低|降|减少|下降|压缩|缩短|控制|增)(?:到|至)?)/i;
const DECREASE = /\b(?:reduce[sd]?|decrease[sd]?|cut|lower|shrink|drop|minimi[sz]e|bring down|down to)\b|降低|减少|下降|降到|降至|压缩|缩短|减低|控制在?.*以[内下]/i;
const ABOVE = /\b(?:at least|no less than|not less than|minimum(?: of)?|stay above|keep above|above|over|more than)\b|>=|≥|不低于|至少|不少于|以上|不小于/i;
const BELOW = /\b(?:at most|no more than|not more than|maximum(?: of)?|stay below|keep below|below|under|less than|within)\b|<=|≤|不超过|不高于|至多|以内|以下|低于|不大于/i;
const TO_WORD_BEFORE = /(?:\bto\b|\breach(?:es|ing)?\b|达到|到|至|突破|超过)\s*$/i;

const ANY_DIRECTION = new RegExp([DECREASE.source, ABOVE.source, BELOW.source, String.raw`\bfrom\b|从|由`].join('|'), 'i');

/** Cheap check: does the wording name a direction at all? (Sheets with typed targets skip the full reading otherwise.) */
export function mentionsDirection(text: string): boolean {
  return ANY_DIRECTION.test(text);
}

/** Mask dates and periods with spaces so token offsets stay valid. */
function maskPeriods(s: string): string {
  return s.replace(NOT_A_QUANTITY, (m) => ' '.repeat(m.length));
}

function tokens(text: string): Token[] {
  const s = maskPeriods(text);
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m; m = TOKEN.exec(s)) {
    const raw = m[0].trim();
    // A digit glued to letters on the left ('B2B', 'H5') is part of a word, not a quantity.
    const before = m.index > 0 ? s[m.index - 1] : '';
    if (!m[1] && /[A-Za-z]/.test(before)) continue;
    const parsed = parseNumber(raw.replace(/\s+/g, ''));
    if (!parsed.ok) continue;
    const value = parsed.value;
    out.push({
      value,
      text: raw,
      index: m.index,
      end: m.index + m[0].length,
      percent: /%|‰/.test(m[3] ?? ''),
      currency: m[1] ? m[1].trim() : null,
    });
  }
  WORD_TOKEN.lastIndex = 0;
  for (let m = WORD_TOKEN.exec(s); m; m = WORD_TOKEN.exec(s)) {
    out.push({ value: WORD_NUMBERS[m[1].toLowerCase()], text: m[0], index: m.index, end: m.index + m[0].length, percent: false, currency: null });
  }
  return out.sort((a, b) => a.index - b.index);
}

const EN_STOP = /^(?:in|on|at|by|per|for|from|to|and|or|of|with|within|across|before|after|during|the|a|an|this|each|every|than)$/i;
const ZH_MEASURE = /^[家个人位名次件单条篇场份台笔款项元块天小时分]/;

/** The unit named right after a number: '10w粉丝' -> '粉丝', '12 posts on ...' -> 'posts', '3.5%' -> '%'. */
function unitAfter(text: string, t: Token): string | null {
  if (t.percent) return '%';
  if (t.currency) return t.currency;
  const rest = text.slice(t.end);
  const zh = /^\s*([\u3400-\u9fff]+)/.exec(rest);
  if (zh) {
    const run = zh[1];
    if (ZH_MEASURE.test(run)) return run[0] === '小' ? '小时' : run[0];
    const cut = run.split(/[的了在并和与及，。、]/)[0];
    return cut ? cut.slice(0, 4) : null;
  }
  if (!/^\s+[A-Za-z]/.test(rest)) return null;
  const kept: string[] = [];
  for (const raw of rest.trim().split(/\s+/).slice(0, 5)) {
    const w = raw.replace(/[.,;:!?)]+$/, '');
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(w) || EN_STOP.test(w)) break;
    kept.push(w);
    if (w !== raw) break;
  }
  return kept.length ? kept[kept.length - 1] : null;
}

/** What a KR's wording says about its numbers and direction. Never throws. */
export function inferFromText(input: unknown): TextInference {
  const none: TextInference = { target: null, start: null, unit: null, kind: null, placeholder: false };
  if (typeof input !== 'string') return none;
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (!text || text.length > 500) return none;
  const toks = tokens(text);
  const decreasing = DECREASE.test(text);

  if (toks.length === 0) {
    if (PLACEHOLDER.test(text)) return { ...none, placeholder: true, kind: decreasing ? 'decrease' : null };
    return { ...none, kind: 'binary' };
  }

  // "from A to B" / "从A提升到B"
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i];
    const b = toks[i + 1];
    const lead = text.slice(Math.max(0, a.index - 12), a.index);
    const between = text.slice(a.end, b.index);
    if (FROM.test(lead) && TO.test(between) && between.length <= 16) {
      const kind: KrKind = b.value < a.value ? 'decrease' : 'increase';
      return { target: b.value, start: a.value, unit: unitAfter(text, b) ?? unitAfter(text, a), kind, placeholder: false };
    }
  }

  // The target is the number after "to"/"达到" if there is one, else the first number.
  const t = toks.find((k) => TO_WORD_BEFORE.test(text.slice(Math.max(0, k.index - 8), k.index))) ?? toks[0];
  let kind: KrKind | null = null;
  if (decreasing) kind = 'decrease';
  else if (BELOW.test(text)) kind = 'below';
  else if (ABOVE.test(text)) kind = 'above';
  return { target: t.value, start: null, unit: unitAfter(text, t), kind, placeholder: false };
}
