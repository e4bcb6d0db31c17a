/**
 * The one seam between the panel UI and its host. The Excel task pane, the Sheets sidebar and the playground each
 * implement PanelBridge; the panel (panel.ts) knows nothing else about where it runs.
 */
import type { Msg } from '../core/i18n';
import type { Settings } from '../core/settings';

/** The commands of core/commands.ts (the panel only passes them through). */
export type { CommandName } from '../core/commands';
import type { CommandName } from '../core/commands';

export interface PanelBridge {
  host: 'excel' | 'sheets' | 'playground';
  /** 'zh-CN', 'en-US', ... */
  locale(): string;
  /** Runs the command in the host. */
  run(command: CommandName): Promise<PanelResult>;
  select(sheet: string, row: number, col: number): Promise<void>;
  /**
   * Where the host can tell: calls `listener` when the user shows another sheet or changes cells (pastes a sheet,
   * edits a value), never for the add-in's own writes, so the panel reads the sheet's summary again.
   */
  onSheetChange?(listener: () => void): void;
  /** The settings core runs with; followLocale: no language is saved, so `lang` is the host's language of the moment. */
  getSettings(): Promise<PanelSettings>;
  /** followLocale ("Automatic"): the host saves `s` without its language, so the pane and core follow the host's language. */
  saveSettings(s: Settings, followLocale?: boolean): Promise<void>;
}

export type PanelSettings = Settings & { followLocale?: boolean };

export interface PanelResult {
  ok: boolean;
  summary: Msg;
  details?: unknown;
}

/** A validation finding as the panel shows it (the fields of core/rules.ts' Finding that the panel reads). */
export interface PanelFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  sheet: string;
  /** 0-based sheet row/col. */
  row: number;
  col: number;
  message: Msg;
}

/** The counts shown at the top of the panel ('summary' and 'score' details). */
export interface PanelSummary {
  /** The cycle the counts are for ('2026-Q4'), when the details name one. */
  cycle: string | null;
  objectives: number;
  krs: number;
  /** 0..1, or null when nothing is scored yet. */
  averageScore: number | null;
  /** KRs that cannot be scored (an unreadable value): the average is over the others. */
  unscored: number;
  bands: { red: number; yellow: number; green: number };
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

function readMsg(v: unknown): Msg {
  if (typeof v === 'string') return { en: v, zh: v };
  if (isObj(v)) {
    const en = text(v.en);
    const zh = text(v.zh);
    return { en: en || zh, zh: zh || en };
  }
  return { en: '', zh: '' };
}

/** Findings out of a result's details (untrusted JSON from the host); malformed entries are dropped. */
export function readFindings(details: unknown): PanelFinding[] | null {
  if (!isObj(details) || !Array.isArray(details.findings)) return null;
  const out: PanelFinding[] = [];
  for (const f of details.findings) {
    if (!isObj(f)) continue;
    const sev = f.severity === 'error' || f.severity === 'warning' || f.severity === 'info' ? f.severity : 'warning';
    const row = Number(f.row);
    const col = Number(f.col);
    out.push({
      rule: text(f.rule ?? f.ruleId ?? f.id),
      severity: sev,
      sheet: text(f.sheet),
      row: Number.isInteger(row) && row >= 0 ? row : -1,
      col: Number.isInteger(col) && col >= 0 ? col : -1,
      message: readMsg(f.message),
    });
  }
  return out;
}

/** Summary counts out of a result's details, or null when the details carry none. */
export function readSummary(details: unknown): PanelSummary | null {
  if (!isObj(details) || !('krs' in details || 'objectives' in details)) return null;
  const bands = isObj(details.bands) ? details.bands : {};
  const avg = details.averageScore;
  return {
    cycle: typeof details.cycle === 'string' && details.cycle ? details.cycle : null,
    objectives: count(details.objectives),
    krs: count(details.krs),
    averageScore: typeof avg === 'number' && Number.isFinite(avg) ? avg : null,
    unscored: count(details.unscored),
    bands: { red: count(bands.red), yellow: count(bands.yellow), green: count(bands.green) },
  };
}
