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
import {
  readFindings,
  readSummary,
  type CommandName,
  type PanelBridge,
  type PanelFinding,
  type PanelResult,
  type PanelSummary,
} from './bridge';
import { PANEL_CSS } from './panel-css';
import { PROGRESS_CSS, PROGRESS_TEXT, readProgress, renderProgress, type PanelProgress } from './progress';
import { R, READING_CSS, readReading, renderReading, type PanelReading } from './reading';
import { roleCounts, type RoleCounts } from '../core/reading-summary';
import { PANEL_TEXT, otherCyclesNote, unscoredNote } from './strings';

/** Findings beyond this are counted, not listed (a 50,000-row sheet can have thousands). */
const MAX_FINDINGS_SHOWN = 200;
const MAX_MESSAGES = 3;
/** How long the sheet must stay unchanged before the panel reads its summary again. */
const REFRESH_PAUSE_MS = 500;

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

const ACTIONS: {
  command: CommandName;
  label: keyof typeof PANEL_TEXT;
  tip: keyof typeof PANEL_TEXT;
  primary?: boolean;
}[] = [
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
  new Panel(root, bridge).start();
}

/** A whole number >= 0 from a settings field, or a problem. */
function wholeField(raw: string, label: Msg, problems: Msg[]): number {
  const n = Number(raw);
  if (raw === '' || !Number.isInteger(n) || n < 0)
    problems.push({ en: `${label.en}: ${PANEL_TEXT.badNumber.en}`, zh: `${label.zh}：${PANEL_TEXT.badNumber.zh}` });
  return n;
}

/** A fraction in [0, 1] from a settings field, or a problem. */
function fracField(raw: string, label: Msg, problems: Msg[]): number {
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n) || n < 0 || n > 1)
    problems.push({ en: `${label.en}: ${PANEL_TEXT.badBand.en}`, zh: `${label.zh}：${PANEL_TEXT.badBand.zh}` });
  return n;
}

/** The panel on one root element: its state, one render method per section, and the event wiring. */
class Panel {
  private readonly state: PanelState = {
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
  private readonly header = el('header');
  private readonly summaryBox = el('section', { class: 'okr-summary', 'aria-live': 'polite' });
  private readonly actionsBox = el('section', { class: 'okr-actions' });
  private readonly findingsBox = el('section', { class: 'okr-findings-box' });
  private readonly progressBox = el('section', { class: 'okr-progress-box' });
  private readonly settingsBox = el('section', { class: 'okr-settings' });
  private readonly readingBox = el('section', { class: 'okr-reading', 'aria-live': 'polite' });
  private readonly messagesBox = el('div', { class: 'okr-msgs', role: 'status', 'aria-live': 'polite' });
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every summary read and command: a read that a newer one overtook is dropped. */
  private readSeq = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly bridge: PanelBridge,
  ) {
    adoptCss(root.ownerDocument);
    root.classList.add('okr-panel');
    root.dataset.host = bridge.host;
    root.dataset.state = 'loading';
    const boxes = [this.summaryBox, this.actionsBox, this.readingBox, this.findingsBox, this.progressBox];
    root.replaceChildren(this.header, ...boxes, this.settingsBox);
  }

  /** First render, then the saved settings and the sheet's summary. */
  start(): void {
    this.renderAll();
    void (async () => {
      try {
        const got = await this.bridge.getSettings();
        const s = resolveSettings(got);
        this.state.settings = s;
        this.state.langChoice = got && got.followLocale === true ? 'auto' : s.lang;
      } catch (e) {
        this.state.messages = [{ kind: 'error', text: this.failure(e) }];
      }
      this.renderAll();
      await this.refreshSummary();
      this.root.dataset.state = this.state.busy ? 'busy' : 'ready';
      this.bridge.onSheetChange?.(() => this.refreshSoon());
    })();
  }

