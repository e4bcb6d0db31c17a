/**
 * Reading a key result's numbers from its own words, for sheets without a target column (the Chinese seed's
 * outline) or with the target cell left blank: "收获10w粉丝" -> target 100,000 粉丝; "from 2% to 3.5%" -> start 0.02,
 * target 0.035; "reduce churn from 5% to 3%" -> decrease; "at least 4.8" -> stay above; "完成XX家" -> a placeholder,
 * no number; "完成...的最终制定" -> a milestone (binary).
 * Number tokens are found here and parsed by values.ts (one number parser for the whole project).
 */
import type { KrKind } from './model';
import {
  GLUED_UNIT,
  OTHER_WORDS_LED_ONLY,
  OTHER_WORD_NUMBERS,
  SCALE_WORDS,
  WORD_NUMBERS,
  parseNumber,
  secondsIn,
} from './values';
import { firstNamedNumber, maskNames } from './code-names';
import {
  AND_WORDS,
  BOTH_WORDS,
  CAPPED_MEASURE_WORDS,
  CHANGE_NOUN_VOCAB,
  OTHER_CHANGE_VERBS,
  OTHER_MONTH_NAMES,
  TIME_WINDOW_WORDS,
} from './vocabulary';

export interface TextInference {
  target: number | null;
  start: number | null;
  unit: string | null;
  /** The kind the wording implies, or null when it implies none (a plain number reads as increase). */
  kind: KrKind | null;
  /** The text names a quantity with a placeholder ('XX家', 'N customers') instead of a number. */
  placeholder: boolean;
  /** "(current is 125k)", "目前为30%": the value reached so far, or null. */
  current: number | null;
  /**
   * "by 3%", "增长20%": a change relative to the start, not a target. `by` is the change (0.03 for 3%), `percent` whether it
   * is a share of the start, `down` whether it lowers the value. The target is start * (1 ± by) (percent) or start ± by;
   * with `times` ('3x', '提升3倍') it is start * by.
   */
  relative: { by: number; percent: boolean; down: boolean; times?: boolean } | null;
  /**
   * Separate measures the wording names, clause by clause ('合作3个KOL，曝光≥50万次': 2). With two or more it states no
   * single target (target null) and the reader says so; 0 or 1 otherwise.
   */
  measures: number;
  /**
   * The version, product or standard whose number the wording holds when it states no quantity ('React 18',
   * 'stable 1.0'): the KR reads as a milestone and the reader says why. Absent otherwise.
   */
  named?: string;
}

interface Token {
  value: number;
  text: string;
  index: number;
  end: number;
  percent: boolean;
  currency: string | null;
  /** A multiplier ('3x', '0.8x', '3倍'): so many times a base, not a count. */
  times?: boolean;
}

/** Dates (years 19xx/20xx, not the end of a longer number: `375000.0`), periods and floors are not targets: '10月', '2026-12-31', 'Q4', '第3周', '5th', '1楼'. */
const NOT_A_QUANTITY =
  /(?<!\d[.,]?)(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*[日号]?)?(?![.,]?\d)|\bQ[1-4]\b|第\s*\d+\s*(?:[周天季期轮批版代]|阶段)|(?:\d{1,2}\s*[/,、]\s*)*\d{1,2}\s*(?:月份?|월)|\d+\s*(?:月份?|日|号|年度?|季度|周|点|时|楼)|\b(?:floor|fl\.)\s*\d+\b|\d+(?:st|nd|rd|th)\b|\bv\d+(?:\.\d+)*\b/gi;

/** Scale words of several letters or in Korean / Japanese ('milhões', 'Mio.', 'billion', '만', '億'): values.ts's. */
const WORD_SCALES = SCALE_WORDS.split('|')
  .filter((w) => w.length >= 3 || /[\uac00-\ud7af億]/.test(w))
  .join('|');
/** Thousands with a dot and a decimal comma ('3.100.000,00', '1.250,5'): one number, as values.ts reads it. */
const DOT_GROUPS_DECIMAL_COMMA = String.raw`\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)`;
const TOKEN = new RegExp(
  // A decimal comma is read only before a scale word ('R$ 2,5 milhões') or after dot groups; elsewhere '3,4' may be
  // two numbers.
  String.raw`((?:R\$|Rp\.?|[$¥€£₩₺])\s?)?(${DOT_GROUPS_DECIMAL_COMMA}|\d+,\d{1,2}(?=\s?(?:${WORD_SCALES})(?![A-Za-zÀ-ÿ]))|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)*|\.\d+)` +
    String.raw`(\s?%|‰|\s?(?:${WORD_SCALES})\.?(?![A-Za-zÀ-ÿ])|\s?(?:千万|百万|万|亿|千)|[wWkKmMbB](?:n)?(?![A-Za-z]))?`,
  'gi',
);

/**
 * Numbers written as words count like digits ('Two dates per month', 'from four months to six'); not 'one-page',
 * 'day-one', 'one of'.
 */
const WORD_TOKEN = new RegExp(
  // Not part of a compound ('day-one') nor a suffix after an apostrophe (Turkish `25'ten` is "from 25", no ten).
  `(?<![-‐'’])\\b(${Object.keys(WORD_NUMBERS)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\b(?![-‐]|\\s+of\\b)`,
  'gi',
);

const PLACEHOLDER =
  /(?:^|[^A-Za-z])(?:X{1,3}|x{2,3}|N|若干|\?{2,}|？{2,}|＿+|_+)\s*(?:[家个人位名次件单条篇场份台笔款项万wW%]|new\b|customers?\b|users?\b|people\b|deals?\b)/;

/** 'from 20', 'from average 20', 'from an average of 20', '从平均20', '由每月…': the start follows. */
const FROM =
  /(?:\bfrom\b(?:\s+(?:an?\s+)?(?:average|avg\.?|mean|median|about|around|roughly|approx(?:imately|\.)?)(?:\s+of)?)?|从|由)\s*(?:每[\u4e00-\u9fff]|[\u4e00-\u9fff]{0,2}的|平均|约)?\s*$/i;
const TO = /^\s*(?:\bto\b|->|→|~|～|到|至|(?:提升|提高|增长|增加|上升|降低|降|减少|下降|压缩|缩短|控制|增)(?:到|至)?)/i;
const DECREASE =
  /\b(?:reduce[sd]?|decrease[sd]?|cut|lower|shrink|drop|minimi[sz]e|bring down|down to|reducir|disminuir|recortar|reduzir|redução|reducción|réduire|réduction|diminuir|diminuição|disminución|baisser|baisse|senken|verringern|azaltmak|azalma|düşürmek)\b|降低|减少|下降|降到|降至|压缩|缩短|减低|控制在?.*以[内下]/i;
/**
 * At least / at most in the languages the reader reads: Spanish, Portuguese, French, German, Turkish ('en az 2', '3'ün
 * altında'), Korean and Japanese ('최소', '이하', '少なくとも', '未満').
 */
const ABOVE =
  /\b(?:at least|no less than|not less than|minimum(?: of)?|stay above|keep above|above|over|more than|al menos|por lo menos|como m[ií]nimo|pelo menos|no m[ií]nimo|au moins|au minimum|mindestens|wenigstens|en az(?:ından)?|asgari)\b|>=|≥|(?<![-=<>])>\s*(?=[$¥€£]?\s?\d)|不低于|至少|不少于|以上|不小于|(?<![\p{L}])(?:üzerinde|üstünde|ít nhất|tối thiểu)|최소|이상|少なくとも|最低/iu;
const BELOW =
  /\b(?:at most|no more than|not more than|maximum(?: of)?|stay below|keep below|below|under|less than|within|dentro del?|innerhalb(?: von)?|como m[aá]ximo|a lo sumo|no m[aá]ximo|au plus|au maximum|h[oö]chstens|en fazla|en çok|azami|alt[ıi]nd?a)\b|<=|≤|(?<![<>-])<\s*(?=[$¥€£]?\s?\d)|(?<![\p{L}])(?:tối đa|không quá)(?![\p{L}])|不超过|不高于|至多|以内|以下|低于|不大于|최대|이하|미만|未満|最大/iu;
const TO_WORD_BEFORE = /(?:(?<!\bequivalent\s+)\bto\b|\breach(?:es|ing)?\b|达到|到|至|突破|超过)\s*$/i;

const ANY_DIRECTION = new RegExp(
  [
    DECREASE.source,
    ABOVE.source,
    BELOW.source,
    String.raw`\b(?:from|de|desde|von)\b|从|由|에서|から|'[dt][ae]n\b`,
  ].join('|'),
  'iu',
);

