/** Findings as a plain-text table for a terminal (CJK characters take two columns). */
import { a1 } from '../core/sheet-plan';
import { t, type Lang, type Msg } from '../core/i18n';
import { cliText } from './messages';

/** The parts of core's Finding the command line prints (rules.ts owns the full type). */
export interface PrintableFinding {
  rule?: string;
  id?: string;
  severity: string;
  sheet?: string;
  row?: number | null;
  col?: number | null;
  message: Msg;
}

export function findingsOf(details: unknown): PrintableFinding[] {
  const list = (details as { findings?: unknown } | undefined)?.findings;
  return Array.isArray(list) ? (list as PrintableFinding[]) : [];
}

export function countBySeverity(findings: PrintableFinding[]): { error: number; warning: number; info: number } {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    if (f.severity === 'error') n.error++;
    else if (f.severity === 'warning') n.warning++;
    else n.info++;
  }
  return n;
}

export function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

export const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

/** Control characters from cell text would garble a terminal; they are shown as spaces. */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
export const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');

export function cellLabel(f: PrintableFinding): string {
  const at =
    typeof f.row === 'number' && f.row >= 0
      ? typeof f.col === 'number' && f.col >= 0
        ? a1(f.row, f.col)
        : String(f.row + 1)
      : '';
  return f.sheet ? (at ? `${f.sheet}!${at}` : f.sheet) : at;
}

export function findingsTable(findings: PrintableFinding[], lang: Lang): string {
  if (!findings.length) return t(cliText.noFindings, lang);
  const head = cliText.tableHead;
  const rows = findings.map((f) => [
    t(cliText.severity[f.severity] ?? cliText.severity.info, lang),
    clean(cellLabel(f)),
    clean(String(f.rule ?? f.id ?? '')),
    clean(t(f.message, lang) ?? ''),
  ]);
  const header = [t(head.severity, lang), t(head.cell, lang), t(head.rule, lang), t(head.message, lang)];
  const widths = [0, 1, 2].map((i) => Math.max(width(header[i]), ...rows.map((r) => width(r[i]))));
  const line = (r: string[]) => [0, 1, 2].map((i) => pad(r[i], widths[i])).join('  ') + '  ' + r[3];
  const sep = widths.map((w) => '-'.repeat(w)).join('  ') + '  ' + '-'.repeat(Math.max(7, width(header[3])));
  const n = countBySeverity(findings);
  return [line(header), sep, ...rows.map(line), '', t(cliText.findingsCount(n.error, n.warning, n.info), lang)].join(
    '\n',
  );
}
