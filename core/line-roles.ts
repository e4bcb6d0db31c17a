/**
 * One line of an outline (or one cell of a table's text column) as people write OKRs in documents: what it says it is,
 * and its title with the structure taken off. Structure is indentation, markdown headings (`##`), quotes (`>`),
 * bullets (`-`, `•`), checkboxes, list numbers (`1.`, `(2)`, `①`, `一、`), bold (`**...**`) and labels:
 * `O1:`, `O1 text`, `Objective 2 -`, `OKR 1:`, `目标一：`, `KR 1.1:`, `关键结果2：`, `CTO KR:`, `E:`, `举措：`; a label alone
 * (`**Key Results**:`, `关键成果`) announces the lines under it. The title keeps the user's characters exactly
 * (full-width punctuation included): labels are matched on the line as typed, with full-width forms in the patterns.
 */

import { OTHER_LANGUAGE_ITEMS, VERBS_AFTER_CODE } from './vocabulary';

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
  /** The word before the line's colon ('目标' in `4. 目标：...`, 'KPI' in `KPI: ...`, 'O1' in `O1: ...`), '' when none. */
  term: string;
  /** An owner or priority written as a leading label (`` `P1` - @alice - ``, `[P0]`, `(@bob)`, `【负责人：王芳】`). */
  owner?: string;
  priority?: string;
  /** Only such a label and no text (`` - `PX` - ``): a placeholder for an item not written yet. */
  placeholder?: boolean;
}

const INDENT = /^[ \t\u3000\u00a0]*/;
const HEADING = /^(#{1,6})\s+/;
const QUOTE = /^>\s*/;
/** A bullet; a dash glued to a word ('-all elements', as people type lists by hand) is one too. */
const BULLET = /^(?:[-*+]\s+|-(?=\p{L})|[•·●○◦▪▫■□►▸➢✓✔☐☑–—]\s*)/u;
const CHECKBOX = /^\[[ xX✓✔]\]\s*/;
const LIST_NUMBER =
  /^(?:[0-9０-９]{1,2}(?:\.[0-9]{1,2})*[.．)）、](?![0-9])|[(（][0-9]{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、)\s*/;
const BOLD = /^(\*\*|__)(.+?)\1\s*([:：]?)\s*([\s\S]*)$/;
/** A heading's section number without a closing dot (`### 1.2 Key results`, `## 2.1 Team`): its place, no quantity. */
const SECTION_NUMBER = /^[0-9]{1,2}(?:\.[0-9]{1,2})+\s+(?=\p{L})/u;

const NUM = String.raw`(?:[0-9０-９]+(?:\.[0-9]+)*|[一二三四五六七八九十]+)`;
/**
 * A gloss naming the label in the other language right after it: `O(目标):`, `KR1(关键结果):`, `目标(Objective)：`,
 * `关键结果(KR1):` (the item's number inside).
 */
const GLOSS = String.raw`(?:\s*[(（]\s*(?:目标|关键结果|关键成果|举措|执行|行动|任务|objectives?|goals?|key\s*results?|krs?|initiatives?|actions?|tasks?|o|e)\s*(?:${NUM})?\s*[)）])?`;
/**
 * After a label: a colon, '、', ')', ' - ', '.', (when numbered) a space, or a space before a link naming the item
 * (`OKR [Win with AI](https://...)`, as a tool's page lists items linking to their own pages).
 */
const DELIM = String.raw`(?:\s*[:：、)）]|\s+[-–—]\s|\s*[-–—](?=\s)|\.(?=\s)|\s+(?=\[[^\]\n]+\]\())`;

/**
 * A category the item's author put in brackets after its label and number (`KR 1 (Değer Yaratma):`, `O1 [调研]:`,
 * `O2 【研发】：`), a colon after.
 */
const CATEGORY = String.raw`\s*(?:[(（][^()（）\n]{1,30}[)）]|[[【][^[\]【】\n]{1,30}[\]】])\s*[:：]`;

/** Other languages' words for the three items (vocabulary.ts), as regex alternatives: 'resultados\\s+clave'. */
const OTHER = Object.fromEntries(
  Object.entries(OTHER_LANGUAGE_ITEMS).map(([k, words]) => [
    k,
    [...words]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/\s+/g, String.raw`\s+`))
      .join('|'),
  ]),
) as Record<keyof typeof OTHER_LANGUAGE_ITEMS, string>;