  /**
   * The user changed the sheet under the panel (pasted a sheet, edited a value, showed another sheet): the summary
   * is read again once the changes pause. Not while a command runs: it reads the summary itself when it ends.
   */
  private refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      if (!this.state.busy) void this.refreshSummary();
    }, REFRESH_PAUSE_MS);
  }

  private localeLang(): Lang {
    try {
      return langFromLocale(this.bridge.locale());
    } catch {
      return 'en';
    }
  }

  private lang(): Lang {
    return this.state.langChoice === 'auto' ? this.localeLang() : this.state.langChoice;
  }

  private tr(m: Msg): string {
    return t(m, this.lang()) || m.en || m.zh;
  }

  private renderAll(): void {
    this.root.lang = this.lang() === 'zh' ? 'zh-CN' : 'en';
    this.root.dataset.lang = this.lang();
    this.renderHeader();
    this.renderSummary();
    this.renderActions();
    this.renderFindings();
    this.renderReadingBox();
    this.renderProgressBox();
    this.renderSettings();
  }

  private renderHeader(): void {
    const tr = (m: Msg) => this.tr(m);
    this.header.replaceChildren(
      el('h1', {}, tr(PANEL_TEXT.title)),
      el('p', { class: 'okr-sub' }, tr(PANEL_TEXT.subtitle)),
    );
  }

  private renderSummary(): void {
    const s = this.state.summary;
    const tr = (m: Msg) => this.tr(m);
    const card = (label: Msg, value: string, name: string, note: Msg | null = null) =>
      el(
        'div',
        { class: 'okr-card', 'data-summary': name },
        el('div', { class: 'okr-card-label' }, tr(label)),
        el('div', { class: 'okr-card-value' }, value),
        note ? el('div', { class: 'okr-card-note', 'data-note': 'unscored' }, tr(note)) : null,
      );
    const band = (name: 'red' | 'yellow' | 'green', label: Msg) =>
      el('span', { class: `okr-band okr-band-${name}`, 'data-band': name }, `${tr(label)} ${s ? s.bands[name] : '–'}`);
    this.summaryBox.replaceChildren(
      el('h2', {}, tr(PANEL_TEXT.summaryTitle), s?.cycle ? el('span', { class: 'okr-cycle' }, ` · ${s.cycle}`) : null),
      el(
        'div',
        { class: 'okr-cards' },
        card(PANEL_TEXT.objectives, s ? String(s.objectives) : '–', 'objectives'),
        card(PANEL_TEXT.krs, s ? String(s.krs) : '–', 'krs'),
        card(
          PANEL_TEXT.averageScore,
          s && s.averageScore !== null ? s.averageScore.toFixed(2) : '–',
          'average',
          s?.unscored ? unscoredNote(s.unscored) : null,
        ),
      ),
      el(
        'div',
        { class: 'okr-bands' },
        band('red', PANEL_TEXT.red),
        band('yellow', PANEL_TEXT.yellow),
        band('green', PANEL_TEXT.green),
      ),
    );
    if (!s) this.summaryBox.append(el('p', { class: 'okr-empty' }, tr(PANEL_TEXT.noData)));
    const others = s?.cycle ? (this.state.reading?.cycles ?? []).filter((c) => c !== s.cycle) : [];
    if (s?.cycle && others.length)
      this.summaryBox.append(
        el('p', { class: 'okr-note', 'data-note': 'cycles' }, tr(otherCyclesNote(s.cycle, others))),
      );
  }

  private renderActions(): void {
    const buttons = ACTIONS.map((a) => {
      const b = el(
        'button',
        {
          type: 'button',
          class: a.primary ? 'okr-btn okr-primary' : 'okr-btn',
          title: this.tr(PANEL_TEXT[a.tip]),
          'data-command': a.command,
        },
        this.tr(PANEL_TEXT[a.label]),
      );
      b.disabled = this.state.busy;
      b.addEventListener('click', () => void this.runCommand(a.command));
      return b;
    });
    this.actionsBox.replaceChildren(
      el('h2', {}, this.tr(PANEL_TEXT.actions)),
      el('div', { class: 'okr-buttons' }, ...buttons),
      this.messagesBox,
    );
    this.renderMessages();
  }

  private renderMessages(): void {
    const items = this.state.messages.map((m) =>
      el('div', { class: `okr-msg okr-msg-${m.kind}`, 'data-kind': m.kind }, this.tr(m.text)),
    );
    if (this.state.busy)
      items.unshift(el('div', { class: 'okr-msg', 'data-kind': 'busy' }, this.tr(PANEL_TEXT.working)));
    this.messagesBox.replaceChildren(...items);
  }

  private say(kind: MsgKind, text: Msg): void {
    this.state.messages = [{ kind, text }, ...this.state.messages].slice(0, MAX_MESSAGES);
    this.renderMessages();
  }

  private failure(e: unknown): Msg {
    const why = errorText(e);
    return { en: `${PANEL_TEXT.failed.en} ${why}`, zh: `${PANEL_TEXT.failed.zh}${why}` };
  }

  /** Selects a cell in the sheet; a failure is said in the messages. */
  private select(sheet: string, row: number, col: number): void {
    this.bridge.select(sheet, row, col).catch((e) => this.say('error', this.failure(e)));
  }

  private renderFindings(): void {
    const list = this.state.findings;
    const count = list && list.length ? ` (${list.length})` : '';
    const parts: Node[] = [el('h2', {}, `${this.tr(PANEL_TEXT.findingsTitle)}${count}`)];
    if (!list) parts.push(el('p', { class: 'okr-empty' }, this.tr(PANEL_TEXT.findingsNone)));
    else if (!list.length)
      parts.push(el('p', { class: 'okr-empty', 'data-findings': 'clean' }, this.tr(PANEL_TEXT.findingsClean)));
    else {
      const ul = el('ul', { class: 'okr-findings' });
      for (const f of list.slice(0, MAX_FINDINGS_SHOWN)) ul.append(this.findingItem(f));
      if (list.length > MAX_FINDINGS_SHOWN) {
        const more = `+${list.length - MAX_FINDINGS_SHOWN} ${this.tr(PANEL_TEXT.findingsMore)}`;
        ul.append(el('li', { class: 'okr-more' }, more));
      }
      parts.push(ul);
    }
    this.findingsBox.replaceChildren(...parts);
  }

  /** One finding: severity, cell and message; clicking it (or Enter / Space) selects the cell. */
  private findingItem(f: PanelFinding): HTMLLIElement {
    const sev =
      f.severity === 'error' ? PANEL_TEXT.error : f.severity === 'info' ? PANEL_TEXT.info : PANEL_TEXT.warning;
    const where = f.row >= 0 && f.col >= 0 ? `${f.sheet ? f.sheet + '!' : ''}${a1(f.row, f.col)}` : f.sheet;
    const li = el(
      'li',
      { class: 'okr-finding', tabindex: '0', role: 'button', 'data-rule': f.rule },
      el('span', { class: `okr-sev okr-sev-${f.severity}`, title: this.tr(sev), 'aria-label': this.tr(sev) }),
      el('span', { class: 'okr-where' }, where),
      el('span', { class: 'okr-text' }, this.tr(f.message)),
    );
    if (f.row >= 0 && f.col >= 0) {
      const go = () => this.select(f.sheet, f.row, f.col);
      li.addEventListener('click', go);
      li.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          go();
        }
      });
    }
    return li;
  }

  private renderProgressBox(): void {
    this.progressBox.replaceChildren(
      el('h2', {}, this.tr(PROGRESS_TEXT.title)),
      renderProgress(this.root.ownerDocument, this.state.progress, this.lang()),
    );
  }

  /** The language and formula-mode selects of the settings form. */
  private settingsSelects(): HTMLElement[] {
    const tr = (m: Msg) => this.tr(m);
    const langSel = el(
      'select',
      { id: 'okr-set-lang', name: 'lang' },
      el('option', { value: 'auto' }, tr(PANEL_TEXT.langAuto)),
      el('option', { value: 'en' }, 'English'),
      el('option', { value: 'zh' }, '中文'),
    );
    langSel.value = this.state.langChoice;
    const modeSel = el(
      'select',
      { id: 'okr-set-formulaMode', name: 'formulaMode' },
      el('option', { value: 'addin' }, tr(PANEL_TEXT.formulaAddin)),
      el('option', { value: 'portable' }, tr(PANEL_TEXT.formulaPortable)),
    );
    modeSel.value = this.state.settings.formulaMode;
    return [
      el('div', { class: 'okr-field' }, el('label', { for: 'okr-set-lang' }, tr(PANEL_TEXT.language)), langSel),
      el(
        'div',
        { class: 'okr-field' },
        el('label', { for: 'okr-set-formulaMode' }, tr(PANEL_TEXT.formulaMode)),
        modeSel,
      ),
    ];
  }

  private renderSettings(): void {
    const s = this.state.settings;
    const input = (name: string, label: Msg, value: string, attrs: Record<string, string>) => {
      const i = el('input', { id: `okr-set-${name}`, name, ...attrs });
      i.value = value;
      return el('div', { class: 'okr-field' }, el('label', { for: `okr-set-${name}` }, this.tr(label)), i);
    };
    const whole = { type: 'number', min: '0', step: '1', inputmode: 'numeric' };
    const frac = { type: 'number', min: '0', max: '1', step: '0.05', inputmode: 'decimal' };
    const form = el(
      'form',
      { class: 'okr-form', novalidate: '' },
      input('objectivesPerOwner', PANEL_TEXT.objectivesPerOwner, String(s.limits.objectivesPerOwner), whole),
      input('krsPerObjective', PANEL_TEXT.krsPerObjective, String(s.limits.krsPerObjective), whole),
      input('staleDays', PANEL_TEXT.staleDays, String(s.limits.staleDays), whole),
      el(
        'div',
        { class: 'okr-row2' },
        input('red', PANEL_TEXT.bandRed, String(s.bands.red), frac),
        input('yellow', PANEL_TEXT.bandYellow, String(s.bands.yellow), frac),
      ),
      ...this.settingsSelects(),
      input('cycle', PANEL_TEXT.cycle, s.cycle ?? '', { type: 'text', autocomplete: 'off', spellcheck: 'false' }),
      el(
        'button',
        { type: 'submit', class: 'okr-btn okr-primary', 'data-command': 'save-settings' },
        this.tr(PANEL_TEXT.save),
      ),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.saveFrom(form);
    });
    const title = el('summary', {}, this.tr(PANEL_TEXT.settingsTitle));
    this.settingsBox.replaceChildren(el('details', { class: 'okr-settings-details' }, title, form));
  }

  private renderReadingBox(): void {
    const state = this.state;
    renderReading(this.readingBox, state.reading, {
      lang: this.lang(),
      settings: state.settings,
      before: state.readingBefore,
      open: state.readingOpen,
      onToggle: (open) => (state.readingOpen = open),
      save: (next, what) => void this.saveCorrection(next, what),
      select: (sheet, row, col) => this.select(sheet, row, col),
      disabled: state.busy,
    });
  }

  /** A correction from "How I read your sheet": saved with the workbook, then the sheet is read again. */
  private async saveCorrection(next: Settings, what: Msg): Promise<void> {
    if (this.state.busy) return;
    this.setBusy(true);
    try {
      await this.bridge.saveSettings(next, this.state.langChoice === 'auto');
      this.state.settings = next;
      this.say('ok', { en: `${what.en} ${R.saved.en}`, zh: `${what.zh}${R.saved.zh}` });
      await this.refreshSummary();
    } catch (e) {
      this.say('error', this.failure(e));
    } finally {
      this.setBusy(false);
      this.renderReadingBox();
    }
  }

  private setBusy(busy: boolean): void {
    this.state.busy = busy;
    this.root.dataset.state = busy ? 'busy' : 'ready';
    for (const b of Array.from(this.actionsBox.querySelectorAll('button'))) (b as HTMLButtonElement).disabled = busy;
    for (const sel of Array.from(this.readingBox.querySelectorAll('select')))
      sel.disabled = busy || sel.dataset.blank === 'true';
    this.renderMessages();
  }

  /** What a command's details say: findings, summary, progress and reading, each when present. */
  private absorb(res: PanelResult): void {
    const state = this.state;
    const findings = readFindings(res.details);
    if (findings) state.findings = findings;
    const summary = readSummary(res.details);
    if (summary) state.summary = summary;
    const progress = readProgress(res.details);
    if (progress) state.progress = progress;
    const reading = readReading(res.details);
    if (reading) state.reading = reading;
  }

  private async refreshSummary(): Promise<void> {
    const state = this.state;
    const seq = ++this.readSeq;
    try {
      const res = await this.bridge.run('summary');
      if (seq !== this.readSeq) return;
      if (res && res.ok) this.absorb(res);
      else {
        state.summary = null;
        state.progress = null;
      }
      // A sheet the reader found no OKRs on still has a reading: that is where the user can correct it.
      state.reading = res ? readReading(res.details) : null;
    } catch {
      if (seq !== this.readSeq) return;
      state.summary = null;
      state.reading = null;
      state.progress = null;
    }
    this.renderSummary();
    this.renderReadingBox();
    this.renderProgressBox();
  }

  private async runCommand(command: CommandName): Promise<void> {
    const state = this.state;
    if (state.busy) return;
    this.setBusy(true);
    this.readSeq++;
    try {
      const res = await this.bridge.run(command);
      const summary = res && res.summary ? res.summary : { en: '', zh: '' };
      this.say(res && res.ok ? 'ok' : 'error', summary);
      if (res && res.ok) {
        if (command === 'clear' || command === 'convert' || command === 'rollForward') state.findings = null;
        if (command === 'convert' && state.reading) {
          state.readingBefore = roleCounts(state.reading);
          // Unfolded after Convert only when something was not placed.
          state.readingOpen = (readReading(res.details)?.unplaced.length ?? 0) > 0;
        }
        this.absorb(res);
        this.renderFindings();
        await this.refreshSummary();
      }
    } catch (e) {
      this.say('error', this.failure(e));
    } finally {
      this.setBusy(false);
    }
  }

  /** The settings the form says, or the problems with what it says. */
  private settingsFrom(form: HTMLFormElement): { next: Settings; choice: LangChoice } | Msg[] {
    const val = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
    const problems: Msg[] = [];
    const objectivesPerOwner = wholeField(val('objectivesPerOwner'), PANEL_TEXT.objectivesPerOwner, problems);
    const krsPerObjective = wholeField(val('krsPerObjective'), PANEL_TEXT.krsPerObjective, problems);
    const staleDays = wholeField(val('staleDays'), PANEL_TEXT.staleDays, problems);
    const red = fracField(val('red'), PANEL_TEXT.bandRed, problems);
    const yellow = fracField(val('yellow'), PANEL_TEXT.bandYellow, problems);
    if (!problems.length && red > yellow) problems.push(PANEL_TEXT.badBands);
    const cycle = val('cycle');
    if (cycle && !/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/i.test(cycle)) problems.push(PANEL_TEXT.badCycle);
    if (problems.length) return problems;
    const choice = val('lang') as LangChoice;
    const next = resolveSettings({
      ...this.state.settings,
      lang: choice === 'auto' ? this.localeLang() : choice,
      bands: { red, yellow },
      limits: { ...this.state.settings.limits, objectivesPerOwner, krsPerObjective, staleDays },
      cycle: cycle ? cycle.toUpperCase() : null,
      formulaMode: val('formulaMode') === 'portable' ? 'portable' : 'addin',
    });
    return { next, choice };
  }

  private async saveFrom(form: HTMLFormElement): Promise<void> {
    const got = this.settingsFrom(form);
    if (Array.isArray(got)) {
      this.say('error', { en: got.map((p) => p.en).join('\n'), zh: got.map((p) => p.zh).join('\n') });
      return;
    }
    try {
      // "Automatic" is saved as no language at all, so the host (and core) keep following the host's language.
      await this.bridge.saveSettings(got.next, got.choice === 'auto');
      this.state.settings = got.next;
      this.state.langChoice = got.choice;
      this.renderAll();
      this.say('ok', PANEL_TEXT.saved);
    } catch (e) {
      this.say('error', this.failure(e));
    }
  }
}
