/**
 * The words a cell may say, in one place: how a key result is scored (kinds), committed / aspirational, done / not
 * done, yes / no, levels and confidence. The reader (parse-sheet.ts), the custom functions (functions.ts) and the
 * portable formulas (formulas.ts) all read these lists, so a word one of them accepts the others accept too.
 *
 * A cell matches a word after `wordKey`: trimmed, lower case, runs of spaces as one space. That is exactly what a
 * native formula can do (LOWER(TRIM(x))), so the portable formulas compare against these same lists unchanged.
 * A cross (x, ✗, ×) means NOT done and no: to a Chinese reader a cross is "wrong", never a tick.
 */
import type { Commitment, Confidence, KrKind, Level } from './model';

/** A key result's kind, or 'auto' (let the numbers decide). */
export type KindWord = KrKind | 'auto';

export const KIND_VOCAB: Readonly<Record<KindWord, readonly string[]>> = {
  auto: ['auto', 'automatic', '自动'],
  increase: [
    'increase',
    'increasing',
    'inc',
    'up',
    'grow',
    'growth',
    'higher',
    'higher is better',
    'linear',
    'more',
    '增加',
    '提升',
    '提高',
    '增长',
    '上升',
    '越高越好',
    '递增',
    '线性',
    '正向',
    'aumentar',
    'incrementar',
    'crecer',
    'mayor es mejor',
  ],
  decrease: [
    'decrease',
    'decreasing',
    'dec',
    'down',
    'reduce',
    'reduction',
    'lower',
    'lower is better',
    'less',
    '降低',
    '减少',
    '下降',
    '越低越好',
    '递减',
    '反向',
    'reducir',
    'disminuir',
    'menor es mejor',
  ],
  above: [
    'above',
    'stay above',
    'keep above',
    'at least',
    'min',
    'minimum',
    '>=',
    '≥',
    'floor',
    '不低于',
    '至少',
    '不少于',
    '下限',
    '保持以上',
    '保持高于',
    '保持不低于',
    'al menos',
    'mínimo',
    'como mínimo',
    'no menos de',
  ],
  below: [
    'below',
    'stay below',
    'keep below',
    'at most',
    'max',
    'maximum',
    '<=',
    '≤',
    'ceiling',
    'cap',
    '不高于',
    '不超过',
    '至多',
    '上限',
    '保持以下',
    '保持低于',
    '保持不高于',
    'como máximo',
    'máximo',
    'no más de',
  ],
  binary: [
    'binary',
    'milestone',
    'done',
    'yes/no',
    'yesno',
    'done/not done',
    'boolean',
    'bool',
    'checkbox',
    '0/1',
    '里程碑',
    '是否完成',
    '完成与否',
    '二元',
    '是否',
    'hito',
    'sí/no',
  ],
};

export const COMMITMENT_VOCAB: Readonly<Record<Commitment, readonly string[]>> = {
  committed: [
    'committed',
    'commit',
    'commitment',
    'c',
    'must',
    'must have',
    '承诺',
    '承诺型',
    '必达',
    '必达型',
    '保底',
    'comprometido',
    'compromiso',
    // A tool's goal type names the commitment with the item (Viva Goals' `Committed Goal`).
    'committed goal',
    'committed objective',
    'committed okr',
    '承诺型目标',
    '必达目标',
  ],
  aspirational: [
    'aspirational',
    'aspire',
    'stretch',
    'moonshot',
    'roofshot',
    'ambitious',
    'a',
    '挑战',
    '挑战型',
    '愿景',
    '愿景型',
    '冲刺',
    'aspiracional',
    'ambicioso',
    'desafiante',
    'aspirational goal',
    'aspirational objective',
    'aspirational okr',
    'stretch goal',
    '挑战型目标',
    '挑战目标',
  ],
};