/** Not a verb after a short label's number (VERBS_AFTER_CODE): `O1 is the primary OKR` is a sentence about O1. */
const NO_VERB = String.raw`(?!(?:${VERBS_AFTER_CODE.join('|')})(?![A-Za-z\u00c0-\u1ef9]))`;

/** A quarter or half after a label word (`**Objective Q1:**`, `Key Results H2:`): part of the label, no year. */
const PERIOD_TAG = String.raw`(?:Q[1-4]|H[12])(?![0-9A-Za-z])`;

/**
 * A label: short ones ('O1 text', 'KR2 text', '目标1 text') may be followed by a space after their number; words
 * ('Key result 0 of objective 0', 'Objective 1 Grow') need a colon, a dash or the like, or they are just words.
 */
function labelRe(short: string, long: string): RegExp {
  const shortForm = String.raw`(?:${short})\s*(?:(${NUM})(?:${CATEGORY}|${GLOSS}\s*(?:${DELIM}|\s(?=\S)${NO_VERB}|$))|${GLOSS}(?:${DELIM}|$))`;
  const longForm = String.raw`(?:${long})(?:\s+${PERIOD_TAG})?\s*(?:(${NUM})(?:${CATEGORY}|${GLOSS}\s*(?:${DELIM}|$))|${GLOSS}(?:${DELIM}|$))`;
  return new RegExp(String.raw`^(?:${shortForm}|${longForm})\s*([\s\S]*)$`, 'i');
}
const OBJECTIVE = labelRe(
  // `okr1 湖仓一体`, `OKR 2 Ship v2`: an `OKR` numbered like `O1` (one or two digits; `OKR 2024` is a year) is as short.
  String.raw`目标|o(?=\s*(?:[0-9０-９:：(（]|$))|okr(?=\s?[0-9０-９]{1,2}(?![0-9０-９.]))`,
  String.raw`objectives?|obj\.?|okr|${OTHER.objective}`,
);
const KR = labelRe(String.raw`krs?|关键结果|关键成果`, String.raw`key\s*results?|${OTHER.kr}`);
const INITIATIVE = labelRe(
  String.raw`执行|举措|行动|任务|e(?=\s*[0-9０-９]*\s*[:：)）]|\s+[-–—]\s|\.\s|\s*$)`,
  String.raw`initiatives?|tasks?|actions?|${OTHER.initiative}`,
);
const GLOSSED_LABEL =
  /^([^:：()（）\n[`]{1,30}?)\s*[(（]\s*(objectives?|key\s*results?|krs?|initiatives?|目标|关键结果|关键成果|举措)\s*[)）]\s*[:：](?!\/)\s*([\s\S]*)$/i;
const labelAlone = (w: string) => ({ role: `${itemOfWord(w.toLowerCase())}-label` as LineRole, title: '' });
/**
 * `CTO KR: ...`, `Business (Finance) KR: ...`, `Annual Objective: ...`, `Quarterly Key Result: ...`, `年度目标：...`: a label
 * with its owner's role or its horizon before it.
 */
const ROLE_LABEL =
  /^([^:：\n[`]{1,40}?)\s+(objectives?|key\s*results?|krs?|initiatives?)\s*[0-9]*\s*[:：](?!\/)\s*([\s\S]+)$/i;
const ZH_ROLE_LABEL =
  /^([\u4e00-\u9fff]{1,6}?)(目标|关键结果|关键成果|举措)\s*[0-9一二三四五六七八九十]*\s*[:：]\s*([\s\S]+)$/;
/** A phase's goal (`阶段目标：...`, `Phase objective: ...`): a milestone of the plan on the way, a note, no objective. */
const STAGE = /^(?:阶段|阶段性|本阶段|当前阶段|phase|stage|sprint)$/i;
/**
 * `CEO: Net new ARR` on a bold line: an objective with its owner's role before it (a role is a few words). A role
 * opens no link or code, and a URL's scheme is no role: `**[IPFS Companion](https://...) is ...**` is one title.
 */
const ROLE_OBJECTIVE = /^([^:：\n[`]{1,30})[:：](?!\/)\s*([\s\S]+)$/;

/**
 * A section heading naming what follows: '年度/季度目标(Objective)', '关键结果(Key Results)', '行动计划(Actions)',
 * 'Quarterly objectives', 'Key results for Q3', 'Initiatives (What)', 'Initiatives (실행 방안)', 'Objective (Mục tiêu định tính)',
 * 'Action items', '主要任务', 'アクション項目'.
 */
/**
 * A north-star goal (`## 4.1 北极星目标`, `North Star Objective`): the one sentence guiding the plan, stated over it. It
 * labels no list of objectives; the sentence under it is a note, like a vision.
 */
const NORTH_STAR = String.raw`[\u4e00-\u9fff/]{0,4}(?:北极星|北極星)|north[\s-]*star\b`;
const SECTION = new RegExp(
  String.raw`^(?!${NORTH_STAR})(?:[\u4e00-\u9fff/]{0,6}(目标|关键结果|关键成果|行动计划|举措|执行计划|任务|措施|待办事项|行动项)\s*(?:[(（][^()（）\n0-9０-９]{1,16}[)）])?|(アクション項目|アクションプラン|行動計画|施策|タスク)|(?:[A-Za-z/]+\s+){0,2}(objectives?|key\s*results?|initiatives|actions|action\s+plan|action\s+items|tasks|to-?dos|${OTHER.objective}|${OTHER.kr}|${OTHER.initiative})(?:\s+for\s+[\w ]{1,12})?(?:\s*[(（][^()（）\n0-9０-９]{1,24}[)）])?)\s*[:：]?$`,
  'i',
);
/** 'Iniciativas Growth OS:', 'Key Results Q3 Platform:': the label words, then a name in capitals, then a colon. */
const NAMED_SECTION = new RegExp(
  String.raw`^()(objectives|key\s*results|initiatives|${OTHER.objective}|${OTHER.kr}|${OTHER.initiative})((?:\s+[\w/-]+){1,3})\s*[:：]$`,
  'i',
);
function namedSection(s: string): RegExpExecArray | null {
  const m = NAMED_SECTION.exec(s);
  return m && /^(?:\s+[A-Z0-9][\w/-]*)+$/.test(m[3]) ? m : null;
}
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
    m = LIST_NUMBER.exec(s) ?? (out.heading ? SECTION_NUMBER.exec(s) : null);
    if (m) {
      out.numbered = true;
      s = s.slice(m[0].length);
    }
    if (s === before) break;
  }
  return s.trim();
}

/** A bracketed note or reference after a bold title: `(#24)`, `([issue](https://...))`, `【草稿】`. */
const TRAILING_NOTE = /^[(（[【][\s\S]*[)）\]】]$/;

/**
 * `**Label**: rest` -> 'Label: rest'; `**whole line**` -> 'whole line' (bold). A bold sentence with more text after it
 * and no colon (`**Set up the site.** ([#24](...))`) is no label: the line stays as typed, bold when what follows is only
 * a bracketed note.
 */
function stripBold(s: string, out: LineReading): string {
  const m = BOLD.exec(s);
  if (!m) return s;
  if (!m[4]) {
    out.bold = true;
    return m[2].trim() + m[3];
  }
  const label = m[2].trim();
  if (!m[3] && !/[:：]$/.test(label) && (/[.。!！?？]$/.test(label) || label.split(/\s+/).length > 6)) {
    out.bold = TRAILING_NOTE.test(m[4].trim());
    return s;
  }
  return `${label}${m[3] || (/[:：]$/.test(label) ? '' : ':')} ${m[4]}`;
}

/** The item a label word names: 'Objectives' / '目标' / 'objetivo', 'KRs' / '关键结果' / 'resultados clave', else an initiative. */
function itemOfWord(w: string): 'objective' | 'kr' | 'initiative' {
  if (/^(?:obj|目标)/.test(w) || new RegExp(`^(?:${OTHER.objective})`, 'i').test(w)) return 'objective';
  if (/^(?:key|kr|关键)/.test(w) || new RegExp(`^(?:${OTHER.kr})`, 'i').test(w)) return 'kr';
  return 'initiative';
}

/** A release or team code joined before an item label (`R0-O1:`, `Q3-KR2:`, `T1.O2:`): part of the label. */
const CODE_BEFORE_LABEL = /^[A-Z]{1,3}[0-9]{1,2}[-.](?=(?:O|KR)\s*[0-9]+\s*[:：])/;

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
    // 'Objective 2025 - €1M in revenue': a year, no objective's number; the heading names the year's goal (a title).
    if (m && role === 'objective' && /^(?:19|20)[0-9]{2}$/.test(m[1] ?? m[2] ?? '')) return { role: 'text', title: s };
    if (m) return m[3].trim() ? { role, title: m[3].trim() } : { role: alone, title: '' };
  }
  // A word of any language glossed in English or Chinese (`Hedef (Objective):`, `Anahtar Sonuçlar (Key Results):`).
  const g = GLOSSED_LABEL.exec(s);
  if (g) return g[3].trim() ? { role: itemOfWord(g[2].toLowerCase()), title: g[3].trim() } : labelAlone(g[2]);
  const rk = ROLE_LABEL.exec(s) ?? ZH_ROLE_LABEL.exec(s);
  if (rk && STAGE.test(rk[1].trim())) return { role: 'other-label', title: s };
  if (rk && rk[1].trim().split(/\s+/).length <= 5) {
    const w = rk[2].toLowerCase();
    const role: LineRole = itemOfWord(w);
    return { role, title: rk[3].trim() };
  }
  return null;
}