/** Cheap check: does the wording name a direction at all? (Sheets with typed targets skip the full reading otherwise.) */
export function mentionsDirection(text: string): boolean {
  return ANY_DIRECTION.test(text);
}

/** A list number at the start ('1. ', '2) ', '(3)', '①'): the item's place, not a quantity. */
const LIST_NUMBER = /^\s*(?:[(（]\s*\d{1,2}\s*[)）]|\d{1,2}(?:\.\d{1,2})*\s*[.)、:：](?!\d)|[①-⑳])/;
/** A span describing a noun ('3个月的计划', '两周的冲刺' like '3-month plan'): how long something lasts, not a quantity. */
const ZH_SPAN_OF = /\d+\s*个?(?:月|星期|周|天|年|季度|小时)(?=的)/g;
/**
 * A deadline, not a quantity: 'within 30 days', 'in the next 2 weeks', '30天内', '30min内'. After a to-word the limit is
 * the target itself ('降低至1.5秒以内', '控制在24小时以内': stay below).
 */
const DURATION =
  /\b(?:within|in|over|during|after)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+)?\d+\s*(?:business\s+|working\s+|calendar\s+)?(?:days?|weeks?|months?|quarters?|years?|hours?|hrs?|minutes?|mins?|iterations?|sprints?|releases?|cycles?)\b|(?<!(?:至|到|在|为|于|[<≤])\s*[\d.]*)\d+(?:\.\d+)?\s*(?:个)?(?:天|周|个月|月|工作日|季度|小时|分钟|分|秒钟?|min(?:ute)?s?|h(?:ou)?rs?|h|s|days?|d)\s*(?:之内|以内|内)/gi;
/**
 * A deadline in the other languages the reader reads ('dentro de las primeras 6 semanas', 'en los próximos 3 meses',
 * 'nos primeiros 30 dias', 'dans les 6 semaines', 'innerhalb von 4 Wochen', 'trong 6 tuần', '3 ay içinde'), like
 * 'within 30 days'.
 */
const FOREIGN_DURATION =
  /(?<![\p{L}])(?:dentro de|en|durante|em|nos|nas|dans|pendant|sous|innerhalb(?: von)?|binnen|in|trong(?: vòng)?)\s+(?:(?:l[oa]s|os|as|les|den|der|các)\s+)?(?:(?:primer[oa]s|próxim[oa]s|primeir[oa]s|premi[eè]re?s|prochaine?s|ersten|nächsten|đầu)\s+)?\d+\s*(?:d[ií]as|semanas?|meses|mes|mês|trimestres?|años?|anos?|horas|jours?|semaines?|mois|heures?|Tagen?|Wochen?|Monaten?|Stunden?|Jahren?|ngày|tuần|tháng|giờ|sprints?)(?![\p{L}])|\d+\s*(?:gün|hafta|ay|saat)\s+içinde/giu;
/** 'como máximo en 4 horas', 'au plus dans 3 jours': after a limit word the time is the limit to keep, the target. */
const LIMIT_BEFORE = /(?:m[aá]ximo|m[ií]nimo|menos|plus|moins|h[oö]chstens|mindestens|tối đa|ít nhất)\s*$/i;
const limitOrDeadline = (m: string, s: string, at: number): string =>
  LIMIT_BEFORE.test(s.slice(Math.max(0, at - 12), at)) ? m : blank(m);
const FOREIGN_DURATION_HINT =
  /d[ií]as|semana|semaine|mes|mês|trimestre|año|ano|hora|jour|mois|heure|tag|woche|monat|stunde|jahr|ngày|tuần|tháng|giờ|sprint|içinde/i;

/** How often, not how many: 'every two weeks', 'every 3 months', 'cada 2 semanas', 'alle 4 Wochen', 'tous les 15 jours'. */
const EVERY_PERIOD =
  /(?<![\p{L}])(?:every|each|cada|alle|tou(?:s|tes) les)\s+(?:\d+|\p{L}+)\s+(?:days?|weeks?|months?|quarters?|years?|sprints?|d[ií]as|semanas|meses|Tage|Wochen|Monate|jours|semaines|mois)(?![\p{L}])/giu;

/**
 * A tolerance around a value, not a quantity to reach: '+/- 5% drift', '±0.5 pp', 'within 5% of actuals', 'dentro
 * del 3% de', 'à 5 % près', 'más o menos 2%'. ('within 20% variance' caps the variance: its target.)
 */
const TOLERANCE =
  /(?:±|\+\s?\/\s?-|\+-)\s*\d+(?:[.,]\d+)?\s*(?:%|pp\b|points?\b)?|(?<![\p{L}])(?:within|dentro del?|à|innerhalb von)\s+\d+(?:[.,]\d+)?\s*%\s+(?:of|de[l]?|près|von)(?![\p{L}])|\b(?:plus or minus|más o menos|mais ou menos)\s+\d+(?:[.,]\d+)?\s*%?/giu;
const TOLERANCE_HINT =
  /±|\+\s?\/?\s?-|within|dentro|près|innerhalb|entro|plus or minus|más o menos|mais ou menos|误差|偏差|偏离/i;
/**
 * A tolerance with no reference named: 'within 5%' ending the KR or its clause, 'innerhalb von 5 %', 'dentro del 5%',
 * '误差5%以内', '偏差控制在2%以内', '误差不超过3%'. A rate named before it keeps it a cap ('error rate within 1%', '错误率').
 */
const PCT = String.raw`±?\s?\d+(?:[.,]\d+)?\s?%`;
const TOLERANCE_ALONE = new RegExp(
  [
    String.raw`(?<![\p{L}])(?:within|innerhalb(?:\s+von)?|dentro\s+del?|entro\s+il)\s+${PCT}(?=\s*(?:$|[.,;:!?)）(（]))`,
    String.raw`(?:误差|偏差|偏离度?)(?!率)\s*(?:控制|保持)?\s*(?:在|于)?\s*${PCT}?\s*(?:以内|之内|内)`,
    String.raw`(?:误差|偏差|偏离度?)(?!率)\s*(?:不超过|不高于|小于|低于|≤|<=?)\s*${PCT}`,
  ].join('|'),
  'giu',
);
/** A measure kept low named before `within N%` (CAPPED_MEASURE_WORDS: 'churn', 'refunds', 'Retouren'): a cap on it. */
const CAPPED_MEASURE = new RegExp(
  CAPPED_MEASURE_WORDS.map((w) => (/^\p{Script=Latin}/u.test(w) ? String.raw`(?<![\p{L}])${w}` : w)).join('|'),
  'iu',
);
const capNamed = (before: string) => RATE_NAMED.test(before) || CAPPED_MEASURE.test(before);
const toleranceAlone = (s: string) =>
  s.replace(TOLERANCE_ALONE, (m: string, at: number) => (capNamed(s.slice(0, at)) ? m : blank(m)));

/**
 * A time of day, not a quantity: '6 pm', '9:30am', '18 Uhr', 'before 16:00', 'après 18h', 'después de las 18:00',
 * '18:00前', '21:30后', a schedule's '每天11:30睡，7:00起床'. Minutes and seconds with no such word ('from 4:30 to 3:00') stay a duration (CLOCK).
 */
const HOUR = String.raw`(?:[01]?\d|2[0-4])`;
const TIME_OF_DAY = new RegExp(
  [
    String.raw`(?<![\d:.])${HOUR}(?::[0-5]\d)?\s?(?:[ap]\.?m\.?|uhr)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:before|after|until|till|by|at|nach|vor|bis|um|ab|après|avant|à|jusqu'à|dès|antes\s+de(?:\s+las)?|después\s+de(?:\s+las)?|hasta(?:\s+las)?|a\s+las|entro\s+le|dopo\s+le|prima\s+delle)\s+${HOUR}:[0-5]\d`,
    // French hours ('après 18h', 'avant 9 h 30'); not 'à 5h' ('réduire le délai à 5h' is five hours).
    String.raw`(?<![\p{L}])(?:après|avant|jusqu'à|dès)\s+${HOUR}\s?h(?:\s?[0-5]\d)?(?![\p{L}\d])`,
    String.raw`(?<![\d:.])${HOUR}:[0-5]\d\s*(?=前|后|後|之前|之后|以前|以后|截止)`,
    // A clock time on a day's schedule: before what is done then ('11:30睡', '6:30起床') or after a part of the day.
    String.raw`(?<![\d:.])${HOUR}:[0-5]\d\s*(?=睡|起床|起|醒|上班|下班|出门|到岗|打卡|吃|锻炼|运动|跑步|学习|读书|就寝|入睡)`,
    String.raw`(?<=(?:每天|每晚|每日|每早|早上|晚上|凌晨|上午|下午|中午|早晨)\s*)${HOUR}:[0-5]\d`,
  ].join('|'),
  'giu',
);
const TIME_OF_DAY_HINT = /\d\s?(?:[ap]\.?m|uhr|h)|\d:[0-5]\d/i;

