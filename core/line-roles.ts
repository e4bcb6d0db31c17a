/**
 * One line of an outline (or one cell of a table's text column) as people write OKRs in documents: what it says it is,
 * and its title with the structure taken off. Structure is indentation, markdown headings (`##`), quotes (`>`),
 * bullets (`-`, `•`), checkboxes, list numbers (`1.`, `(2)`, `①`, `一、`), bold (`**...**`) and labels:
 * `O1:`, `O1 text`, `Objective 2 -`, `OKR 1:`, `目标一：`, `KR 1.1:`, `关键结果2：`, `CTO KR:`, `E:`, `举措：`; a label alone
 * (`**Key Results**:`, `关键成果`) announces the lines under it. The title keeps the user's characters exactly
 * (full-width punctuation included): labels are matched on the line as typed, with full-width forms in the patterns.
 */

export type LineRole =
  'objective' | 'kr' | 'initiative' | 'objective-label' | 'kr-label' | 'initiative-label' | 'other-label' | 'text';

export interface LineReading {
  role: LineRole;
  /** The line without its structure (label, bullet, list number, bold marks); '' for a label alone. */
  title: string;
  /** Indentation (spaces; a tab counts 4). */
  depth: number;
  /** Markdown heading level (1-6), 0 when none. */
  heading: number;
  bullet: boolean;
  numbered: boolean;
  /** The whole line (after bullets and numbers) is bold. */
  bold: boolean;
  quote: boolean;
}

