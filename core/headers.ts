/**
 * Header text -> Field, in English and Chinese, forgiving case, spaces, punctuation and full-width characters.
 * Note the one trap: '目标' alone is the objective, '目标值' is the target.
 */
import type { Field } from './model';
import { OTHER_LANGUAGE_FIELDS, OTHER_LANGUAGE_ITEMS } from './vocabulary';

/** Synonyms as people write them; they are normalised with normalizeHeader before use. */
export const HEADER_SYNONYMS: Record<Field, string[]> = {
  id: ['ID', 'Row ID', 'OKR ID', 'KR ID', 'Key', 'No.', '编号', '序号ID', '唯一编号'],
  cycle: [
    'Cycle',
    'Quarter',
    'Period',
    'Time period',
    'Month',
    'OKR cycle',
    'Time frame',
    'Timeframe',
    '周期',
    '季度',
    '月份',
    '考核周期',
    'OKR周期',
    '时间周期',
    'Trimestre',
    'Periodo',
    'Período',
    'Ciclo',
  ],
  level: ['Level', 'Tier', 'OKR level', 'Scope', '层级', '级别', '层次', '类别层级', 'OKR层级', 'Nivel'],
  owner: [
    'Owner',
    'Owners',
    'Lead',
    'Owner email',
    'Owner name',
    'Email',
    'E-mail',
    '邮箱',
    'Assigned to',
    '负责人姓名',
    'Responsible',
    'Assignee',
    'Person',
    'Who',
    'Accountable',
    'DRI',
    '负责人',
    '责任人',
    '执行人',
    '担当',
    '所有者',
    '负责部门',
    'Responsable',
    'Dueño',
    'Propietario',
    ...OTHER_LANGUAGE_FIELDS.owner,
  ],
  objective: [
    'Objective',
    'Objectives',
    'O',
    'Goal',
    'Goals',
    'Objective title',
    'Objective description',
    '目标',
    '目标O',
    'O目标',
    '目标描述',
    '目标名称',
    '目标内容',
    'OKR目标',
    ...OTHER_LANGUAGE_ITEMS.objective,
    'Meta',
    'Metas',
    ...OTHER_LANGUAGE_FIELDS.objective,
  ],
  kr: [
    'Key Result',
    'Key Results',
    'Outcome',
    'Outcomes',
    'Key outcome',
    'Key outcomes',
    'Measurable outcome',
    'KR',
    'KRs',
    'KR title',
    'KR description',
    'Key result description',
    'Key result title',
    'Result',
    'Measurable result',
    '关键结果',
    '关键成果',
    'KR描述',
    'KR内容',
    'KR名称',
    '关键结果KR',
    'KR关键结果',
    '关键结果描述',
    // Traditional Chinese.
    '關鍵結果',
    '關鍵成果',
    ...OTHER_LANGUAGE_ITEMS.kr,
    'Resultado',
  ],
  initiative: [
    'Initiative',
    'Initiatives',
    'Task',
    'Tasks',
    'Action',
    'Actions',
    'Action plan',
    'Execution',
    'E',
    'Project',
    'Projects',
    '举措',
    '执行',
    '执行计划',
    '执行方案',
    '行动',
    '行动计划',
    '任务',
    '关键举措',
    '措施',
    ...OTHER_LANGUAGE_ITEMS.initiative,
  ],
  type: [
    'Type',
    'Committed?',
    'Committed',
    'Commitment',
    'OKR type',
    'Committed/Aspirational',
    'Committed or aspirational',
    'Aspirational?',
    'Stretch?',
    '类型',
    'OKR类型',
    '承诺型',
    '承诺/挑战',
    '承诺型/挑战型',
    '目标类型',
    '性质',
    'Tipo',
  ],
  kind: [
    'Kind',
    'Direction',
    'Scoring',
    'Scoring method',
    'Score type',
    'Measure type',
    'Metric type',
    'KR type',
    'Scoring type',
    '计分方式',
    '评分方式',
    '方向',
    'KR类型',
    '指标类型',
    '打分方式',
    '计分类型',
  ],
  start: [
    'Start',
    'Start value',
    'Starting value',
    'Baseline',
    'Base',
    'Initial',
    'Initial value',
    'From',
    'Starting point',
    '起始值',
    '基线',
    '基线值',
    '初始值',
    '起点',
    '开始值',
    '期初值',
    '基准值',
    '起始',
    'Línea base',
    'Linea base',
    'Valor inicial',
    ...OTHER_LANGUAGE_FIELDS.start,
  ],
  target: [
    'Target',
    'Target value',
    'Target result',
    'Target metric',
    'Goal value',
    'Goal amount',
    'Target amount',
    'To',
    'Expected',
    'Expected value',
    'Aim',
    '目标值',
    '目標値',
    '目標值',
    '目标数值',
    '目标数',
    '期望值',
    '预期值',
    '指标值',
    '目标量',
    '目标金额',
    'Valor meta',
    'Valor objetivo',
    'Meta numérica',
    'Resultado esperado',
    ...OTHER_LANGUAGE_FIELDS.target,
  ],
  current: [
    'Current',
    'Current value',
    'Current result',
    'Actual result',
    'Actual',
    'Actual value',
    'Actuals',
    'Progress value',
    'Achieved',
    'Value',
    'Latest',
    'Latest value',
    'Result value',
    'Now',
    '当前值',
    '实际值',
    '完成值',
    '当前',
    '实际',
    '完成量',
    '达成值',
    '实际完成',
    '当前进度值',
    '现值',
    '目前值',
    '當前值',
    '實際值',
    'Valor actual',
    'Resultado actual',
    'Logrado',
    ...OTHER_LANGUAGE_FIELDS.current,
  ],
  unit: ['Unit', 'Units', 'UoM', 'Unit of measure', 'Metric unit', '单位', '计量单位', 'Unidad'],
  weight: [
    'Weight',
    'Weights',
    'Weighting',
    'Weight %',
    'Importance',
    '权重',
    '比重',
    '占比',
    '权重%',
    '重要性',
    '重要程度',
    'Peso',
    'Ponderación',
  ],
  due: [
    'Due',
    'Due date',
    'Deadline',
    'End date',
    'Target date',
    'By',
    'Due by',
    'Due at',
    'Ends at',
    'Finish by',
    'Completion date',
    '截止日期',
    '截止时间',
    '截止',
    '完成时间',
    '完成日期',
    '到期日',
    '期限',
    '截至日期',
    '截止日',
    'Date',
    'Dates',
    '日期',
    '时限',
    '完成时限',
    '时间节点',
    '计划完成时间',
    '预计完成时间',
    'Due on',
    'Target completion',
    'End',
    'Fecha límite',
    'Fecha de vencimiento',
    'Plazo',
    'Fecha fin',
    ...OTHER_LANGUAGE_FIELDS.due,
  ],
  confidence: [
    'Confidence',
    'Confidence level',
    'Confidence score',
    'Certainty',
    '信心',
    '信心指数',
    '信心值',
    '把握',
    '把握度',
    '置信度',
    '信心度',
    'Confianza',
  ],
  alignedTo: [
    'Aligned to',
    'Parent goal',
    'Parent goals',
    'Parent objective title',
    'Aligned with',
    'Alignment',
    'Parent',
    'Parent objective',
    'Parent KR',
    'Supports',
    'Contributes to',
    'Links to',
    '对齐',
    '对齐目标',
    '上级目标',
    '支撑',
    '支撑目标',
    '父目标',
    '关联目标',
    '对齐到',
    'Alineado con',
    'Objetivo padre',
  ],
  notes: [
    'Notes',
    'Note',
    'Comments',
    'Comment',
    'Remarks',
    'Remark',
    'Memo',
    'Description',
    'Details',
    '备注',
    '说明',
    '评论',
    '批注',
    '备注说明',
    'Notas',
    'Comentarios',
    'Observaciones',
  ],
  updated: [
    'Updated',
    'Last updated',
    'Last update',
    'Updated on',
    'Updated at',
    'Last check-in',
    'Check-in',
    'Last modified',
    'Modified',
    'Last edited',
    'Last edited time',
    'Last modified time',
    'Edited',
    '更新时间',
    '更新日期',
    '最后更新',
    '最近更新',
    '上次更新',
    '更新',
    'Actualizado',
    'Última actualización',
  ],
  score: [
    'Score',
    'Scores',
    'Grade',
    'Rating',
    'OKR score',
    'KR score',
    '得分',
    '评分',
    '分数',
    '打分',
    '成绩',
    'Puntuación',
    'Calificación',
  ],
  status: [
    'Status',
    'State',
    'Health',
    'RAG',
    'Progress status',
    'Risk',
    'Risk level',
    '状态',
    '进展状态',
    '健康度',
    '进度状态',
    '风险',
    '风险等级',
    'Estado',
  ],
};

