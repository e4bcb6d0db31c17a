/**
 * The words the add-in writes for kinds, types, levels, confidence and history row kinds, in each language (each
 * accepted back by parse-sheet, the custom functions and the history reader).
 */
import type { Commitment, Confidence, KrKind, Level } from './model';
import { msg, type Lang, type Msg } from './i18n';

export const KIND_TOKENS: Record<Lang, Record<KrKind, string>> = {
  en: { increase: 'increase', decrease: 'decrease', above: 'above', below: 'below', binary: 'binary' },
  zh: { increase: '增加', decrease: '减少', above: '不低于', below: '不高于', binary: '里程碑' },
};
export const TYPE_LABELS: Record<Lang, Record<Commitment, string>> = {
  en: { committed: 'Committed', aspirational: 'Aspirational' },
  zh: { committed: '承诺型', aspirational: '挑战型' },
};
export const LEVEL_LABELS: Record<Lang, Record<Level, string>> = {
  en: { company: 'Company', department: 'Department', team: 'Team', individual: 'Individual' },
  zh: { company: '公司', department: '部门', team: '团队', individual: '个人' },
};
export const CONFIDENCE_LABELS: Record<Lang, Record<Confidence, string>> = {
  en: { high: 'High', medium: 'Medium', low: 'Low' },
  zh: { high: '高', medium: '中', low: '低' },
};

/** What a history row is, as the history sheet shows it. */
export const HISTORY_KIND_LABELS: Record<'objective' | 'kr', Msg> = {
  objective: msg('Objective', '目标'),
  kr: msg('Key result', '关键结果'),
};

const fold = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase() : '');

/** A level as written by any version in either language ('team', 'Team', '团队') -> its code; null otherwise. */
export function levelFromText(v: unknown): Level | null {
  const t = fold(v);
  if (!t) return null;
  for (const lang of ['en', 'zh'] as Lang[]) {
    for (const [code, label] of Object.entries(LEVEL_LABELS[lang]) as [Level, string][]) if (fold(label) === t || code === t) return code;
  }
  return null;
}

/** A history row kind as written by any version ('kr', 'Key result', '关键结果', 'objective', '目标'). */
export function historyKindFromText(v: unknown): 'objective' | 'kr' | null {
  const t = fold(v);
  if (t === 'objective' || t === fold(HISTORY_KIND_LABELS.objective.zh) || t === fold(HISTORY_KIND_LABELS.objective.en)) return 'objective';
  if (t === 'kr' || t === fold(HISTORY_KIND_LABELS.kr.zh) || t === fold(HISTORY_KIND_LABELS.kr.en)) return 'kr';
  return null;
}
