/// <reference lib="dom" />
/**
 * The one panel UI: the Excel task pane, the Sheets sidebar and the playground's pane all call mountPanel.
 * Plain DOM. Everything that comes from data (summaries, findings, sheet names, settings) is set with textContent
 * or as a property, never parsed as HTML.
 *
 * State for tests and hosts: root.dataset.state is 'loading', 'ready' or 'busy'; root.dataset.lang is 'en' or 'zh'.
 */
import { errorText, langFromLocale, t, type Lang, type Msg } from '../core/i18n';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from '../core/settings';
import { a1 } from '../core/sheet-plan';
import { readFindings, readSummary, type CommandName, type PanelBridge, type PanelFinding, type PanelResult, type PanelSummary } from './bridge';
import { PANEL_CSS } from './panel-css';
import { PROGRESS_CSS, PROGRESS_TEXT, readProgress, renderProgress, type PanelProgress } from './progress';
import { R, READING_CSS, readReading, renderReading, type PanelReading } from './reading';
import { roleCounts, type RoleCounts } from '../core/reading-summary';
import { S } from './strings';

/** Findings beyond this are counted, not listed (a 50,000-row sheet can have thousands). */
const MAX_FINDINGS_SHOWN = 200;
const MAX_MESSAGES = 3;

type LangChoice = Lang | 'auto';
type MsgKind = 'ok' | 'error' | 'info';

interface PanelState {
  settings: Settings;
  langChoice: LangChoice;
  summary: PanelSummary | null;
  findings: PanelFinding[] | null;
  progress: PanelProgress | null;
  messages: { kind: MsgKind; text: Msg }[];
  busy: boolean;
  /** "How I read your sheet": the newest reading, the counts before the last Convert, and whether it is unfolded. */
  reading: PanelReading | null;
  readingBefore: RoleCounts | null;
  readingOpen: boolean;
}

const ACTIONS: { command: CommandName; label: keyof typeof S; tip: keyof typeof S; primary?: boolean }[] = [
  { command: 'convert', label: 'convert', tip: 'convertTip', primary: true },
  { command: 'validate', label: 'validate', tip: 'validateTip' },
  { command: 'clear', label: 'clear', tip: 'clearTip' },
  { command: 'score', label: 'score', tip: 'scoreTip' },
  { command: 'checkin', label: 'checkin', tip: 'checkinTip' },
  { command: 'rollForward', label: 'rollForward', tip: 'rollForwardTip' },
];

/** Creates an element; children that are strings become text nodes (so they are never parsed as HTML). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function adoptCss(doc: Document): void {
  if (doc.getElementById('okr-panel-css') || (doc as any).__okrPanelCss) return;
  const Sheet = (doc.defaultView as any)?.CSSStyleSheet;
  if (Sheet && 'adoptedStyleSheets' in doc) {
    try {
      const sheet = new Sheet();
      sheet.replaceSync(PANEL_CSS + READING_CSS + PROGRESS_CSS);
      (doc as any).adoptedStyleSheets = [...(doc as any).adoptedStyleSheets, sheet];
      (doc as any).__okrPanelCss = true;
      return;
    } catch {
      /* fall back to a <style> element */
    }
  }
  const style = doc.createElement('style');
  style.id = 'okr-panel-css';
  style.textContent = PANEL_CSS + READING_CSS + PROGRESS_CSS;
  doc.head.appendChild(style);
}