/** Lower-case, full-width folded, without spaces and punctuation: 'Key Result（KR）' -> 'keyresultkr'. */
export function normalizeHeader(text: unknown): string {
  if (typeof text !== 'string' && typeof text !== 'number') return '';
  const raw = String(text);
  // eslint-disable-next-line no-control-regex
  return (/[^\x00-\x7f]/.test(raw) ? raw.normalize('NFKC') : raw)
    .toLowerCase()
    .replace(/[\s\u3000_\-–—.,:;!?'"`()[\]{}<>/\\|*#&+~^=·、，。：；！？“”‘’《》【】「」『』]+/g, '');
}

const EXACT = new Map<string, Field>();
/**
 * Short words that are a header only alone: 'Meta' (Spanish goal), never inside 'Metadata'; 'Risk' / '风险', never
 * inside '风险同步和资源支持' (a notes column).
 */
const EXACT_ONLY = new Set(['meta', 'metas', 'risk', '风险']);
/** Synonyms long enough to be found inside longer header text ('Target value (units)'), longest first. */
const CONTAINED: { key: string; field: Field }[] = [];

for (const field of Object.keys(HEADER_SYNONYMS) as Field[]) {
  for (const syn of HEADER_SYNONYMS[field]) {
    const key = normalizeHeader(syn);
    if (!key || EXACT.has(key)) continue;
    EXACT.set(key, field);
    const cjk = /[\u3400-\u9fff]/.test(key);
    if (((cjk && key.length >= 2) || (!cjk && key.length >= 4)) && !EXACT_ONLY.has(key)) CONTAINED.push({ key, field });
  }
}
CONTAINED.sort((a, b) => b.key.length - a.key.length);

const ID_TAIL = /(?:^|[^A-Za-z])ids?$|编号$/i;
/** An identifier-style field name ending in an id: 'objectiveId', 'parentGoalIds' (camelCase, as tools export). */
const CAMEL_ID_TAIL = /[a-z](?:Id|ID)s?$/;
const PARENT_WORDS = /parent|aligned|上级|父|对齐/;

/** Bracketed hints like '(%)', '（元）', '[optional]' are dropped before matching. */
const BRACKETED = /[(（[【][^)）\]】]*[)）\]】]/g;