/** Done / not done, as typed in a current cell of a milestone (beside TRUE/FALSE and 1/0). */
export const DONE_VOCAB: Readonly<Record<'done' | 'notDone', readonly string[]>> = {
  done: [
    'true',
    'yes',
    'y',
    'done',
    'complete',
    'completed',
    'finished',
    'achieved',
    'ok',
    'v',
    '完成',
    '已完成',
    '达成',
    '已达成',
    '是',
    '对',
    '已上线',
    '✓',
    '✔',
    '✔️',
    '☑',
    '☑️',
    '✅',
    '√',
    'sí',
    'hecho',
    'completado',
  ],
  notDone: [
    'false',
    'no',
    'n',
    'not done',
    'todo',
    'to do',
    'pending',
    'open',
    'in progress',
    'not started',
    '否',
    '未完成',
    '没完成',
    '未达成',
    '进行中',
    '未开始',
    '不是',
    'x',
    '✗',
    '✘',
    '×',
    '☐',
    '❌',
    'no hecho',
    'pendiente',
    'en progreso',
    'no iniciado',
    'sin empezar',
  ],
};

/** Yes / no answers in a question column ('Committed?', 'Stretch?'). */
export const ANSWER_VOCAB: Readonly<Record<'yes' | 'no', readonly string[]>> = {
  yes: ['yes', 'y', 'true', '1', '是', '对', '✓', '✔', '√'],
  no: ['no', 'n', 'false', '0', '否', '不是', 'x', '✗', '×'],
};

export const LEVEL_VOCAB: Readonly<Record<Level, readonly string[]>> = {
  company: [
    'company',
    'organization-wide',
    'organization',
    'organisation-wide',
    'corporate',
    'corporation',
    'org',
    'organisation',
    'group-wide',
    '公司',
    '企业',
    '集团',
    '公司级',
    'empresa',
    'compañía',
    'organización',
  ],
  department: [
    'department',
    'dept',
    'division',
    'business unit',
    'bu',
    '部门',
    '事业部',
    '中心',
    '部门级',
    'departamento',
    'área',
  ],
  team: ['team', 'group', 'squad', 'unit', '团队', '小组', '组', '班组', '团队级', 'equipo'],
  individual: ['individual', 'personal', 'person', 'employee', 'me', 'self', '个人', '员工', '本人', '个人级'],
};

export const CONFIDENCE_VOCAB: Readonly<Record<Confidence, readonly string[]>> = {
  high: ['high', 'h', 'green', 'confident', 'on track', '高', '绿', '绿色', '有信心', '很有信心', 'alta', 'alto'],
  medium: [
    'medium',
    'med',
    'm',
    'mid',
    'amber',
    'yellow',
    'moderate',
    '中',
    '中等',
    '黄',
    '黄色',
    '一般',
    'media',
    'medio',
  ],
  low: ['low', 'l', 'red', 'at risk', 'off track', '低', '红', '红色', '没信心', '风险', 'baja', 'bajo'],
};

/**
 * Words that, right after a short code (`O1 is the primary OKR ...`, `KR2 es la más difícil`, `O1 là mục tiêu`), make
 * the line a sentence about the item it names: a label is followed by a colon, a dash or a title, never by a verb.
 */
export const VERBS_AFTER_CODE: readonly string[] = [
  'is',
  'are',
  'was',
  'were',
  'will',
  'has',
  'have',
  'had',
  'becomes',
  'remains',
  'should',
  'must',
  'can',
  'es',
  'está',
  'son',
  'será',
  'est',
  'sera',
  'é',
  'ist',
  'là',
];

/**
 * The words naming an objective, a key result and an initiative in languages beside English and Chinese (Spanish,
 * Japanese, Portuguese, French, Turkish):
 * outline labels (`Objetivo: ...`, `Resultados clave:`), header words and row types all read them from here.
 */
export const OTHER_LANGUAGE_ITEMS: Readonly<Record<'objective' | 'kr' | 'initiative', readonly string[]>> = {
  objective: ['objetivo', 'objetivos', '目標', 'objectif', 'objectifs', 'amaç', 'amaçlar'],
  kr: [
    'resultado clave',
    'resultados clave',
    'resultados claves',
    'resultado-chave',
    'resultados-chave',
    'résultat clé',
    'résultats clés',
    'anahtar sonuç',
    'anahtar sonuçlar',
    '主要な成果',
    '主要成果',
    '成果指標',
    'キーリザルト',
  ],
  initiative: [
    'iniciativa',
    'iniciativas',
    'acción',
    'acciones',
    'tarea',
    'tareas',
    'アクション',
    'アクション項目',
    'アクションプラン',
    '施策',
  ],
};