/**
 * The word before a line's colon: a label ('O1', '目标', 'Key Results') or a term being defined ('KPI', '使命'); not a
 * markup role (`读 :book:`x``).
 */
const TERM = /^([^\s:：][^:：\n]{0,24}?)\s*(?:：|:(?=\s|$|[\u3400-\u9fff]))/;

/** A reStructuredText field (`:krs: ...`, `:scores: 0 0 0`): read as `krs: ...`, a label and its text. */
const RST_FIELD = /^:([A-Za-z\u4e00-\u9fff][\w\u4e00-\u9fff -]{0,24}):(?=\s|$)/;
function rstField(s: string): string {
  const m = RST_FIELD.exec(s);
  return m ? `${m[1]}:${s.slice(m[0].length)}` : s;
}

/**
 * An owner or priority written before the text as a label: `` `P1` - @alice - ``, `[P0]`, `(@bob)`, `P2 - `,
 * `【负责人：王芳】`, `Owner: Ana - `. Stripped like `CEO:`; a placeholder (`PX`, `@???`) names nobody.
 */
const PRIORITY_TOKEN = /^(?:`(P[0-9X])`|[[【(（](P[0-9X])[\]】)）]|(P[0-9])(?=\s*(?:[-–—|:：]\s)))/i;
const OWNER_TOKEN =
  /^(?:[[【(（]\s*(?:@|(?:owner|负责人|责任人)\s*[:：]\s*)([^\s\])】）]+)\s*[\]】)）]|(?:`@([^`\s]+)`|@(\S+)|(?:owner|负责人|责任人)\s*[:：]\s*([^\s,，;；]+))(?=\s*[-–—|]\s))/i;
const PREFIX_SEPARATOR = /^\s*(?:[-–—|]\s+|[:：]\s*)?/;
const PLACEHOLDER_NAME = /^(?:\?+|px|tbd|n\/a|-+)$/i;
const ONLY_SEPARATORS = /^[\s\-–—|:：]*$/;

/**
 * A tool's code numbering the item before its text (`AIS1 - Partner with Sales`, a Notion export's `ENG2 — ...`): a
 * label, stripped. Not a fiscal or calendar year (`FY24 - `), nor an OKR label (`KR1 — Leading Metric`, read as one).
 */
const ITEM_CODE = /^(?!(?:FY|CY|KRS?|OKRS?)\d)[A-Z]{2,4}\d{1,3}(?:\.\d{1,2})?\s+[-–—]\s+(?=\S)/;
/** Cheap test: could the text start with such a code? */
export const mayStartWithCode = (s: string) => /^[A-Z]{2,4}\d/.test(s);

function stripPrefix(s: string, out: LineReading): string {
  let rest = mayStartWithCode(s) ? s.replace(ITEM_CODE, '') : s;
  for (let guard = 0; guard < 3; guard++) {
    const p = PRIORITY_TOKEN.exec(rest);
    const o = p ? null : OWNER_TOKEN.exec(rest);
    const m = p ?? o;
    if (!m) break;
    const value = m.slice(1).find((v) => v !== undefined) ?? '';
    const after = rest.slice(m[0].length);
    const next = after.slice(PREFIX_SEPARATOR.exec(after)![0].length);
    if (!next.trim()) break;
    if (ONLY_SEPARATORS.test(next)) {
      out.placeholder = true;
      break;
    }
    if (!PLACEHOLDER_NAME.test(value)) out[p ? 'priority' : 'owner'] = p ? value.toUpperCase() : value;
    rest = next;
  }
  return rest;
}

/**
 * A priority in the brackets of a label (`KR1 (P0): ...`, `O2（P1）：...`): stripped with the label, like a category
 * (`KR 1 (Değer Yaratma):`), and kept as the item's priority, like a leading `[P0]`.
 */
const LABEL_PRIORITY = /^[^()（）:：\n]{1,24}?[(（]\s*(P[0-9])\s*[)）]\s*[:：]/i;

/** A heading `# OKR — Dental Concierge` names the whole plan (a page title); `## OKR 2: ...` numbers an objective. */
const UNNUMBERED_OKR = /^okrs?\b(?!\s*[0-9０-９])/i;