/** A year is a date, not a quantity, after 'in', 'by', 'Q2', 'H1', 'FY' ('by 2026', 'Q1 and Q2 2020', 'through H1 2020'). */
const YEAR =
  /\b(?:by|before|until|in|for|through|during|since|of|vs\.?|versus|than|end of|fy|cy|q[1-4]|h[12])\s*[-,']?\s*(?:19[89]\d|20\d\d)\b(?![.,]\d)/gi;
/**
 * Labels with a number ('tier 1 or 2', 'phase 3', 'P0', 'level 2'), thresholds in a definition ('3+ members', '<5
 * messages'), ranges ('3-5', '3-7 days', a progress range typed after a KR: '0%-30%').
 */
const LABEL_NUMBER =
  /\b(?:tier|phase|stage|level|step|round|wave|gen|generation|version|priority|grade|class|chapter|part|option|day|week|sprint|iteration|milestone|edition|season|rfc|issue|ticket|pr|bug|epic|release|nível|nivel|niveau|stufe|seviye|fase|etapa|étape|versão|versión)[-\s#]?\d+(?:\s*[-–~～]\s*\d+)?(?:\s*(?:or|and|\/|,)\s*\d+)*\b|\d+(?:\.\d+)?(?:%|[kKmMwW万])?\s*[-–~～]\s*\d+(?:\.\d+)?(?:%|[kKmMwW万])?(?!\s*[-/.]\s*\d)/gi;
/** Text in brackets describes the KR (a definition, a note), unless it states a target or a change ('(target: 7 days/week)'). */
const ASIDE = /[(（]\s*(?!target|goal|aim|from|目标|从)[^()（）]*[)）]/gi;
/**
 * A count with a '+' in brackets ('Large Scale Testbed (50k+ nodes)', '(10万+用户)') is the size to reach, the one
 * number of the KR, not a note: its brackets are dropped so the aside mask keeps it. Other numbers outside win.
 */
const PLUS_COUNT = /[(（](\s*[≥>]?=?\s*\d[\d,.]*\s?(?:[kKmMwW]|万|千|亿)?\+\s*[\p{L}][\p{L} -]{0,30})[)）]/u;
/**
 * A share with a '+' in brackets, named or among other criteria ('代码质量底线（测试80%+，TS strict）', '(coverage 80%+,
 * lint clean)'): the one share to reach, the brackets listing what the KR holds to.
 */
const PLUS_SHARE = /[(（]([^()（）\d]{0,16}\d[\d.]*\s?%\+[^()（）\d]*)[)）]/;
const RATE_NAMED = /\b(?:rate|ratio|share|percentage|proportion|retention|score|index)\b|率|占比|比例/i;
function unbracketCount(text: string): string {
  if (!/\d\s?[kKmMwW万千亿%]?\+/.test(text)) return text;
  const share = PLUS_SHARE.exec(text);
  const m = share ?? PLUS_COUNT.exec(text);
  if (!m) return text;
  const outside = text.slice(0, m.index) + text.slice(m.index + m[0].length);
  // '(2+ conversations per month)' after 'user rate' defines who a rate counts: a note, no size to reach. A share is
  // the rate itself ('Test coverage (80%+)').
  const rateCounted = !share && RATE_NAMED.test(outside);
  if (rateCounted || /\bper\b|\/|每/.test(m[1]) || tokens(maskPeriods(outside)).length > 0) return text;
  return text.slice(0, m.index) + ` ${m[1]} ` + text.slice(m.index + m[0].length);
}

/** What follows '=>' is the outcome written at grading time, not the KR ('... => Done, started March 18'). */
const OUTCOME = /\s=+>[\s\S]*$/;
/** Addresses are not quantities ('[RFC 42](https://...)'). */
const URL = /\bhttps?:\/\/[^\s)\]]+/gi;
/** Minutes:seconds ('from 3:00 to 4:00', '2:37 per session'), not a time of day ('9:30 AM'). */
const CLOCK = /\b(\d{1,2}):([0-5]\d)\b(?!\s*(?:[ap]\.?m\b|:))/gi;
/** Dates with a month name ('March 18', '18 March 2026'). */
/** A month's name, whole or cut short ('March', 'Mar.', 'Sept'), not a word it opens ('2 markets', '3 decisions'). */
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b`;
const MONTH_DAY = new RegExp(
  String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}(?:\.?,?\s+\d{4})?`,
  'gi',
);
/**
 * A month and its year ('by end of January 2025', 'in March 2026', 'antes de finales de enero de 2025', 'bis Ende
 * März 2026'): a date, its year no quantity.
 */
const MONTH_YEAR = new RegExp(
  String.raw`(?<![\p{L}])(?:${MONTH}|${OTHER_MONTH_NAMES.join('|')})\.?,?\s+(?:de\s+|del\s+)?(?:19[89]\d|20\d\d)(?![\d.,]\d)`,
  'giu',
);
const MIN_SEC = /(\d+)\s*(?:分钟?|min(?:utes?)?|m)\s*(\d+)\s*(?:秒|s(?:ec(?:onds?)?)?)(?![A-Za-z])/gi;

/**
 * A milestone verb with no number before 'with' / 带有: what follows describes the thing delivered, not a quantity
 * ('Launch a loyalty programme with 3 tiers', '上线带有3种支付方式的结账页'). 'Launch 2 apps with 3 tiers' keeps 2;
 * 'Launch with 3 content types' (no thing named before 'with') counts what the launch has: 3.
 */
const MILESTONE_WITH =
  /^\s*(?:(?:launch|ship|release|roll out|introduce|build|create|set up|stand up|deploy)\s+(?!with\b)|上线|发布|推出|搭建|建立)[^\d]*?(?:\bwith\b|带有|包含)/i;

/** A month/day date ('6/20的考试', 'by 6/20'), not a fraction: a day of the year names no quantity. */
const SLASH_DATE =
  /(?<![\d/.])(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\d/%.])(?=\s*(?:的|前|之前|号|日|截止))|(?<=\b(?:by|on|before|until|due)\s+)(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?![\d/%.])/gi;

/**
 * A KR about putting a measurement in place ('Metrics to validate four customers are running X are tracked',
 * '用于验证三家客户使用情况的埋点已上线'): it is done or not; the numbers in what the metric checks describe it, they are no
 * target. The span masked runs from the purpose word to the predicate.
 */
const MEASUREMENT_SUBJECT =
  /^\s*(?:the\s+|new\s+)?(?:metrics?|dashboards?|alerts?|tracking|telemetry|instrumentation|analytics|monitoring|reports?|reporting|logging|events?)\s+((?:to|for|that|which)\s[\s\S]*?)\s(?:is|are)\s+(?:now\s+|all\s+)?(?:tracked|in place|live|available|set up|built|instrumented|created|published|added|implemented|collected|defined|shipped|enabled|running|reported|monitored)\b|^\s*((?:用于|用来|以便?)?(?:验证|衡量|追踪|跟踪|监控|统计)[^，。,;；]*?)的(?:指标|埋点|监控|看板|报表|数据|日志)/i;

function maskMeasurementSubject(s: string): string {
  const m = MEASUREMENT_SUBJECT.exec(s);
  const span = m?.[1] ?? m?.[2];
  if (!m || !span) return s;
  const at = s.indexOf(span, m.index);
  return s.slice(0, at) + blank(span) + s.slice(at + span.length);
}

const blank = (m: string) => ' '.repeat(m.length);

const WINDOW_WORD = [...TIME_WINDOW_WORDS].sort((a, b) => b.length - a.length).join('|');
const TIME_WINDOW_HINT = new RegExp(String.raw`(?:${WINDOW_WORD})\s*\d`, 'i');
/** A window of time compared with ('the last 12 months', 'der letzten 12 Monate', '过去12个月'): its number is no quantity. */
const TIME_WINDOW = new RegExp(
  String.raw`(?<![\p{L}])(?:${WINDOW_WORD})\s*\d+\s*(?:(?:days?|weeks?|months?|quarters?|years?|Tagen?|Wochen|Monaten?|Jahren?|días|semanas|meses|años|jours|semaines|mois|ans|années|giorni|settimane|mesi|anni|gün|hafta|ay|yıl)(?![\p{L}])|个?月|ヶ月|か月|[天日周週年]|季度?|개월|주|일|년)`,
  'giu',
);