/**
 * A KR's fields as other languages name them (Portuguese, French, German, Turkish, Korean, Japanese; Spanish is in
 * headers.ts): header words of a table and labels of property lines under a KR (`- Meta: 50.000`, `- 현재: 0%`,
 * `Cible`, `Hedef Tarih`) alike. Under a KR an objective word names its target (`- 목표: 90%`, like `Goal:`).
 */
export const OTHER_LANGUAGE_FIELDS: Readonly<
  Record<'objective' | 'start' | 'target' | 'current' | 'due' | 'owner', readonly string[]>
> = {
  objective: ['Ziel', 'Ziele', '목표'],
  start: [
    'Linha de base',
    'Ponto de partida',
    'Valeur initiale',
    'Point de départ',
    'Référence',
    'Ausgangswert',
    'Startwert',
    'Başlangıç',
    'Başlangıç değeri',
    '기준',
    '기준값',
    '기준선',
    '시작값',
    'ベースライン',
    '開始値',
    '基準値',
  ],
  target: ['Cible', 'Valeur cible', 'Zielwert', 'Hedef', 'Hedef değer', '목표치', '목표값', '目標値'],
  current: [
    'Atual',
    'Valor atual',
    'Actuel',
    'Valeur actuelle',
    'Aktuell',
    'Istwert',
    'Mevcut',
    'Mevcut durum',
    'Güncel',
    '현재',
    '현재값',
    '실적',
    '現在',
    '現在値',
    '現状',
    '実績',
  ],
  due: [
    'Prazo',
    'Data limite',
    'Échéance',
    'Date limite',
    'Frist',
    'Fällig',
    'Hedef tarih',
    'Son tarih',
    'Bitiş tarihi',
    '마감',
    '마감일',
    '기한',
    '締切',
    '期日',
  ],
  owner: ['Responsável', 'Dono', 'Verantwortlich', 'Sorumlu', '담당자', '담당', '担当者'],
};

/**
 * Words naming how a KR is measured, whose threshold is what counts as reached: a property line under a KR
 * (`- **衡量标准：** 占比 > 50%`, `- Metric: NPS ≥ 40`) or a table's measure column (`衡量指标` over `DAU: 300 → 900`)
 * gives the KR its target when nothing else does. Matched whole, case-insensitive.
 */
export const MEASURE_CRITERION_WORDS: readonly string[] = [
  'measurement',
  'measured by',
  'how measured',
  'metrics?',
  'success metrics?',
  'measures?',
  'success measures?',
  'success criteria',
  'criteria',
  '衡量标准',
  '衡量方式',
  '衡量指标',
  '衡量指標',
  '衡量標準',
  '验收标准',
  '评估标准',
  '评估指标',
  '評估指標',
  '指标',
  'medición',
  'métrica',
  'indicador(?:es)?',
  'indicateurs?',
  '指標',
  '評価指標',
  '測定方法',
  '達成基準',
];

/**
 * Property labels that say how a KR is measured or how far it got (no value of its own), in the languages beside
 * English, Chinese and Spanish: kept as notes under the KR (`- 측정: ...`, `**Tracking**: ...`, `İlerleme: 0%`).
 */
export const OTHER_LANGUAGE_MEASURE_LABELS: readonly string[] = [
  'tracking',
  'medição',
  'métrica',
  'progresso',
  'mesure',
  'progression',
  'messung',
  'fortschritt',
  'ölçüm',
  // Turkish dotted capital İ has no simple lower case: both spellings are listed.
  'izleme',
  'İzleme',
  'ilerleme',
  'İlerleme',
  // Bounds around the target and the KR's type are no target, start or work: notes (`Minimum: 1 özellik`).
  'minimum',
  'maximum',
  'maksimum',
  'mínimo',
  'máximo',
  'kr tipi',
  // Labels of a nested group of fields (`İzleme:` / `Değerler:` over the lines holding them).
  'değerler',
  'valores',
  'valeurs',
  'werte',
  '측정',
  '진행률',
  '진척도',
  '測定',
  '進捗',
];

/**
 * Labels of a KR's descriptive fields (`- **Metric Definition**: ...`, `- **Data Source**: ...`, `- **On Track?**: ✅`,
 * `- 指标定义：...`, `- Fuente de datos: ...`): they say how the KR is defined or judged and state no number; notes under it.
 */