export function mountPanel(root: HTMLElement, bridge: PanelBridge): void {
  adoptCss(root.ownerDocument);
  root.classList.add('okr-panel');
  root.dataset.host = bridge.host;
  root.dataset.state = 'loading';

  const state: PanelState = {
    settings: DEFAULT_SETTINGS,
    langChoice: 'auto',
    summary: null,
    findings: null,
    progress: null,
    messages: [],
    busy: false,
    reading: null,
    readingBefore: null,
    readingOpen: true,
  };
  const localeLang = (): Lang => {
    try {
      return langFromLocale(bridge.locale());
    } catch {
      return 'en';
    }
  };
  const lang = (): Lang => (state.langChoice === 'auto' ? localeLang() : state.langChoice);
  const tr = (m: Msg): string => t(m, lang()) || m.en || m.zh;

  const header = el('header');
  const summaryBox = el('section', { class: 'okr-summary', 'aria-live': 'polite' });
  const actionsBox = el('section', { class: 'okr-actions' });
  const findingsBox = el('section', { class: 'okr-findings-box' });
  const progressBox = el('section', { class: 'okr-progress-box' });
  const settingsBox = el('section', { class: 'okr-settings' });
  const readingBox = el('section', { class: 'okr-reading', 'aria-live': 'polite' });
  root.replaceChildren(header, summaryBox, actionsBox, readingBox, findingsBox, progressBox, settingsBox);

  function renderHeader(): void {
    header.replaceChildren(el('h1', {}, tr(S.title)), el('p', { class: 'okr-sub' }, tr(S.subtitle)));
  }

  function renderSummary(): void {
    const s = state.summary;
    const card = (label: Msg, value: string, name: string) =>
      el('div', { class: 'okr-card', 'data-summary': name },
        el('div', { class: 'okr-card-label' }, tr(label)),
        el('div', { class: 'okr-card-value' }, value));
    const band = (name: 'red' | 'yellow' | 'green', label: Msg) =>
      el('span', { class: `okr-band okr-band-${name}`, 'data-band': name }, `${tr(label)} ${s ? s.bands[name] : '–'}`);
    summaryBox.replaceChildren(
      el('h2', {}, tr(S.summaryTitle)),
      el('div', { class: 'okr-cards' },
        card(S.objectives, s ? String(s.objectives) : '–', 'objectives'),
        card(S.krs, s ? String(s.krs) : '–', 'krs'),
        card(S.averageScore, s && s.averageScore !== null ? s.averageScore.toFixed(2) : '–', 'average')),
      el('div', { class: 'okr-bands' }, band('red', S.red), band('yellow', S.yellow), band('green', S.green)),
    );
    if (!s) summaryBox.append(el('p', { class: 'okr-empty' }, tr(S.noData)));
  }

  const messagesBox = el('div', { class: 'okr-msgs', role: 'status', 'aria-live': 'polite' });

  function renderActions(): void {
    const buttons = ACTIONS.map((a) => {
      const b = el('button', {
        type: 'button',
        class: a.primary ? 'okr-btn okr-primary' : 'okr-btn',
        title: tr(S[a.tip]),
        'data-command': a.command,
      }, tr(S[a.label]));
      b.disabled = state.busy;
      b.addEventListener('click', () => void runCommand(a.command));
      return b;
    });
    actionsBox.replaceChildren(el('h2', {}, tr(S.actions)), el('div', { class: 'okr-buttons' }, ...buttons), messagesBox);
    renderMessages();
  }

  function renderMessages(): void {
    const items = state.messages.map((m) => el('div', { class: `okr-msg okr-msg-${m.kind}`, 'data-kind': m.kind }, tr(m.text)));
    if (state.busy) items.unshift(el('div', { class: 'okr-msg', 'data-kind': 'busy' }, tr(S.working)));
    messagesBox.replaceChildren(...items);
  }

  function say(kind: MsgKind, text: Msg): void {
    state.messages = [{ kind, text }, ...state.messages].slice(0, MAX_MESSAGES);
    renderMessages();
  }

  function renderFindings(): void {
    const list = state.findings;
    const parts: Node[] = [el('h2', {}, `${tr(S.findingsTitle)}${list && list.length ? ` (${list.length})` : ''}`)];
    if (!list) parts.push(el('p', { class: 'okr-empty' }, tr(S.findingsNone)));
    else if (!list.length) parts.push(el('p', { class: 'okr-empty', 'data-findings': 'clean' }, tr(S.findingsClean)));
    else {
      const ul = el('ul', { class: 'okr-findings' });
      for (const f of list.slice(0, MAX_FINDINGS_SHOWN)) {
        const sev = f.severity === 'error' ? S.error : f.severity === 'info' ? S.info : S.warning;
        const where = f.row >= 0 && f.col >= 0 ? `${f.sheet ? f.sheet + '!' : ''}${a1(f.row, f.col)}` : f.sheet;
        const li = el('li', { class: 'okr-finding', tabindex: '0', role: 'button', 'data-rule': f.rule },
          el('span', { class: `okr-sev okr-sev-${f.severity}`, title: tr(sev), 'aria-label': tr(sev) }),
          el('span', { class: 'okr-where' }, where),
          el('span', { class: 'okr-text' }, tr(f.message)));
        if (f.row >= 0 && f.col >= 0) {
          const go = () => bridge.select(f.sheet, f.row, f.col).catch((e) => say('error', failure(e)));
          li.addEventListener('click', go);
          li.addEventListener('keydown', (ev) => {
            if (ev.key === 'Enter' || ev.key === ' ') {
              ev.preventDefault();
              go();
            }
          });
        }
        ul.append(li);
      }
      if (list.length > MAX_FINDINGS_SHOWN) ul.append(el('li', { class: 'okr-more' }, `+${list.length - MAX_FINDINGS_SHOWN} ${tr(S.findingsMore)}`));
      parts.push(ul);
    }
    findingsBox.replaceChildren(...parts);
  }

  function renderProgressBox(): void {
    progressBox.replaceChildren(el('h2', {}, tr(PROGRESS_TEXT.title)), renderProgress(root.ownerDocument, state.progress, lang()));
  }

  function renderSettings(): void {
    const s = state.settings;
    const input = (name: string, label: Msg, value: string, attrs: Record<string, string>) => {
      const i = el('input', { id: `okr-set-${name}`, name, ...attrs });
      i.value = value;
      return el('div', { class: 'okr-field' }, el('label', { for: `okr-set-${name}` }, tr(label)), i);
    };
    const whole = { type: 'number', min: '0', step: '1', inputmode: 'numeric' };
    const frac = { type: 'number', min: '0', max: '1', step: '0.05', inputmode: 'decimal' };
    const langSel = el('select', { id: 'okr-set-lang', name: 'lang' },
      el('option', { value: 'auto' }, tr(S.langAuto)),
      el('option', { value: 'en' }, 'English'),
      el('option', { value: 'zh' }, '中文'));
    langSel.value = state.langChoice;
    const modeSel = el('select', { id: 'okr-set-formulaMode', name: 'formulaMode' },
      el('option', { value: 'addin' }, tr(S.formulaAddin)),
      el('option', { value: 'portable' }, tr(S.formulaPortable)));
    modeSel.value = s.formulaMode;
    const form = el('form', { class: 'okr-form', novalidate: '' },
      input('objectivesPerOwner', S.objectivesPerOwner, String(s.limits.objectivesPerOwner), whole),
      input('krsPerObjective', S.krsPerObjective, String(s.limits.krsPerObjective), whole),
      input('staleDays', S.staleDays, String(s.limits.staleDays), whole),
      el('div', { class: 'okr-row2' },
        input('red', S.bandRed, String(s.bands.red), frac),
        input('yellow', S.bandYellow, String(s.bands.yellow), frac)),
      el('div', { class: 'okr-field' }, el('label', { for: 'okr-set-lang' }, tr(S.language)), langSel),
      el('div', { class: 'okr-field' }, el('label', { for: 'okr-set-formulaMode' }, tr(S.formulaMode)), modeSel),
      input('cycle', S.cycle, s.cycle ?? '', { type: 'text', autocomplete: 'off', spellcheck: 'false' }),
      el('button', { type: 'submit', class: 'okr-btn okr-primary', 'data-command': 'save-settings' }, tr(S.save)));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void saveFrom(form);
    });
    const details = el('details', { class: 'okr-settings-details' }, el('summary', {}, tr(S.settingsTitle)), form);
    settingsBox.replaceChildren(details);
  }

  function renderReadingBox(): void {
    renderReading(readingBox, state.reading, {
      lang: lang(),
      settings: state.settings,
      before: state.readingBefore,
      open: state.readingOpen,
      onToggle: (open) => (state.readingOpen = open),
      save: (next, what) => void saveCorrection(next, what),
      select: (sheet, row, col) => void bridge.select(sheet, row, col).catch((e) => say('error', failure(e))),
      disabled: state.busy,
    });
  }

  /** A correction from "How I read your sheet": saved with the workbook, then the sheet is read again. */
  async function saveCorrection(next: Settings, what: Msg): Promise<void> {
    if (state.busy) return;
    setBusy(true);
    try {
      await bridge.saveSettings(next, state.langChoice === 'auto');
      state.settings = next;
      say('ok', { en: `${what.en} ${R.saved.en}`, zh: `${what.zh}${R.saved.zh}` });
      await refreshSummary();
    } catch (e) {
      say('error', failure(e));
    } finally {
      setBusy(false);
      renderReadingBox();
    }
  }

  function renderAll(): void {
    root.lang = lang() === 'zh' ? 'zh-CN' : 'en';
    root.dataset.lang = lang();
    renderHeader();
    renderSummary();
    renderActions();
    renderFindings();
    renderReadingBox();
    renderProgressBox();
    renderSettings();
  }

  function failure(e: unknown): Msg {
    const why = errorText(e);
    return { en: `${S.failed.en} ${why}`, zh: `${S.failed.zh}${why}` };
  }

  function setBusy(busy: boolean): void {
    state.busy = busy;
    root.dataset.state = busy ? 'busy' : 'ready';
    for (const b of Array.from(actionsBox.querySelectorAll('button'))) (b as HTMLButtonElement).disabled = busy;
    for (const sel of Array.from(readingBox.querySelectorAll('select'))) sel.disabled = busy || sel.dataset.blank === 'true';
    renderMessages();
  }

  function absorb(res: PanelResult): void {
    const findings = readFindings(res.details);
    if (findings) state.findings = findings;
    const summary = readSummary(res.details);
    if (summary) state.summary = summary;
    const progress = readProgress(res.details);
    if (progress) state.progress = progress;
    const reading = readReading(res.details);
    if (reading) state.reading = reading;
  }

  async function refreshSummary(): Promise<void> {
    try {
      const res = await bridge.run('summary');
      if (res && res.ok) absorb(res);
      else {
        state.summary = null;
        state.progress = null;
      }
      // A sheet the reader found no OKRs on still has a reading: that is where the user can correct it.
      state.reading = res ? readReading(res.details) : null;
    } catch {
      state.summary = null;
      state.reading = null;
      state.progress = null;
    }
    renderSummary();
    renderReadingBox();
    renderProgressBox();
  }

  async function runCommand(command: CommandName): Promise<void> {
    if (state.busy) return;
    setBusy(true);
    try {
      const res = await bridge.run(command);
      const summary = res && res.summary ? res.summary : { en: '', zh: '' };
      say(res && res.ok ? 'ok' : 'error', summary);
      if (res && res.ok) {
        if (command === 'clear' || command === 'convert' || command === 'rollForward') state.findings = null;
        if (command === 'convert' && state.reading) {
          state.readingBefore = roleCounts(state.reading);
          // Unfolded after Convert only when something was not placed.
          state.readingOpen = (readReading(res.details)?.unplaced.length ?? 0) > 0;
        }
        absorb(res);
        renderFindings();
        await refreshSummary();
      }
    } catch (e) {
      say('error', failure(e));
    } finally {
      setBusy(false);
    }
  }

  async function saveFrom(form: HTMLFormElement): Promise<void> {
    const val = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
    const problems: Msg[] = [];
    const whole = (name: string, label: Msg): number => {
      const n = Number(val(name));
      if (val(name) === '' || !Number.isInteger(n) || n < 0) {
        problems.push({ en: `${label.en}: ${S.badNumber.en}`, zh: `${label.zh}：${S.badNumber.zh}` });
      }
      return n;
    };
    const frac = (name: string, label: Msg): number => {
      const n = Number(val(name));
      if (val(name) === '' || !Number.isFinite(n) || n < 0 || n > 1) {
        problems.push({ en: `${label.en}: ${S.badBand.en}`, zh: `${label.zh}：${S.badBand.zh}` });
      }
      return n;
    };
    const objectivesPerOwner = whole('objectivesPerOwner', S.objectivesPerOwner);
    const krsPerObjective = whole('krsPerObjective', S.krsPerObjective);
    const staleDays = whole('staleDays', S.staleDays);
    const red = frac('red', S.bandRed);
    const yellow = frac('yellow', S.bandYellow);
    if (!problems.length && red > yellow) problems.push(S.badBands);
    const cycle = val('cycle');
    if (cycle && !/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/i.test(cycle)) problems.push(S.badCycle);
    const choice = val('lang') as LangChoice;
    if (problems.length) {
      say('error', { en: problems.map((p) => p.en).join('\n'), zh: problems.map((p) => p.zh).join('\n') });
      return;
    }
    const next = resolveSettings({
      ...state.settings,
      lang: choice === 'auto' ? localeLang() : choice,
      bands: { red, yellow },
      limits: { ...state.settings.limits, objectivesPerOwner, krsPerObjective, staleDays },
      cycle: cycle ? cycle.toUpperCase() : null,
      formulaMode: val('formulaMode') === 'portable' ? 'portable' : 'addin',
    });
    try {
      // "Automatic" is saved as no language at all, so the host (and core) keep following the host's language.
      await bridge.saveSettings(next, choice === 'auto');
      state.settings = next;
      state.langChoice = choice;
      renderAll();
      say('ok', S.saved);
    } catch (e) {
      say('error', failure(e));
    }
  }

  renderAll();
  void (async () => {
    try {
      const got = await bridge.getSettings();
      const s = resolveSettings(got);
      state.settings = s;
      state.langChoice = got && got.followLocale === true ? 'auto' : s.lang;
    } catch (e) {
      state.messages = [{ kind: 'error', text: failure(e) }];
    }
    renderAll();
    await refreshSummary();
    root.dataset.state = state.busy ? 'busy' : 'ready';
  })();
}