const INDENT = /^[ \t\u3000\u00a0]*/;
const HEADING = /^(#{1,6})\s+/;
const QUOTE = /^>\s*/;
const BULLET = /^(?:[-*+]\s+|[•·●○◦▪▫■□►▸➢✓✔☐☑–—]\s*)/;
const CHECKBOX = /^\[[ xX✓✔]\]\s*/;
const LIST_NUMBER =
  /^(?:[0-9０-９]{1,2}(?:\.[0-9]{1,2})*[.．)）、](?![0-9])|[(（][0-9]{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、)\s*/;
const BOLD = /^(\*\*|__)(.+?)\1\s*([:：]?)\s*([\s\S]*)$/;

const NUM = String.raw`(?:[0-9０-９]+(?:\.[0-9]+)*|[一二三四五六七八九十]+)`;
/** After a label: a colon, '、', ')', ' - ', '.', or (when numbered) a space. */
const DELIM = String.raw`(?:\s*[:：、)）]|\s+[-–—]\s|\s*[-–—](?=\s)|\.(?=\s))`;

/**
 * A label: short ones ('O1 text', 'KR2 text', '目标1 text') may be followed by a space after their number; words
 * ('Key result 0 of objective 0', 'Objective 1 Grow') need a colon, a dash or the like, or they are just words.
 */
function labelRe(short: string, long: string): RegExp {
  const shortForm = String.raw`(?:${short})\s*(?:(${NUM})\s*(?:${DELIM}|\s(?=\S)|$)|${DELIM}|$)`;
  const longForm = String.raw`(?:${long})\s*(?:(${NUM})\s*(?:${DELIM}|$)|${DELIM}|$)`;
  return new RegExp(String.raw`^(?:${shortForm}|${longForm})\s*([\s\S]*)$`, 'i');
}
const OBJECTIVE = labelRe(String.raw`目标|o(?=\s*[0-9０-９:：])`, String.raw`objectives?|obj\.?|okr`);
const KR = labelRe(String.raw`krs?|关键结果|关键成果`, String.raw`key\s*results?`);
const INITIATIVE = labelRe(
  String.raw`执行|举措|行动|任务|e(?=\s*[0-9０-９]*\s*[:：)）]|\s+[-–—]\s|\.\s)`,
  String.raw`initiatives?|tasks?|actions?`,
);
/**
 * `CTO KR: ...`, `Business (Finance) KR: ...`, `Annual Objective: ...`, `Quarterly Key Result: ...`, `年度目标：...`: a label
 * with its owner's role or its horizon before it.
 */
const ROLE_LABEL = /^([^:：\n]{1,40}?)\s+(objectives?|key\s*results?|krs?|initiatives?)\s*[0-9]*\s*[:：]\s*([\s\S]+)$/i;
const ZH_ROLE_LABEL =
  /^([\u4e00-\u9fff]{1,6}?)(目标|关键结果|关键成果|举措)\s*[0-9一二三四五六七八九十]*\s*[:：]\s*([\s\S]+)$/;
/** `CEO: Net new ARR` on a bold line: an objective with its owner's role before it (a role is a few words). */
const ROLE_OBJECTIVE = /^([^:：\n]{1,30})[:：]\s*([\s\S]+)$/;

/**
 * A section heading naming what follows: '年度/季度目标(Objective)', '关键结果(Key Results)', '行动计划(Actions)',
 * 'Quarterly objectives', 'Key results for Q3'.
 */
const SECTION =
  /^(?:[\u4e00-\u9fff/]{0,6}(目标|关键结果|关键成果|行动计划|举措|执行计划)\s*(?:[(（][A-Za-z ]+[)）])?|(?:[A-Za-z/]+\s+){0,2}(objectives|key\s*results|initiatives|actions|action\s+plan)(?:\s+for\s+[\w ]{1,12})?)\s*[:：]?$/i;
/** A short label line ending in a colon ('示例:', 'Dependencies:', 'Validation Checks:'): it introduces something else. */
const OTHER_LABEL = /^[^:：\n]{1,30}[:：]$/;

const OKR_SPELLED =
  /^(?:objectives?\s*(?:&|and|\+|\/)\s*key\s*results?|目标(?:与|和|及|\s*&\s*)关键(?:结果|成果))[.:：]?$/i;

/** An arrow right after an item's label points at another OKR: a cross-reference, not the item's title. */
const CROSS_REFERENCE = /^\s*(?:→|->|=>|⟶|↔|⇒|➜|➔)/;

/** Strips indentation, headings, quotes, bullets, checkboxes and list numbers, noting each. */
function stripStructure(raw: string, out: LineReading): string {
  const indent = INDENT.exec(raw)![0];
  out.depth = indent.replace(/\t/g, '    ').length;
  let s = raw.slice(indent.length);
  for (let guard = 0; guard < 6; guard++) {
    const before = s;
    let m = HEADING.exec(s);
    if (m) {
      out.heading = m[1].length;
      s = s.slice(m[0].length);
    }
    m = QUOTE.exec(s);
    if (m) {
      out.quote = true;
      s = s.slice(m[0].length);
    }
    m = BULLET.exec(s);
    if (m && !s.startsWith('**')) {
      out.bullet = true;
      s = s.slice(m[0].length);
    }
    m = CHECKBOX.exec(s);
    if (m) s = s.slice(m[0].length);
    m = LIST_NUMBER.exec(s);
    if (m) {
      out.numbered = true;
      s = s.slice(m[0].length);
    }
    if (s === before) break;
  }
  return s.trim();
}

/** `**Label**: rest` -> 'Label: rest'; `**whole line**` -> 'whole line' (bold). */
function stripBold(s: string, out: LineReading): string {
  const m = BOLD.exec(s);
  if (!m) return s;
  if (!m[4]) {
    out.bold = true;
    return m[2].trim() + m[3];
  }
  const label = m[2].trim();
  return `${label}${m[3] || (/[:：]$/.test(label) ? '' : ':')} ${m[4]}`;
}

function labelled(s: string): { role: LineRole; title: string } | null {
  for (const [re, role, alone] of [
    [KR, 'kr', 'kr-label'],
    [INITIATIVE, 'initiative', 'initiative-label'],
    [OBJECTIVE, 'objective', 'objective-label'],
  ] as const) {
    const m = re.exec(s);
    // 'KR 1 → Company OKR: ...', 'KR2 -> 公司目标': an arrow from the label to another OKR says how it ladders up.
    if (m && CROSS_REFERENCE.test(m[3])) return { role: 'other-label', title: s };
    // 'OKR - Objectives & Key Results', 'OKR：目标与关键结果': the label spelled out is a section title, no objective.
    if (m && role === 'objective' && OKR_SPELLED.test(m[3].trim())) return { role: 'text', title: s };
    if (m) return m[3].trim() ? { role, title: m[3].trim() } : { role: alone, title: '' };
  }
  const rk = ROLE_LABEL.exec(s) ?? ZH_ROLE_LABEL.exec(s);
  if (rk && rk[1].trim().split(/\s+/).length <= 5) {
    const w = rk[2].toLowerCase();
    const role: LineRole = /^(obj|目标)/.test(w) ? 'objective' : /^(key|kr|关键)/.test(w) ? 'kr' : 'initiative';
    return { role, title: rk[3].trim() };
  }
  return null;
}

/** What one line says it is. Never throws. */
export function readLine(raw: string): LineReading {
  const out: LineReading = {
    role: 'text',
    title: '',
    depth: 0,
    heading: 0,
    bullet: false,
    numbered: false,
    bold: false,
    quote: false,
  };
  if (typeof raw !== 'string') return out;
  const s = stripBold(stripStructure(raw, out), out);
  const l = labelled(s);
  if (l) {
    out.role = l.role;
    out.title = unwrapBold(l.title);
    return out;
  }
  const section = SECTION.exec(s);
  if (section) {
    const w = (section[1] ?? section[2]).toLowerCase();
    out.role =
      /^(obj|目标)/.test(w) || /目标/.test(w)
        ? 'objective-label'
        : /^(key|kr|关键)/.test(w)
          ? 'kr-label'
          : 'initiative-label';
    return out;
  }
  if (OTHER_LABEL.test(s)) {
    out.role = 'other-label';
    out.title = s.replace(/[:：]\s*$/, '');
    return out;
  }
  const ro = out.bold && !out.heading ? ROLE_OBJECTIVE.exec(s) : null;
  if (ro && ro[1].trim().split(/\s+/).length <= 4 && !/[.。!?]$/.test(ro[1].trim())) {
    out.role = 'objective';
    out.title = ro[2].trim();
    return out;
  }
  out.title = unwrapBold(s);
  return out;
}

/** A title still wrapped in emphasis ('**Grow**') or quotes ('"Delight customers"') loses them. */
function unwrapBold(s: string): string {
  const m = /^(\*\*|__)(.+)\1$/.exec(s);
  const t = m ? m[2].trim() : s;
  const q = /^(["“「『])([\s\S]+)(["”」』])$/.exec(t);
  return q && !/["“”「」『』]/.test(q[2]) ? q[2].trim() : t;
}