export const KR_NOTE_LABELS: readonly string[] = [
  'metric definition',
  'definition',
  'data source',
  'data sources',
  'on track\\?',
  'on track',
  "what's working",
  'what is working',
  '指标定义',
  '指标口径',
  '口径',
  '数据来源',
  '数据源',
  '是否正常推进',
  'definición',
  'fuente de datos',
  'fuentes de datos',
  'définition',
  'source des données',
  'datenquelle',
];

/**
 * Words of a heading over a report's notes: problems, risks, blockers, next steps, lessons; and over the vision a plan
 * starts from (`## 年度愿景`, `## Vision`), whose list is no OKR. The lines under such a heading are notes, even one
 * naming a KR (`## 问题和挑战` / `- KR2 错误率仍高于目标`). A heading may join several (`问题和挑战`, `Risks & blockers`).
 */
export const NOTE_SECTION_WORDS: readonly string[] = [
  '愿景',
  '年度愿景',
  '使命',
  'vision',
  'annual vision',
  'mission',
  '问题',
  '挑战',
  '风险',
  '阻塞',
  '卡点',
  '困难',
  '障碍',
  '待改进',
  '需要支持',
  '需要的支持',
  '下周计划',
  '下周重点',
  '下一步',
  '下一步计划',
  '后续计划',
  '经验教训',
  'problems',
  'issues',
  'challenges',
  'risks',
  'blockers',
  'impediments',
  'concerns',
  'next steps',
  'next actions',
  'open actions',
  'próximos pasos',
  'próximas acciones',
  'prochaines étapes',
  'nächste schritte',
  '下一步行动',
  '后续行动',
  'plan for next week',
  'lessons learned',
  'learnings',
  'help needed',
];

/**
 * Words joining two things done or measured ('Publish 3 posts and reach 5,000 users', '发布3篇文章并获得5000名用户',
 * '3 Beiträge veröffentlichen und 5.000 Nutzer erreichen'): two quantities so joined state no single target. Chinese
 * words stand for themselves inside longer words too (合并, 并发, 饱和): infer-target keeps those out.
 */
export const AND_WORDS: readonly string[] = [
  'and',
  'as well as',
  'und',
  'sowie',
  'et',
  'y',
  'e',
  'và',
  've',
  'dan',
  '并且',
  '并',
  '且',
  '同时',
  '以及',
  '和',
];

/**
 * Labels stating the period an OKR set covers (`**Period:** Nov 4, 2025 - Jan 24, 2026`, `Zeitraum: 01.03.2026 –
 * 31.05.2026`, `周期：2026年3月-5月`): the dates after them are the cycle of the objectives under them, whatever
 * quarter a title names (cycle.ts statedPeriod).
 */
export const PERIOD_LABELS: readonly string[] = [
  'period',
  'time period',
  'okr period',
  'timeframe',
  'time frame',
  'time horizon',
  'cycle',
  'okr cycle',
  'zeitraum',
  'periode',
  'période',
  'periodo',
  'período',
  'dönem',
  '周期',
  '期间',
  '考核周期',
  'OKR周期',
  '時間範圍',
  '期間',
  '기간',
];

/**
 * Words between the two dates of a period (`2025-10-01 to 2025-12-31`, `von ... bis ...`, `2026年3月1日至5月31日`,
 * `3月〜5月`); dashes and tildes join them too.
 */
export const PERIOD_RANGE_WORDS: readonly string[] = [
  'to',
  'until',
  'till',
  'through',
  'thru',
  'bis',
  'au',
  'à',
  'a',
  'al',
  'hasta',
  'até',
  '至',
  '到',
  'から',
  '부터',
];

/**
 * Words of a sentence stating when a period starts and ends (`Start for the first period is 23.11.2020. End is
 * 28.02.2021.`, `beginnt am ... und endet am ...`, `从...开始，到...结束`): a start word before the first date and an
 * end word after it make the two dates a period.
 */
export const PERIOD_START_WORDS: readonly string[] = [
  'start',
  'starts',
  'starting',
  'begin',
  'begins',
  'beginning',
  'from',
  'beginnt',
  'beginn',
  'von',
  'début',
  'commence',
  'inicio',
  'empieza',
  'desde',
  '从',
  '自',
  '开始',
  '開始',
  '시작',
];
export const PERIOD_END_WORDS: readonly string[] = [
  'end',
  'ends',
  'ending',
  'until',
  'till',
  'through',
  'to',
  'endet',
  'ende',
  'bis',
  'fin',
  'finit',
  'au',
  'termina',
  'hasta',
  'até',
  '到',
  '至',
  '结束',
  '終了',
  '종료',
];