/** Mask dates, periods, list numbers, code names and durations with spaces so token offsets stay valid. */
function maskPeriods(text: string): string {
  let s = text;
  // Each pattern runs only when its mark is there: most KR texts hold none of them.
  if (s.includes('=>')) s = s.replace(OUTCOME, blank);
  if (
    /metric|dashboard|alert|track|telemetry|instrument|analytic|monitor|report|logging|event|验证|衡量|追踪|跟踪|监控|统计/i.test(
      s,
    )
  )
    s = maskMeasurementSubject(s);
  if (TOLERANCE_HINT.test(s)) s = toleranceAlone(s.replace(TOLERANCE, blank));
  if (TIME_OF_DAY_HINT.test(s)) s = s.replace(TIME_OF_DAY, blank);
  if (s.includes('/')) s = s.replace(SLASH_DATE, blank);
  const milestone = MILESTONE_WITH.exec(s);
  if (milestone) s = s.slice(0, milestone[0].length) + blank(s.slice(milestone[0].length));
  if (s.includes('http')) s = s.replace(URL, blank);
  // '1:1 meetings' are one-on-ones, no quantity.
  if (s.includes('1:1')) s = s.replace(/(?<![\d:])1\s?:\s?1(?![\d:])/g, blank);
  s = maskNames(s);
  if (/[(（]/.test(s)) s = s.replace(ASIDE, blank);
  if (/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(s)) s = s.replace(MONTH_DAY, blank);
  if (/(?:19[89]|20\d)\d/.test(s)) s = s.replace(MONTH_YEAR, blank).replace(YEAR, blank);
  s = s.replace(NOT_A_QUANTITY, blank).replace(LIST_NUMBER, blank);
  if (s.includes('的')) s = s.replace(ZH_SPAN_OF, blank);
  if (/within|in\s|over|during|after|内/i.test(s)) s = s.replace(DURATION, blank);
  if (/every|each|cada|alle|tous|toutes/i.test(s)) s = s.replace(EVERY_PERIOD, blank);
  if (TIME_WINDOW_HINT.test(s)) s = s.replace(TIME_WINDOW, blank);
  if (FOREIGN_DURATION_HINT.test(s))
    s = s.replace(FOREIGN_DURATION, (m: string, at: number) => limitOrDeadline(m, s, at));
  return s.replace(LABEL_NUMBER, (m: string, at: number) => (countedByVerb(m, s.slice(at + m.length)) ? m : blank(m)));
}

/** 'Release 2 betas', 'issue 40 refunds': a label word that is also a verb, then a count of things, not a label. */
function countedByVerb(label: string, after: string): boolean {
  return /^(?:release|issue)\s*\d+$/i.test(label) && /^\s+[a-z]+s\b/i.test(after);
}

const NUM = String.raw`[$¥€£]?\s?(?:${DOT_GROUPS_DECIMAL_COMMA}|\d[\d,]*(?:\.\d+)?)\s?(?:%|千万|百万|万|亿|千|[wWkKmMbB](?![A-Za-z]))?`;
/** '(current is 125k)', 'currently 40%', '目前为30%', '当前：1.2万'. */
const CURRENT_SAID = new RegExp(
  String.raw`[(（]?\s*(?:\b(?:current(?:ly)?|now|today|as of today|actual)\b|当前|目前|现在|现状)\s*(?:value\s*)?(?:is|at|:|：|=|为|是)?\s*(${NUM})\s*[)）]?`,
  'i',
);
/** '(baseline 80)', '(was 80)', '基线为80': the start. */
const BASELINE_SAID = new RegExp(
  String.raw`[(（]?\s*(?:\b(?:baseline|was|starting at|start)\b|基线|基准|起点)\s*(?:value\s*)?(?:is|at|:|：|=|为|是|of)?\s*(${NUM})\s*[)）]?`,
  'i',
);

/** '(from 120)': the start, said in passing. */
const FROM_ASIDE = new RegExp(String.raw`[(（]\s*(?:up\s+|down\s+)?(?:from|从)\s*(${NUM})\s*[)）]`, 'i');

/** 'Target: 10 min', '[Target: 10 min, Weight: 30%]', '目标值：500': a target stated as a field wins over other numbers. */
const TARGET_SAID = new RegExp(
  String.raw`(?:\b(?:target|goal)\b|目标值|指标值)\s*(?:value\s*)?(?::|：|=|\bis\b)\s*(?:[<>≤≥]=?\s*)?(${NUM})`,
  'i',
);
const TARGET_HINT = /target|goal|目标值|指标值/i;

/** The target a field label states, read on the masked text (so 'Target: 2026-06-30' is a date, not 2026). */
function labelledTarget(masked: string, text: string): { value: number; unit: string | null } | null {
  if (!TARGET_HINT.test(masked)) return null;
  const m = TARGET_SAID.exec(masked);
  if (!m) return null;
  const num = m[1].trimEnd();
  const p = parseNumber(num.replace(/\s+/g, ''));
  if (!p.ok) return null;
  const end = m.index + m[0].length - (m[1].length - num.length);
  const tok = { value: p.value, text: num, index: end - num.length, end, percent: /[%‰]/.test(num), currency: null };
  // 'Target: 25% reduction' states a change from an unstated start, not a target of 25%.
  if (changeNoun(text, tok)) return null;
  return { value: p.value, unit: unitAfter(text, tok) };
}

/**
 * A word joining two things (AND_WORDS: 'and', 'und', 'et', 'y', '并', '且', '和'...), not inside a word: not 'e.g.',
 * not 合并 / 并发 / 并行 / 并购, 而且, 饱和 / 总和 / 和谐.
 */
const LATIN_AND = AND_WORDS.filter((w) => /^\p{Script=Latin}/u.test(w)).map((w) => w.replace(/\s+/g, String.raw`\s+`));
const CJK_AND = AND_WORDS.filter((w) => !/^\p{Script=Latin}/u.test(w));
const AND_WORD = String.raw`(?<![\p{L}\d.'’-])(?:${LATIN_AND.join('|')})(?![\p{L}\d.'’-])|(?<![合兼吞归而暂姑总饱缓温平柔调])(?:${CJK_AND.join('|')})(?![发行购列存入谐解])`;
/**
 * Clause breaks: a comma or semicolon, not the thousands comma inside '1,200'; a word joining two things done ('完成 1
 * 次演示并发布 1 篇帖子', 'Publish 3 posts and reach 5,000 users').
 */
const CLAUSE_BREAK = new RegExp(String.raw`[，；;]|,(?!\d{3}(?!\d))|\s&\s|${AND_WORD}`, 'giu');
const JOINED = new RegExp(String.raw`^(?:\s&\s|${AND_WORD})$`, 'iu');

/**
 * Quantities left as a placeholder before what they count ('产出 x 副风格画', '获得 X 条反馈', 'N customers'): measures
 * of their own beside the numbered ones, with no number.
 */
const PLACEHOLDER_QTY =
  /(?<![A-Za-z0-9])(?:[xX]{1,3}|N|若干)(?=\s*(?:[家个人位名次件单条篇场份台笔款项副只张部本套]|(?:new|customers?|users?|people|deals?)\b))/g;
function placeholderTokens(s: string): Token[] {
  const out: Token[] = [];
  PLACEHOLDER_QTY.lastIndex = 0;
  for (let m = PLACEHOLDER_QTY.exec(s); m; m = PLACEHOLDER_QTY.exec(s)) out.push(wordToken(NaN, m[0], m.index));
  return out;
}

/** The KR's number tokens with its placeholder quantities among them, in text order (for counting measures). */
function withPlaceholders(masked: string, toks: Token[]): Token[] {
  const held = /[xXN若]/.test(masked) ? placeholderTokens(masked) : [];
  return held.length ? [...toks, ...held].sort((a, b) => a.index - b.index) : toks;
}

/**
 * A clause after the first opening with "with" / "achieving" in the languages the reader reads ('..., logrando un
 * feedback positivo en un 90%', '..., with 90% attendance', '..., avec 85 % de satisfaction'): it qualifies the quantity
 * before it, as 'NPS of 50+ with 90% ...' does, and names no measure of its own.
 */
const QUALIFYING_CLAUSE =
  /^\s*(?:and\s+|y\s+|e\s+|et\s+|und\s+)?(?:with|achieving|reaching|attaining|equivalent to|i\.e\.|equivalente a|tương đương(?: với)?|logrando|alcanzando|consiguiendo|obteniendo|con|com|alcançando|atingindo|obtendo|avec|en atteignant|mit|wobei|với|đạt|trong đó)(?![\p{L}])/iu;

/**
 * How many clauses name a measured quantity (a %, a currency or a unit after the number): '合作3个KOL，曝光≥50万次' -> 2,
 * 'Hire 3 engineers, 2 designers' -> 2, '5,000 members' -> 1. Linear in the text.
 */
function measureCount(text: string, toks: Token[]): number {
  const breaks: { at: number; end: number; joins: boolean }[] = [];
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text))
    breaks.push({ at: m.index, end: m.index + m[0].length, joins: JOINED.test(m[0]) });
  let n = 0;
  let lastClause = -1;
  let b = 0;
  for (const t of toks) {
    while (b < breaks.length && breaks[b].at < t.index) b++;
    const clause = text.slice(b > 0 ? breaks[b - 1].end : 0, t.index);
    if (b > 0 && QUALIFYING_CLAUSE.test(clause)) continue;
    // A threshold opening the KR ('NPS ≥ 45, and 0 missed cases') is a measure of its own beside a later one.
    const firstThreshold = n === 0 && b === 0 && THRESHOLD_BEFORE.test(text.slice(Math.max(0, t.index - 12), t.index));
    // Beside a joining word, a quantity with words naming it is a measure ('且日活达到10万', '3 Beiträge ... und').
    const named = /\p{L}/u.test(clause) || /^\s?\p{L}/u.test(text.slice(t.end));
    const joined = !!(breaks[b - 1]?.joins || breaks[b]?.joins) && named;
    if (
      b === lastClause ||
      !(firstThreshold || joined || t.percent || t.currency || multiplierMeasure(clause, t) || unitAfter(text, t))
    )
      continue;
    n++;
    lastClause = b;
  }
  return n;
}