/**
 * The field a header cell names, or null. Exact synonym first, then without bracketed hints, then the longest
 * synonym contained in the text (so '目标值（万）' is the target, 'Objective (O)' the objective).
 */
export function matchHeader(text: unknown): Field | null {
  const key = normalizeHeader(text);
  if (!key || key.length > 60) return null;
  const exact = EXACT.get(key);
  if (exact) return exact;
  const raw = String(text).normalize('NFKC');
  const stripped = normalizeHeader(raw.replace(BRACKETED, ''));
  if (stripped && stripped !== key) {
    const s = EXACT.get(stripped);
    if (s) return s;
  }
  // Leading numbering ('1. Objective', '①目标') is noise.
  const unnumbered = stripped.replace(/^[0-9①-⑳]+/, '');
  if (unnumbered && unnumbered !== stripped) {
    const s = EXACT.get(unnumbered);
    if (s) return s;
  }
  // Long texts are data, not headers.
  if (key.length > 30) return null;
  // A header ending in an id word ('Goal ID', 'Parent Goal IDs', '目标编号') names an id, or the parent's id (the
  // aligned-to), never the field its other words name.
  if (ID_TAIL.test(raw.trim()) || CAMEL_ID_TAIL.test(raw.trim())) return PARENT_WORDS.test(key) ? 'alignedTo' : 'id';
  for (const { key: k, field } of CONTAINED) {
    if (!key.includes(k)) continue;
    if (TITLE_FIELDS.has(field)) return headNoun(key, field);
    // 'Current risk', '当前风险': the state the row is in now (its status), not its current value.
    return field === 'current' && RISK_TAIL.test(key) ? 'status' : field;
  }
  return null;
}

/** A header ending in a risk word ('Current_Risk', '当前风险') names the row's state (its status). */
const RISK_TAIL = /(?:risk|risklevel|风险|风险等级)$/;

const TITLE_FIELDS: ReadonlySet<Field> = new Set<Field>(['objective', 'kr', 'initiative']);

/**
 * A title word inside a longer header is often a modifier of its last word, the header's head noun: 'Expected key
 * result score' is a score, 'Key result weight' a weight, '关键结果得分' a score. The field the header ends with wins
 * over the title word, when it is another field's ('Goal Type', 'Object Type' say what a row is, not committed or
 * aspirational: the content decides those).
 */
function headNoun(key: string, title: Field): Field {
  for (const { key: k, field } of CONTAINED)
    if (!TITLE_FIELDS.has(field) && field !== 'type' && key.endsWith(k) && key.length > k.length) return field;
  return title;
}

/** What each field is called in messages and new headers. */
export const FIELD_LABELS: Record<Field, { en: string; zh: string }> = {
  id: { en: 'ID', zh: 'ID' },
  cycle: { en: 'Cycle', zh: '周期' },
  level: { en: 'Level', zh: '层级' },
  owner: { en: 'Owner', zh: '负责人' },
  objective: { en: 'Objective', zh: '目标' },
  kr: { en: 'Key Result', zh: '关键结果' },
  initiative: { en: 'Initiative', zh: '举措' },
  type: { en: 'Type', zh: '类型' },
  kind: { en: 'Kind', zh: '计分方式' },
  start: { en: 'Start', zh: '起始值' },
  target: { en: 'Target', zh: '目标值' },
  current: { en: 'Current', zh: '当前值' },
  unit: { en: 'Unit', zh: '单位' },
  weight: { en: 'Weight', zh: '权重' },
  due: { en: 'Due', zh: '截止日期' },
  confidence: { en: 'Confidence', zh: '信心' },
  alignedTo: { en: 'Aligned to', zh: '对齐' },
  notes: { en: 'Notes', zh: '备注' },
  updated: { en: 'Last updated', zh: '更新时间' },
  score: { en: 'Score', zh: '得分' },
  status: { en: 'Status', zh: '状态' },
};