/**
 * Words opening a window of time a KR compares with (`above the last 12 months' peaks`, `der letzten 12 Monate`,
 * `de los últimos 12 meses`, `过去12个月`): the number of that window is no quantity to reach.
 */
export const TIME_WINDOW_WORDS: readonly string[] = [
  'last',
  'past',
  'previous',
  'prior',
  'trailing',
  'rolling',
  'letzten',
  'vergangenen',
  'últimos',
  'últimas',
  'derniers',
  'dernières',
  'ultimi',
  'ultime',
  'son',
  '过去',
  '過去',
  '最近',
  '直近',
  '지난',
  '최근',
];

/**
 * Measures a team keeps low, named before `within N%`: `Keep churn within 5%`, `refunds within 1%`, `Retouren innerhalb
 * von 3 %` cap the measure (target N%, at most); a bare `within 5%` / `within 5% of forecast` is a tolerance. Stems:
 * a word opening with one counts (`churn`, `costs`, `complaints`). The Chinese forms cap with `控制在…以内` already.
 */
export const CAPPED_MEASURE_WORDS: readonly string[] = [
  'churn',
  'cost',
  'latenc',
  'defect',
  'return',
  'refund',
  'complaint',
  'bounce',
  'attrition',
  'turnover',
  'error',
  'downtime',
  'incident',
  'abandon',
  'rotación',
  'abandono',
  'devoluci',
  'reembolso',
  'queja',
  'coste',
  'costo',
  'retour',
  'rembourse',
  'réclamation',
  'coût',
  'kosten',
  'fluktuation',
  'reklamation',
  'beschwerde',
  '流失',
  '退货',
  '退款',
  '投诉',
  '差评',
];

/**
 * Month names of the other languages the reader reads (Spanish, Portuguese, French, German, Italian), as a date
 * with a year is written in a KR (`antes de finales de enero de 2025`, `bis Ende März 2026`): a date, not a quantity.
 */
export const OTHER_MONTH_NAMES: readonly string[] = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
  'janeiro',
  'fevereiro',
  'março',
  'maio',
  'junho',
  'julho',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
  'januar',
  'februar',
  'märz',
  'juni',
  'juli',
  'oktober',
  'dezember',
  'gennaio',
  'febbraio',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'settembre',
  'ottobre',
  'dicembre',
];

/**
 * `both` and its kin count two things when a noun follows (`Both apps approved`, `Ambas apps publicadas`, `Beide Apps
 * live`); `both X and Y` names two things measured, no count (infer-target keeps that out).
 */
export const BOTH_WORDS: readonly string[] = [
  'both',
  'ambos',
  'ambas',
  'beide',
  'beiden',
  'les deux',
  'entrambi',
  'entrambe',
  'ambos os',
  'ambas as',
];

/**
 * Nouns of a change in a value, in the languages the reader reads. Beside a share with no base stated ('25% reduction',
 * 'a 10% increase', 'réduction de 20 %', '20 % Wachstum', 'Senkung der Kosten um 10 %', '降幅20%') they say a change
 * relative to an unstated start: no target (a base in the same cell makes one).
 */
export const CHANGE_NOUN_VOCAB: Readonly<Record<'up' | 'down', readonly string[]>> = {
  down: [
    'reduction',
    'decrease',
    'decline',
    'drop',
    'cut',
    'fall',
    'redução',
    'reducción',
    'réduction',
    'diminuição',
    'disminución',
    'diminution',
    'baisse',
    'queda',
    'caída',
    'riduzione',
    'diminuzione',
    'calo',
    'reduktion',
    'senkung',
    'verringerung',
    'rückgang',
    'abnahme',
    '降幅',
    '减幅',
    '跌幅',
  ],
  up: [
    'increase',
    'growth',
    'rise',
    'gain',
    'uplift',
    'improvement',
    'boost',
    'aumento',
    'crescimento',
    'crecimiento',
    'incremento',
    'augmentation',
    'hausse',
    'croissance',
    'mejora',
    'melhoria',
    'amélioration',
    'crescita',
    'miglioramento',
    'steigerung',
    'erhöhung',
    'wachstum',
    'zunahme',
    'anstieg',
    'verbesserung',
    '增幅',
    '涨幅',
  ],
};