/** A comparison right before a number ('≥ 85', '< 0.1', 'at least 30'). */
const THRESHOLD_BEFORE =
  /(?:[≥≤<>]=?|\bat (?:least|most)|\b(?:al menos|pelo menos|au moins|mindestens|en az)|(?<![\p{L}])(?:ít nhất|tối thiểu|tối đa)|不低于|不超过|至少)\s*$/iu;
/** Where a list of thresholds breaks: a comma or semicolon, '&' / '、', or a joining word between them. */
const THRESHOLD_BREAK = new RegExp(String.raw`[,，;；、&]|${AND_WORD}`, 'giu');

/**
 * Thresholds of named measures side by side ('Performance ≥ 85, Accessibility ≥ 95', 'LCP ≤ 2.5s and CLS ≤ 0.1'):
 * how many, when the first number is one of them; 0 otherwise. A threshold after a count qualifies it instead ('10
 * articles published, avg score >50': the first is the target).
 */
function parallelThresholds(text: string, toks: Token[]): number {
  let n = 0;
  let from = 0;
  for (const t of toks) {
    const op = THRESHOLD_BEFORE.exec(text.slice(Math.max(from, t.index - 12), t.index));
    const named = op && /\p{L}/u.test(text.slice(from, t.index - op[0].length));
    if (!named) {
      if (n === 0) return 0;
      continue;
    }
    n++;
    THRESHOLD_BREAK.lastIndex = t.end;
    const next = THRESHOLD_BREAK.exec(text);
    from = next ? next.index + next[0].length : text.length;
  }
  return n >= 2 ? n : 0;
}

/**
 * A multiplier naming what it multiplies in its own clause is a measure ('day 7性能0.8x', 'throughput 0.9x of the C++
 * engine'); one opening its clause qualifies the measure before it ('Reach 10k users, 3x last year').
 */
const multiplierMeasure = (clauseBefore: string, t: Token): boolean =>
  !!t.times && /[\p{L}]/u.test(clauseBefore.replace(/\b(?:and|or|with|about|around|by|at)\b|约|达到|为/gi, ''));

/** Words that may introduce a current or starting value (cheap test before the full patterns). */
const SAID_HINT = /current|now|today|actual|baseline|was|start|当前|目前|现在|现状|基线|基准|起点/i;

/** A number said about the current or the starting value, and the text with it blanked out. */
function said(text: string, re: RegExp): { value: number | null; text: string } {
  const m = re.exec(text);
  if (!m) return { value: null, text };
  const p = parseNumber(m[1].replace(/\s+/g, ''));
  if (!p.ok) return { value: null, text };
  return { value: p.value, text: text.slice(0, m.index) + blank(m[0]) + text.slice(m.index + m[0].length) };
}

const wordsBefore = (s: string, at: number): number => (s.slice(0, at).match(/\S+/g) ?? []).length;

/**
 * 'x' / '×' / '倍' after a number: so many times a base ('3x faster', 'throughput 3x', '性能0.8x', '提升3倍'), not a
 * frequency ('1x/week', '2x per month') nor a count of things ('2× lidar').
 */
const MULTIPLIER =
  /^\s?(?:倍|[x×](?=\s*(?:$|[^\sA-Za-z\d/]|(?:faster|slower|more|less|fewer|higher|lower|better|bigger|larger|greater|smaller|cheaper|quicker|increase|growth|improvement|speed-?up|boost|gain|return|over|vs\.?|versus|than|the|of|last|compared|relative|what)\b)))/i;

/** Number tokens of a text already masked by maskPeriods. */
function tokens(s: string): Token[] {
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
      times: !m[3] && MULTIPLIER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 24)),
    });
  }
  wordTokens(s, out);
  // Minutes and seconds written together ('2分30秒', '2 min 30 s', '3:45') are one quantity, in seconds.
  for (const re of [MIN_SEC, CLOCK]) addDurations(s, re, out);
  return out.sort((a, b) => a.index - b.index);
}

const WORD_SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const WORD_SCALE_AFTER = /^\s+(thousand|million|billion)\b/i;

/** 'at least' / '至少' (and its verb) right before a number word: the count to reach ('at least one', '至少形成一个'). */
const AT_LEAST_BEFORE = /(?:\bfrom|\bto|\bat least|(?:至少|最少|不少于|起码)[\u4e00-\u9fff]{0,2})\s*$/i;

/**
 * Numbers written as words, counted like digits: English words ('Two dates per month'), and Chinese numerals before a
 * measure word ('两个DL项目', '每周两次', '三家门店'). Not: a word deep in an English sentence ('a model with three
 * scenarios'), an ordinal ('第三个'), a span of time ('两个月'), nor 一 alone ('一个平台' is "a platform") — unless
 * 'from' / 'to' / 'at least' / '至少' leads it.
 */
function wordTokens(s: string, out: Token[]): void {
  const led = (at: number) => AT_LEAST_BEFORE.test(s.slice(Math.max(0, at - 9), at));
  WORD_TOKEN.lastIndex = 0;
  for (let m = WORD_TOKEN.exec(s); m; m = WORD_TOKEN.exec(s)) {
    if (wordsBefore(s, m.index) > 6 && !led(m.index)) continue;
    // 'one million followers', 'three thousand licences': the word times its scale.
    const scale = WORD_SCALE_AFTER.exec(s.slice(m.index + m[0].length));
    const value = WORD_NUMBERS[m[1].toLowerCase()] * (scale ? WORD_SCALE[scale[1].toLowerCase()] : 1);
    out.push(wordToken(value, scale ? m[0] + scale[0] : m[0], m.index));
  }
  if (/once|twice|vez|veces|fois/i.test(s)) timesTokens(s, out);
  if (/both|amb[oa]s|beide|deux|entramb/i.test(s)) bothTokens(s, out);
  if (/[零ゼ제]/.test(s)) zeroTokens(s, out);
  otherWordTokens(s, out);
  if (!/[一两二三四五六七八九十百千]/.test(s)) return;
  ZH_WORD_TOKEN.lastIndex = 0;
  for (let m = ZH_WORD_TOKEN.exec(s); m; m = ZH_WORD_TOKEN.exec(s)) {
    if (m[0] === '一' && !led(m.index)) continue;
    const p = parseNumber(m[0]);
    if (p.ok) out.push(wordToken(p.value, m[0], m.index));
  }
}

/**
 * 'Both apps approved', 'Ship both mobile apps', 'Ambas apps publicadas': two things to reach, early in the sentence.
 * Not 'both of', 'both a ...', nor 'both X and Y' (two things named: 'Improve both retention and revenue', 'both
 * Node.js and Browser').
 */
const BOTH_TOKEN = new RegExp(
  String.raw`(?<![\p{L}])(?:${BOTH_WORDS.join('|')})(?=\s+(?!(?:of|de|a|an|the|un|una|le|la|der|die|das)\s)[\p{L}][\p{L}\d.-]*(?![\p{L}\d.-])(?!\s+(?:${AND_WORDS.join('|')})(?![\p{L}])))`,
  'giu',
);
function bothTokens(s: string, out: Token[]): void {
  BOTH_TOKEN.lastIndex = 0;
  for (let m = BOTH_TOKEN.exec(s); m; m = BOTH_TOKEN.exec(s))
    if (wordsBefore(s, m.index) <= 6) out.push(wordToken(2, m[0], m.index));
}