/** An emoji decorating a label (`## 📌 Objective`, `**🔑 Key Result 1.1**:`, `🎯 目标：`). */
const EMOJI = /^(?:\p{Extended_Pictographic}\uFE0F?\s*)+/u;

/** A label behind an emoji; the emoji stays on a line that is no label ('🚀 Launch v2' keeps its rocket). */
function emojiLabelled(s: string): { role: LineRole; title: string } | null {
  return EMOJI.test(s) ? labelled(s.replace(EMOJI, '')) : null;
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
    term: '',
  };
  if (typeof raw !== 'string') return out;
  const s = stripPrefix(stripBold(rstField(stripStructure(raw, out)), out), out);
  out.term = TERM.exec(s)?.[1] ?? '';
  const l =
    out.heading && UNNUMBERED_OKR.test(s) ? null : (labelled(s.replace(CODE_BEFORE_LABEL, '')) ?? emojiLabelled(s));
  if (l) {
    out.role = l.role;
    out.title = stripPrefix(unwrapBold(l.title), out);
    const p = out.priority ? null : LABEL_PRIORITY.exec(s);
    if (p) out.priority = p[1].toUpperCase();
    return out;
  }
  // `# Objectives and Key Results` names the whole method (a page title), no list of KRs.
  const section = OKR_SPELLED.test(s)
    ? null
    : (SECTION.exec(s) ?? namedSection(s) ?? SECTION.exec(s.replace(EMOJI, '')));
  if (section) {
    const w = (section[1] || section[2] || section[3]).toLowerCase();
    out.role = /目标/.test(w) ? 'objective-label' : (`${itemOfWord(w)}-label` as LineRole);
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

/** An OKR word as a label, or a label alone (`关键成果：`): it structures OKRs rather than defining a term. */
const ITEM_ROLES: ReadonlySet<LineRole> = new Set<LineRole>(['objective', 'kr', 'initiative']);

/**
 * A glossary: consecutive list items at one depth, each `Term: text`, defining the OKR words (`1. 使命：...` `4. 目标：...`
 * `5. 关键结果：...`; `• OKR: ...` `• KPI: ...`; `• Objective(目标): 定性描述` `• Key Results(关键结果): 定量衡量，回答...目标?`).
 * Its `目标：` / `OKR:` lines define the words, they are no objective. A list is a glossary when its unnumbered OKR
 * labels stand beside terms that are neither OKR labels nor an item's property (Owner, Due...), or when they define
 * each other (a text naming another item's word, or asking a question); and none of its OKR items opens a list or
 * states a number (an objective with `200家`, or `关键成果：` alone over its KRs, is a real plan).
 * Returns the indexes of its lines.
 */
export function glossaryLines(
  lines: readonly { r: number; line: LineReading }[],
  isProperty: (term: string) => boolean,
): Set<number> {
  const out = new Set<number>();
  let from = 0;
  for (let i = 1; i <= lines.length; i++) {
    const prev = lines[i - 1].line;
    const cur = lines[i]?.line;
    const same = cur && lines[i].r === lines[i - 1].r + 1 && cur.depth === prev.depth && listed(cur) && listed(prev);
    if (same) continue;
    const run = lines.slice(from, i).map((l) => l.line);
    if (!fieldsOfNumberedObjective(lines[from - 1]?.line) && isGlossary(run, isProperty))
      for (let k = from; k < i; k++) out.add(k);
    from = i;
  }
  return out;
}

const listed = (l: LineReading) => l.bullet || l.numbered;

/**
 * A list right under a numbered objective heading (`### OKR 1: name`, `## Objective 2 — name`) gives that objective's
 * fields (`- Hedef (Objective): statement`, `- Tip: Takım`), whatever other terms stand beside them: no glossary.
 */
function fieldsOfNumberedObjective(above: LineReading | undefined): boolean {
  return !!above && above.heading > 0 && above.role === 'objective' && /[0-9０-９]/.test(above.term);
}

/**
 * The lines of a fenced block (between ``` lines: `Objective (O): What you want to achieve` / `Key Results (KR): How you
 * measure success`) defining the OKR words, like a glossary list.
 */
export function fencedGlossary(run: LineReading[], isProperty: (term: string) => boolean): boolean {
  return isGlossary(run, isProperty, true);
}

function isGlossary(run: LineReading[], isProperty: (term: string) => boolean, block = false): boolean {
  if (run.length < 2 || !(block || listed(run[0]))) return false;
  const okr: LineReading[] = [];
  let otherTerms = 0;
  for (const l of run) {
    if (!l.term || l.term.length > 24) return false;
    if (ITEM_ROLES.has(l.role)) {
      // 'O1:', 'KR 2:' number their items; a definition names the word alone. A number states a plan's figure.
      if (/[0-9０-９]/.test(l.term) || /[0-9０-９]/.test(l.title)) return false;
      okr.push(l);
    } else if (l.role === 'text' && !isProperty(l.term)) otherTerms++;
    else return false;
  }
  if (!okr.length) return false;
  return otherTerms > 0 || (new Set(okr.map((l) => l.role)).size > 1 && okr.some((l) => defines(l, okr)));
}

/** A question without its mark ('What you want to achieve', 'How you measure success', '如何衡量'). */
const QUESTION_WORD =
  /^(?:(?:what|how|why|which|qué|cómo|o que|como|quoi|comment|was|wie|apa|bagaimana)(?![\p{L}])|什么|如何|怎么|怎样|为什么)/iu;
/** A definition's text asks a question or names another word of its list ('...如何知道已经达成目标?'). */
function defines(l: LineReading, list: LineReading[]): boolean {
  if (/[?？]/.test(l.title) || QUESTION_WORD.test(l.title)) return true;
  const text = l.title.toLowerCase();
  return list.some(
    (o) => o !== l && o.term.split(/[\s()（）]+/).some((w) => w.length >= 2 && text.includes(w.toLowerCase())),
  );
}

/**
 * A whole OKR packed in one cell as fields (`Goal: Master Python; Target: Complete 3 projects`, `目标：提升留存；关键结果：
 * 次留达到40%`): the objective and the key result it states, or null. The fields are `Label: value` parts joined by `;`
 * (or a line break); one names the objective (Objective, Goal, 目标), one the key result (Key Result, KR, a Target
 * that is a statement, 关键结果).
 */
export function packedItems(cell: string): { objective: string; kr: string } | null {
  if (!/[;；\n]/.test(cell) || !/[:：]/.test(cell)) return null;
  let objective = '';
  let kr = '';
  for (const part of cell.split(/[;；\n]/)) {
    if (!part.trim()) continue;
    const m = PACKED_FIELD.exec(part);
    if (!m) return null;
    const value = m[2].trim();
    if (PACKED_OBJECTIVE.test(m[1])) objective ||= value;
    else if (PACKED_KR.test(m[1]) && /\p{L}{2}/u.test(value)) kr ||= value;
  }
  return objective && kr ? { objective, kr } : null;
}
const PACKED_FIELD = /^\s*([A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff _-]{0,20}?)\s*[:：]\s*(\S[\s\S]*)$/;
const PACKED_OBJECTIVE = /^(?:objectives?|goals?|目标)$/i;
const PACKED_KR = /^(?:key\s*results?|krs?|targets?|results?|关键结果|关键成果)$/i;