/**
 * Verbs of a change in a value in the languages other than English and Chinese ('Incrementar 15%', 'Réduire les
 * retours de 20 %', 'Kosten um 10 % senken'): with a share after 'by' ('de', 'um', 'del', 'em', 'en un') a change
 * relative to an unstated start.
 */
export const OTHER_CHANGE_VERBS: readonly string[] = [
  'incrementar',
  'aumentar',
  'reducir',
  'disminuir',
  'elevar',
  'mejorar',
  'subir',
  'bajar',
  'crecer',
  'recortar',
  'reduzir',
  'diminuir',
  'melhorar',
  'crescer',
  'cortar',
  'réduire',
  'augmenter',
  'diminuer',
  'baisser',
  'améliorer',
  'ridurre',
  'aumentare',
  'diminuire',
  'migliorare',
  'crescere',
  'abbassare',
  'senken',
  'steigern',
  'erhöhen',
  'reduzieren',
  'verringern',
  'verbessern',
  'verkürzen',
  'wachsen',
];

/** What a row is, as a row-type column says it (Viva Goals' Object Type, Perdoo's Goal Type, Betterworks' type). */
export const ROW_TYPE_VOCAB: Readonly<Record<'objective' | 'kr' | 'initiative', readonly string[]>> = {
  objective: [
    'objective',
    'objectives',
    'goal',
    'goals',
    'o',
    'obj',
    'company objective',
    'team objective',
    '目标',
    'okr目标',
    ...OTHER_LANGUAGE_ITEMS.objective,
  ],
  kr: [
    'key result',
    'key results',
    'kr',
    'krs',
    'milestone',
    'metric',
    'measure',
    '关键结果',
    '关键成果',
    'kr关键结果',
    ...OTHER_LANGUAGE_ITEMS.kr,
  ],
  initiative: [
    'initiative',
    'initiatives',
    'task',
    'tasks',
    'project',
    'action',
    'e',
    'deliverable',
    'deliverables',
    '举措',
    '任务',
    '项目',
    '执行',
    '行动',
    ...OTHER_LANGUAGE_ITEMS.initiative,
  ],
};

/** The form a cell is compared in: trimmed, lower case, runs of whitespace as one space (what LOWER(TRIM()) gives). */
export function wordKey(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v !== 'string') return '';
  return v.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A lookup from a vocabulary; inherited keys ('__proto__' typed into a cell) never match. */
export class Vocabulary<T extends string> {
  private readonly map = new Map<string, T>();
  constructor(readonly lists: Readonly<Record<T, readonly string[]>>) {
    for (const value of Object.keys(lists) as T[]) for (const w of lists[value]) this.map.set(wordKey(w), value);
  }

  /** The value a cell says, or null. */
  get(v: unknown): T | null {
    // The same few words fill a column: answer a string seen before without normalising it again.
    if (typeof v === 'string') {
      const hit = this.seen.get(v);
      if (hit !== undefined) return hit;
      if (this.seen.size > 5000) this.seen.clear();
      const found = this.map.get(wordKey(v)) ?? null;
      this.seen.set(v, found);
      return found;
    }
    const k = wordKey(v);
    return k ? (this.map.get(k) ?? null) : null;
  }

  private readonly seen = new Map<string, T | null>();

  /** Every accepted word (in its wordKey form). */
  words(): string[] {
    return [...this.map.keys()];
  }
}

export const KINDS = new Vocabulary<KindWord>(KIND_VOCAB);
export const COMMITMENTS = new Vocabulary<Commitment>(COMMITMENT_VOCAB);
export const DONE = new Vocabulary<'done' | 'notDone'>(DONE_VOCAB);
export const ANSWERS = new Vocabulary<'yes' | 'no'>(ANSWER_VOCAB);
export const LEVELS = new Vocabulary<Level>(LEVEL_VOCAB);
export const CONFIDENCES = new Vocabulary<Confidence>(CONFIDENCE_VOCAB);
export const ROW_TYPES = new Vocabulary<'objective' | 'kr' | 'initiative'>(ROW_TYPE_VOCAB);