/** 'at least' in the other languages ('al menos', 'pelo menos', 'au moins', 'mindestens', 'en az'). */
const OTHER_AT_LEAST = String.raw`al menos|por lo menos|como m[ií]nimo|pelo menos|no m[ií]nimo|au moins|au minimum|mindestens|wenigstens|en az`;
const OTHER_LED = new RegExp(String.raw`\b(?:${OTHER_AT_LEAST}|at least)\s+$`, 'i');
const OTHER_WORD_TOKEN = new RegExp(
  String.raw`(?<![\p{L}\d'’-])(${Object.keys(OTHER_WORD_NUMBERS).join('|')})(?![\p{L}\d-])`,
  'giu',
);
/**
 * One to ten in the other languages (values.ts OTHER_WORD_NUMBERS), counted like English words: early in the sentence
 * or after 'at least' (in English or theirs, not after 'to': 'upgraded to 21 on'); articles and words with another
 * sense only after 'at least'.
 */
function otherWordTokens(text: string, out: Token[]): void {
  // Turkish capital dotted İ ('İki') has no simple lower case: read as I, same length.
  const s = text.includes('İ') ? text.replace(/İ/g, 'I') : text;
  OTHER_WORD_TOKEN.lastIndex = 0;
  for (let m = OTHER_WORD_TOKEN.exec(s); m; m = OTHER_WORD_TOKEN.exec(s)) {
    const w = m[1].toLowerCase();
    const atLeast = OTHER_LED.test(s.slice(Math.max(0, m.index - 16), m.index));
    if (!atLeast && (OTHER_WORDS_LED_ONLY.has(w) || wordsBefore(s, m.index) > 6)) continue;
    out.push(wordToken(OTHER_WORD_NUMBERS[w], m[1], m.index));
  }
}

/**
 * 'once a week', 'at least once', 'twice per month', 'una vez al mes', 'deux fois par semaine' count (1, 2); not the
 * conjunction ('once it ships').
 */
const TIMES_WORD =
  /(?<![\p{L}])(?:(once|una vez|uma vez|une fois)|(twice|dos veces|duas vezes|deux fois))(?=\s+(?:a|an|per|every|each|al|por|cada|ao|par|pro)(?![\p{L}]))|(?<=(?:at least|al menos|pelo menos|au moins)\s+)(?:(once|una vez|uma vez|une fois)|(twice|dos veces|duas vezes|deux fois))(?![\p{L}])/giu;
function timesTokens(s: string, out: Token[]): void {
  TIMES_WORD.lastIndex = 0;
  for (let m = TIMES_WORD.exec(s); m; m = TIMES_WORD.exec(s))
    if (!out.some((t) => t.index === m!.index)) out.push(wordToken(m[1] || m[3] ? 1 : 2, m[0], m.index));
}

/**
 * Faults 零 counts (simplified and traditional): accidents, failures, complaints, defects, conflicts, losses, leaks,
 * crashes, outages, rollbacks...
 */
const ZERO_FAULTS = [
  '事故|故障|投诉|投訴|缺陷|差评|差評|宕机|宕機|漏洞|客诉|客訴|逾期|超卖|超賣|错误|錯誤|失误|失誤|违规|違規|延误|延誤',
  '返工|伤亡|傷亡|冲突|衝突|丢失|丟失|遗失|遺失|泄露|泄漏|洩露|洩漏|崩溃|崩潰|中断|中斷|误报|誤報|遗漏|遺漏|停机|停機',
  '当机|當機|回滚|回滾|报错|報錯|阻塞|卡顿|卡頓',
].join('|');
/**
 * Zero in Chinese, Japanese and Korean: '零事故', '实现零投诉', '障害ゼロ', '사고 제로'. 零 opening a clause or after a verb of
 * reaching, or before a word for a fault; not in words of its own ('零售' retail, '零基础' from scratch, '零点' midnight).
 */
const ZERO_TOKEN = new RegExp(
  String.raw`(?:(?<=^|[\s，,；;：:、（(]|实现|實現|做到|保持|达到|達到|确保|確保|争取|爭取|力争|力爭|追求)零(?![售食件钱錢花星点點下基距容散碎部时時度乱亂落头頭])|零(?=${ZERO_FAULTS}|[Bb][Uu][Gg]|[Pp][0-2]))|ゼロ|제로`,
  'g',
);
function zeroTokens(s: string, out: Token[]): void {
  ZERO_TOKEN.lastIndex = 0;
  for (let m = ZERO_TOKEN.exec(s); m; m = ZERO_TOKEN.exec(s)) out.push(wordToken(0, m[0], m.index));
}

const wordToken = (value: number, text: string, index: number): Token => ({
  value,
  text,
  index,
  end: index + text.length,
  percent: false,
  currency: null,
});

/**
 * A Chinese numeral before a measure word, not an ordinal (第) nor part of a longer number or a span of time; a bare
 * 百 / 千 is a unit ('千次观看成交额' is per thousand views).
 */
const ZH_WORD_TOKEN =
  /(?<![第0-9零〇一二两三四五六七八九十百千万几数])(?:[两二三四五六七八九十][零〇一二两三四五六七八九十百千]*|一[十百千][零〇一二两三四五六七八九十百千]*|一)(?=[个家位名次件款项场篇条份台笔套本门轮种支辆所座张部首集节课块])(?!个?(?:月|星期|小时|工作日|季度|周|礼拜|钟头))/g;

function addDurations(s: string, re: RegExp, out: Token[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const at = m.index;
    const end = at + m[0].length;
    for (let i = out.length - 1; i >= 0; i--) if (out[i].index >= at && out[i].index < end) out.splice(i, 1);
    const value = Number(m[1]) * 60 + Number(m[2]);
    if (Number.isFinite(value) && value <= 1e15)
      out.push({ value, text: m[0], index: at, end, percent: false, currency: null });
  }
}

const EN_STOP =
  /^(?:in|on|at|by|per|for|from|to|and|or|of|with|within|across|before|after|during|the|a|an|this|each|every|than)$/i;
const ZH_MEASURE = /^[家个人位名次件单条篇场份台笔款项元块天小时分]/;

/** The unit named right after a number: '10w粉丝' -> '粉丝', '12 posts on ...' -> 'posts', '3.5%' -> '%'. */
function unitAfter(text: string, t: Token): string | null {
  if (t.percent) return '%';
  if (t.currency) return t.currency;
  // '50k+ nodes', '10万+用户': the '+' says "or more", the unit follows it.
  const rest = text.slice(t.end).replace(/^\+/, '');
  // A unit glued to the number ('<200ms', '4hrs', '2GB'): a measure of its own in a spec line.
  const glued = /^[A-Za-z]+/.exec(rest);
  if (glued && GLUED_UNIT.test(glued[0])) return glued[0];
  const zh = /^\s*([\u3400-\u9fff]+)/.exec(rest);
  if (zh) {
    const run = zh[1];
    if (ZH_MEASURE.test(run)) return run[0] === '小' ? '小时' : run.startsWith('分钟') ? '分钟' : run[0];
    const cut = run.split(/[的了在并和与及到至，。、]/)[0];
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

const NONE: TextInference = Object.freeze({
  target: null,
  start: null,
  unit: null,
  kind: null,
  placeholder: false,
  current: null,
  relative: null,
  measures: 0,
}) as TextInference;

/**
 * Turkish writes the percent sign first ('%95', '%30 azaltmak') and a decimal comma ('%12,5'): turned round in place
 * ('12.5%'), so offsets stay valid.
 */
const PERCENT_FIRST = /(?<![\p{L}\p{N}%.,])%(\s?)(\d+(?:[.,]\d+)?)(?![\d%])/gu;
function percentAfter(s: string): string {
  return s.includes('%') ? s.replace(PERCENT_FIRST, (_m, sp: string, d: string) => `${d.replace(',', '.')}${sp}%`) : s;
}

/** What a KR's wording says about its numbers and direction. Never throws. */
export function inferFromText(input: unknown): TextInference {
  if (typeof input !== 'string') return NONE;
  const whole = percentAfter(input.normalize('NFKC').replace(/\s+/g, ' ').trim());
  if (!whole || whole.length > 500) return NONE;
  const cur = SAID_HINT.test(whole) ? said(whole, CURRENT_SAID) : { value: null, text: whole };
  let base = SAID_HINT.test(cur.text) ? said(cur.text, BASELINE_SAID) : { value: null, text: cur.text };
  if (base.value === null && /[(（]/.test(base.text)) base = said(base.text, FROM_ASIDE);
  const text = base.text;
  const masked = maskPeriods(unbracketCount(text));
  const toks = tokens(masked);
  const decreasing = DECREASE.test(masked);
  const known = { current: cur.value, start: base.value };

  if (toks.length === 0) {
    if (PLACEHOLDER.test(text)) return { ...NONE, ...known, placeholder: true, kind: decreasing ? 'decrease' : null };
    const named = firstNamedNumber(text);
    return { ...NONE, ...known, kind: known.current === null ? 'binary' : null, ...(named ? { named } : {}) };
  }
  const labelled = labelledTarget(masked, text);
  if (labelled) return { ...NONE, ...known, target: labelled.value, unit: labelled.unit, kind: kindOf(masked) };
  const fromTo = fromToPair(text, toks, masked);
  if (fromTo) return { ...NONE, ...fromTo, current: known.current };
  const rel = relativeChange(text, toks, decreasing);
  if (rel) {
    const { unit, times, ...relative } = rel;
    return {
      ...NONE,
      ...known,
      unit,
      kind: rel.down ? 'decrease' : 'increase',
      relative: times ? { ...relative, times } : relative,
    };
  }

  // Two measures in separate clauses ('合作3个KOL，曝光≥50万次'): neither is the target; the reader says so.
  const counted = withPlaceholders(masked, toks);
  const measures = counted.length > 1 ? Math.max(measureCount(text, counted), parallelThresholds(text, toks)) : 1;
  if (measures > 1) return { ...NONE, ...known, measures, kind: kindOf(masked) };
  // The target is the number after "to"/"达到" if there is one, else the first number.
  const t =
    toks.find((k) => TO_WORD_BEFORE.test(text.slice(Math.max(0, k.index - 20), k.index))) ??
    toks.find((k) => FRACTION_EQUALS.test(text.slice(0, k.index))) ??
    boundAfterCount(text, toks) ??
    toks[0];
  const unit = unitAfter(text, t);
  const current = known.current ?? gradedCurrent(text, unit);
  // 'Zero P0 incidents', '0 oversells': a count to hold at zero, at most 0.
  const kind = kindOf(masked) ?? (t.value === 0 ? 'below' : null);
  return { ...NONE, ...known, current, target: t.value, unit, kind };
}

/** A fraction worked out after '=' ('5/12 active users = 42%', '3/4 = 75%'): the result is the value stated. */
const FRACTION_EQUALS = /\d\s*\/\s*\d[^=]{0,40}=\s*$/;
/** A cap sign right before a number ('<4 hours', '≤2 seconds'); 'with' / 带 between two quantities (MILESTONE_WITH). */
const CAP_SIGN_BEFORE = /(?:<=?|≤)\s*$/;
const WITH_WORD = /\b(?:with|con|avec|mit|com)\b|带有|包含/i;
/**
 * A count of what is handled, then a capped quantity: 'Import 3 seasons of data in <4 hours', '导入3个赛季数据耗时<4小时'.
 * The cap is what is measured, the count its scope. Not after 'with' ('2 pilots with ≥90% satisfaction' counts 2).
 */
function boundAfterCount(text: string, toks: Token[]): Token | undefined {
  if (toks.length < 2 || CAP_SIGN_BEFORE.test(text.slice(0, toks[0].index))) return undefined;
  const k = toks.find((x) => x !== toks[0] && CAP_SIGN_BEFORE.test(text.slice(Math.max(0, x.index - 3), x.index)));
  return k && !WITH_WORD.test(text.slice(toks[0].end, k.index)) ? k : undefined;
}

/**
 * The outcome written at grading time after '=>' states the value reached when it counts the same unit as the target
 * ('Run 5 user tests => 3 user tests conducted' -> 3); other numbers there (dates, links) say nothing.
 */
function gradedCurrent(text: string, unit: string | null): number | null {
  const at = unit && unit !== '%' ? text.indexOf('=>') : -1;
  if (at < 0) return null;
  const outcome = ' '.repeat(at + 2) + text.slice(at + 2);
  const sameUnit = (k: Token) =>
    outcome
      .slice(k.end, k.end + 40)
      .split(/[\s,.;:()]+/)
      .slice(0, 4)
      .includes(unit!);
  const hit = tokens(maskPeriods(outcome)).find(sameUnit);
  return hit ? hit.value : null;
}

/** The direction the (masked) wording names: reduce -> decrease, at most / < -> below, at least / > -> above. */
function kindOf(masked: string): KrKind | null {
  if (DECREASE.test(masked)) return 'decrease';
  if (BELOW.test(masked)) return 'below';
  if (ABOVE.test(masked)) return 'above';
  return null;
}

/**
 * What may stand between the to-word and B: a bound on B (`4.2% → ≤ 2.0%`, `30 → ≥ 45`: run to at most / at least B)
 * and the letters of a currency code before B's sign (`NT$0 → NT$800,000`, `US$20k → US$50k`).
 */
// Letters glued to B are a currency code: a number glued to letters is a token only after a currency sign.
const BOUND_AFTER_TO = String.raw`\s*(?:[≤≥<>]=?\s*)?(?:[A-Z]{1,3})?`;
/** "to" right before B, after a unit word ('from 800ms to 300ms', 'from 80% of users to 90%'). */
const ARROW = new RegExp(String.raw`^\s*(?:[\p{L}.]{1,12}\s*)?(?:->|→|⟶|=>)${BOUND_AFTER_TO}$`, 'u');
/** The unit of time right after a number ('4hrs', '30 min', '3 semanas', '2小时'). */
const TIME_UNIT_AFTER = /^\s?([A-Za-zÀ-ÿ]{1,12}|[\u4e00-\u9fff]{1,3})/;

/** Seconds in the unit of time written right after a token, or null. */
function timeUnitOf(text: string, t: Token): number | null {
  const m = TIME_UNIT_AFTER.exec(text.slice(t.end));
  if (!m) return null;
  return (
    secondsIn(m[1]) ?? (/^[\u4e00-\u9fff]/.test(m[1]) ? (secondsIn(m[1].slice(0, 2)) ?? secondsIn(m[1][0])) : null)
  );
}
const TO_END = new RegExp(String.raw`(?:\bto\b|->|→|~|～|到|至)${BOUND_AFTER_TO}$`, 'i');

/**
 * From-to in other languages, where the from-word leads A and the to-word (after A's unit, if any) leads B: Spanish
 * `de 2.5% a 4.5%`, Portuguese `de 25% para 40%`, French `de 3 à 5`, German `von 5 auf 8`, Indonesian `dari 50 menjadi
 * 80`, Vietnamese `từ 20% lên 35%`.
 */
const FROM_WORD = /(?:\b(?:de|desde|von|vom|dari)|\bd'|(?<![\p{L}])từ)\s*$/iu;
const TO_WORD_BETWEEN =
  /^\s*(?:[\p{L}/.]{1,12}\s+)?(?:a|al|à|para|hasta|até|jusqu'à|auf|bis|zu|menjadi|ke|hingga|sampai|lên|xuống|đến)\s*$/iu;
/**
 * Languages that mark from and to with endings: Turkish `5 adam/ay'dan 3 adam/ay'a` (-dan/-den/-tan/-ten, then
 * -a/-e/-ya/-ye), Korean `10시간에서 1시간으로` (에서, then 로/으로/까지), Japanese `10件から20件へ` (から, then へ/に/まで).
 */
// A word or two may follow the from-ending before B ('13.7%에서 9월 평균 7.0%로', '13.7%から9月平均7.0%へ'); a month masked.
const FROM_ENDING =
  /^\s*(?:[\p{L}/.]{0,12}'(?:dan|den|tan|ten)|[\p{L}]{0,6}?(?:에서|から)(?:\s*[\p{L}]{1,6}){0,2})\s*$/iu;
const TO_ENDING =
  /^\s*(?:[\p{L}/.]{0,12}'(?:a|e|ya|ye)(?![\p{L}])|[\p{L}]{0,6}?(?:으로|로|까지)|[\p{L}]{0,6}?(?:へ|に|まで))/iu;

/** A from-to pair written in one of the other languages' forms (FROM_WORD / FROM_ENDING above). */
function foreignFromTo(text: string, a: Token, b: Token): boolean {
  const between = text.slice(a.end, b.index);
  if (FROM_WORD.test(text.slice(Math.max(0, a.index - 8), a.index)) && TO_WORD_BETWEEN.test(between)) return true;
  return FROM_ENDING.test(between) && TO_ENDING.test(text.slice(b.end, b.end + 16));
}

/** "from A to B" / "从A提升到B": start A, target B. */
function fromToPair(
  text: string,
  toks: Token[],
  masked = text,
): Pick<TextInference, 'target' | 'start' | 'unit' | 'kind'> | null {
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i];
    const b = toks[i + 1];
    // The words around A and B as masked: a month between ('从4月平均13.7%降到9月平均7.0%') is no word.
    const lead = masked.slice(Math.max(0, a.index - 30), a.index);
    const between = masked.slice(a.end, b.index);
    // 'from A to B', or just 'A -> B' / 'A → B'.
    if (between.length > 28) continue;
    const english = (FROM.test(lead) || ARROW.test(between)) && (TO.test(between) || TO_END.test(between));
    if (!english && !foreignFromTo(masked, a, b)) continue;
    // Mixed units of time ('4hrs → 30min', '3 weeks to 5 days', '2小时到30分钟') are compared in seconds.
    const [sa, sb] = [timeUnitOf(text, a), timeUnitOf(text, b)];
    const [start, target] = sa && sb && sa !== sb ? [a.value * sa, b.value * sb] : [a.value, b.value];
    const kind: KrKind = target < start ? 'decrease' : 'increase';
    const unit = sa && sb && sa !== sb ? 's' : (unitAfter(text, b) ?? unitAfter(text, a));
    return { target, start, unit, kind };
  }
  return null;
}

/** "by 3%", "by 20 points", "增长20%", "降低10%": a change from the start, never a target of 3%. */
const BY_BEFORE = /\bby\s*$/i;
/** 'by' is a change only after a verb of change ('grow revenue by 20%'), not an agent ('signed off by 3+ personas'). */
const CHANGE_VERB =
  /\b(?:increase|decrease|reduce|grow|grew|rose|fell|gain|climb|jump|lost|lose|cut|improve|raise|lower|boost|drop|lift|shrink|expand|rise|fall|decline|accelerate|speed|shorten|lengthen|up|down|higher|lower|more|less|faster|slower)/i;
const ZH_CHANGE_BEFORE = /(?:提升|提高|增长|增加|上升|降低|减少|下降|缩短|压缩|减)了?\s*$/;
/** A word of the vocabulary as a pattern: whole words (accents count as letters), runs of space as any space. */
const alternation = (words: readonly string[]): string =>
  [...words]
    .sort((x, y) => y.length - x.length)
    .map((w) => w.replace(/\s+/g, String.raw`\s+`))
    .join('|');
const LATIN = (w: string) => /^\p{Script=Latin}/u.test(w);
const nouns = (ws: readonly string[]) => alternation(ws.filter(LATIN));
const cjkNouns = (ws: readonly string[]) => alternation(ws.filter((w) => !LATIN(w)));
const ALL_NOUNS = [...CHANGE_NOUN_VOCAB.down, ...CHANGE_NOUN_VOCAB.up];
/**
 * The change verb of another language right before the number ('Incrementar 15% el...'), or 'by' in that language
 * before a share with a change word in the text ('Reducir el tiempo en un 15%', 'Réduire les retours de 20 %', 'Kosten
 * um 10 % senken', 'Senkung der Kosten um 10 %'); 'Lograr un 25%' reaches 25%, no change.
 */
const OTHER_CHANGE_VERB = new RegExp(String.raw`(?<![\p{L}])(?:${alternation(OTHER_CHANGE_VERBS)})(?![\p{L}])`, 'iu');
const OTHER_VERB_BEFORE = new RegExp(String.raw`${OTHER_CHANGE_VERB.source}\s*$`, 'iu');
const OTHER_BY_BEFORE = /(?<![\p{L}])(?:(?:en\s+)?un|um|de|di|del|dell[oa]|em)\s*$/iu;
/** A noun of change (CHANGE_NOUN_VOCAB) anywhere in the text. */
const CHANGE_NOUN = new RegExp(String.raw`(?<![\p{L}])(?:${nouns(ALL_NOUNS)})(?![\p{L}])|${cjkNouns(ALL_NOUNS)}`, 'iu');
function otherChange(text: string, k: Token): boolean {
  const before = text.slice(Math.max(0, k.index - 14), k.index);
  if (OTHER_VERB_BEFORE.test(before)) return true;
  const by = OTHER_BY_BEFORE.exec(before);
  // 'a menos del 5%', 'plus de 20 %': a limit to keep, not a change by that much.
  if (!by || LIMIT_BEFORE.test(before.slice(0, by.index))) return false;
  // Only 'un' / 'en un' may change a count ('Aumentar en un 20 los pedidos'); the others, a share.
  const changeWord = OTHER_CHANGE_VERB.test(text) || CHANGE_NOUN.test(text);
  return changeWord && (k.percent || /un\s*$/i.test(by[0]));
}
/**
 * Korean and Japanese put the change after the share: '25% 이상 감소' (cut by 25% or more), '30%向上'; a change of an
 * unstated base like '增长10%'.
 */
const CHANGE_AFTER =
  /^\s*(?:이상|이하|가량|정도|以上|程度)?\s*(감소|절감|축소|단축|감축|증가|향상|개선|상승|증대|削減|減少|短縮|向上|増加|改善|上昇|azal|düşüş|düşür|artış|artır)/;
const DOWN_AFTER = /감소|절감|축소|단축|감축|削減|減少|短縮|azal|düş/;
/**
 * A noun of change before a share ('Redução de 60%', 'aumento del 20%', 'a reduction of 25%', '降幅20%', '增幅达30%') or
 * after it ('25% reduction', '20 % Wachstum', "10 % d'augmentation", '15% de reducción'): a change, no target. Not a
 * rate named after it ('20% growth rate').
 */
const CHANGE_NOUN_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(${nouns(ALL_NOUNS)})\s+(?:of\s+|de[l]?\s+|d'|em\s+|en\s+|di\s+|dell[oa']\s*)$|(${cjkNouns(ALL_NOUNS)})(?:达到?|为|约|在)?\s*$`,
  'iu',
);
const CHANGE_NOUN_AFTER = new RegExp(
  String.raw`^\s*(?:of\s+|de\s+|d'|di\s+)?(${nouns(ALL_NOUNS)})(?![\p{L}-])(?!\s+(?:rates?|ratios?)\b)`,
  'iu',
);
const DOWN_NOUN = new RegExp(`^(?:${alternation(CHANGE_NOUN_VOCAB.down)})$`, 'iu');
/**
 * The noun of change right before or after a share token, or null. After it, only on the KR's first quantity: a later
 * one is a criterion of the first ('≥50% de clientes obtienen ... ≥20% de crecimiento').
 */
function changeNoun(text: string, k: Token, first = true): string | null {
  if (!k.percent) return null;
  const m =
    (first ? CHANGE_NOUN_AFTER.exec(text.slice(k.end, k.end + 40)) : null) ??
    CHANGE_NOUN_BEFORE.exec(text.slice(Math.max(0, k.index - 24), k.index));
  return m ? (m[1] ?? m[2]).trim() : null;
}
const POINTS_AFTER = /^\s*(?:percentage\s+points?|points?|pp|pts?|个百分点|百分点)/i;

function relativeChange(
  text: string,
  toks: Token[],
  decreasing: boolean,
): { by: number; percent: boolean; down: boolean; unit: string | null; times?: boolean } | null {
  for (const k of toks) {
    // 'Improve throughput 3x', 'by 3x', '提升3倍': so many times an unstated start. Beside other numbers it is one
    // measure among them ('性能0.8x') or compares one with a base ('10k users, 3x last year'): no change then.
    if (k.times) {
      if (toks.length === 1)
        return { by: k.value, percent: false, down: decreasing || k.value < 1, unit: null, times: true };
      continue;
    }
    const before = text.slice(Math.max(0, k.index - 8), k.index);
    const after = text.slice(k.end);
    const changeAfter = k.percent && CHANGE_AFTER.exec(after);
    const byChange = BY_BEFORE.test(before) && CHANGE_VERB.test(text.slice(0, k.index));
    const noun = changeNoun(text, k, k === toks[0]);
    if (!byChange && !ZH_CHANGE_BEFORE.test(before) && !otherChange(text, k) && !changeAfter && !noun) continue;
    // '增长到20%' / 'by 2026' are not changes; '增加20份' / '减少5单' change a count by that much (no target either).
    const points = POINTS_AFTER.test(after);
    if (/^\s*(?:到|至)/.test(after)) continue;
    const by = points ? k.value / 100 : k.value;
    return {
      by,
      percent: k.percent && !points,
      down: decreasing || (!!changeAfter && DOWN_AFTER.test(changeAfter[1])) || (!!noun && DOWN_NOUN.test(noun)),
      unit: k.percent || points ? '%' : unitAfter(text, k),
    };
  }
  return null;
}
