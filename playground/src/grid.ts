/**
 * The playground's spreadsheet view of the in-browser workbook: sheet tabs, a name box and formula bar, editable
 * cells, values computed by the formula engine, fills (the cells' own and conditional formats), notes, dropdowns,
 * tables and frozen rows, shown as a person sees them in Excel. Every cell text is set with textContent.
 */
import { chartLayer } from './charts';
import { SimOfficeError, type SimSheet, type SimWorkbook } from '../excel-sim/workbook';
import { colName, containsCell } from '../excel-sim/address';
import { editText, formatValue } from './format';
import { withPassCache } from './engine';
import { pastedBlock } from './delimited';
import { msg, t, type Lang, type Msg } from '../../core/i18n';

const MAX_RENDER_ROWS = 1000;
const ROW_PX = 24;
/** Width of the row-number column (col.rowhead-col in index.html). */
const ROWHEAD_PX = 44;

export interface GridEvents {
  /** A person changed a cell (after the workbook took the change). */
  edited(sheet: string, row: number, col: number): void;
  /** Something to tell the person (a rejected dropdown value...). */
  message(text: string): void;
  /** A person pasted a block of `rows` x `cols` cells with its top-left cell at `at` (A1). */
  pasted(rows: number, cols: number, at: string): void;
  /** The page's language, for the grid's own few words. */
  lang(): Lang;
}

const GRID_TEXT = {
  more: (shown: number, all: number): Msg =>
    msg(`Showing the first ${shown} rows of ${all}.`, `仅显示前 ${shown} 行（共 ${all} 行）。`),
  notInList: (value: string, list: string[]): Msg =>
    msg(
      `"${value}" is not in this cell's list (${list.join(', ')}).`,
      `“${value}”不在此单元格的下拉列表中（${list.join('、')}）。`,
    ),
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** '#RRGGBB' -> whether dark text would be unreadable on it. */
function isDark(fill: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 140;
}

export class Grid {
  private sel = { row: 0, col: 0 };
  private lastWbSelection: unknown = null;
  private editor: HTMLInputElement | null = null;
  private popup: HTMLElement | null = null;
  private readonly nameBox = el('input', 'name-box');
  private readonly formulaInput = el('input', 'formula-input');
  private readonly scroller = el('div', 'grid-scroll');
  private readonly tabs = el('div', 'sheet-tabs');
  private table: HTMLTableElement = el('table', 'grid');

  constructor(
    private readonly root: HTMLElement,
    private readonly wb: SimWorkbook,
    private readonly events: GridEvents,
  ) {
    this.nameBox.readOnly = true;
    this.nameBox.id = 'name-box';
    this.nameBox.setAttribute('aria-label', 'Cell');
    this.formulaInput.id = 'formula-input';
    this.formulaInput.setAttribute('aria-label', 'Formula bar');
    this.formulaInput.spellcheck = false;
    const bar = el('div', 'formula-bar');
    bar.append(this.nameBox, el('span', 'fx', 'fx'), this.formulaInput);
    this.scroller.tabIndex = 0;
    this.scroller.id = 'grid';
    root.replaceChildren(bar, this.scroller, this.tabs);

    this.formulaInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.commit(this.sel.row, this.sel.col, this.formulaInput.value);
        this.move(1, 0);
        this.scroller.focus();
      } else if (e.key === 'Escape') {
        this.showSelection();
        this.scroller.focus();
      }
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('paste', (e) => this.onPaste(e));
    this.scroller.addEventListener('mousedown', (e) => {
      const td = (e.target as HTMLElement).closest('td[data-row]') as HTMLElement | null;
      if (!td) return;
      if ((e.target as HTMLElement).classList.contains('dd-button')) return;
      this.finishEdit(true);
      this.sel = { row: Number(td.dataset.row), col: Number(td.dataset.col) };
      this.showSelection();
    });
    this.scroller.addEventListener('dblclick', (e) => {
      const td = (e.target as HTMLElement).closest('td[data-row]') as HTMLElement | null;
      if (td) this.startEdit(editText(this.sheet.get(this.sel.row, this.sel.col)));
    });
    this.scroller.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest('.dd-button') as HTMLElement | null;
      if (b) this.openDropdown(Number(b.dataset.row), Number(b.dataset.col));
    });
  }

  private say(m: Msg): string {
    return t(m, this.events.lang());
  }

  private get sheet(): SimSheet {
    return this.wb.active;
  }

  /** Redraws everything from the workbook (cheap for playground-sized sheets). */
  render(): void {
    this.closePopup();
    if (this.wb.selection && this.wb.selection !== this.lastWbSelection) {
      // The add-in selected a cell (a finding was clicked): follow it.
      this.lastWbSelection = this.wb.selection;
      const s = this.wb.selection;
      if (this.wb.sheet(s.sheet)) this.wb.activate(s.sheet);
      this.sel = { row: s.rect.row, col: s.rect.col };
    }
    withPassCache(() => {
      this.renderTabs();
      this.renderTable();
    });
    this.showSelection();
  }

  selectCell(row: number, col: number): void {
    this.sel = { row, col };
    this.showSelection();
  }

  private renderTabs(): void {
    const tabs = this.wb.sheets
      .filter((s) => s.visible)
      .map((s) => {
        const b = el('button', s === this.sheet ? 'sheet-tab active' : 'sheet-tab', s.name);
        b.type = 'button';
        b.dataset.sheet = s.name;
        b.addEventListener('click', () => {
          this.finishEdit(true);
          this.wb.activate(s.name);
          this.sel = { row: 0, col: 0 };
          this.render();
        });
        return b;
      });
    this.tabs.replaceChildren(...tabs);
  }

  private renderTable(): void {
    const sh = this.sheet;
    const used = sh.usedRect(false);
    const rows = Math.min(MAX_RENDER_ROWS, Math.max(30, used ? used.row + used.rows + 5 : 0, this.sel.row + 5));
    const cols = Math.max(12, used ? used.col + used.cols + 2 : 0, this.sel.col + 3);
    const table = el('table', 'grid');
    const widths = this.columnWidths(sh, cols, rows);
    const colgroup = el('colgroup');
    colgroup.append(el('col', 'rowhead-col'));
    for (const w of widths) {
      const col = el('col');
      col.style.width = `${w}px`;
      colgroup.append(col);
    }
    // A fixed layout only holds with an explicit table width; then long text never widens its column.
    table.style.width = `${ROWHEAD_PX + widths.reduce((a, b) => a + b, 0)}px`;
    table.append(colgroup, this.columnHeads(sh, cols), this.bodyRows(sh, rows, cols));
    const scrollTop = this.scroller.scrollTop;
    const scrollLeft = this.scroller.scrollLeft;
    const keep: Node[] = [table];
    if (used && used.row + used.rows > MAX_RENDER_ROWS)
      keep.push(el('p', 'grid-more', this.say(GRID_TEXT.more(MAX_RENDER_ROWS, used.row + used.rows))));
    this.scroller.replaceChildren(...keep);
    // The sheet's charts (the add-in's dashboard) float over the cells, as in Excel.
    const charts = chartLayer(this.wb, sh, table);
    if (charts) this.scroller.append(charts);
    this.stickFrozenRows(table, sh.freezeRows);
    this.stickFrozenCols(table, widths, sh.freezeCols);
    this.clipSpills(table, sh, widths);
    this.scroller.scrollTop = scrollTop;
    this.scroller.scrollLeft = scrollLeft;
    this.table = table;
  }

  /** Each column's width in pixels: the width the sheet sets, or one fitted to the column's text. */
  private columnWidths(sh: SimSheet, cols: number, rows: number): number[] {
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const set = sh.columnWidths[c];
      widths.push(set ? Math.round((set * 4) / 3) : this.autoWidth(c, Math.min(rows, 200)));
    }
    return widths;
  }

  /** The row of column letters. */
  private columnHeads(sh: SimSheet, cols: number): HTMLTableSectionElement {
    const thead = el('thead');
    const hr = el('tr');
    hr.append(el('th', 'corner'));
    for (let c = 0; c < cols; c++) {
      const th = el('th', c < sh.freezeCols ? 'colhead frozen-col' : 'colhead', colName(c));
      th.dataset.col = String(c);
      hr.append(th);
    }
    thead.append(hr);
    return thead;
  }

  /** The sheet's rows; a merged area is one cell, drawn by its top-left cell (the cells it covers have none). */
  private bodyRows(sh: SimSheet, rows: number, cols: number): HTMLTableSectionElement {
    const tbody = el('tbody');
    const tables = sh.tables;
    for (let r = 0; r < rows; r++) {
      const tr = el('tr');
      tr.append(el('th', 'rowhead', String(r + 1)));
      if (r < sh.freezeRows) tr.className = 'frozen';
      for (let c = 0; c < cols; c++) {
        const merge = sh.mergeAt(r, c);
        if (merge && (merge.row !== r || merge.col !== c)) continue;
        const td = this.renderCell(sh, r, c, tables);
        if (c < sh.freezeCols) td.classList.add('frozen-col');
        if (merge) {
          td.colSpan = Math.min(merge.cols, cols - c);
          td.rowSpan = Math.min(merge.rows, rows - r);
          td.classList.remove('spill');
          td.classList.add('merged');
        }
        tr.append(td);
      }
      tbody.append(tr);
    }
    return tbody;
  }

  /** Frozen columns stay right of the row numbers while the sheet scrolls sideways (sticky left, per cell). */
  private stickFrozenCols(table: HTMLTableElement, widths: number[], frozen: number): void {
    if (!frozen) return;
    const lefts: number[] = [];
    let left = ROWHEAD_PX;
    for (let c = 0; c < frozen; c++) {
      lefts.push(left);
      left += widths[c] ?? 0;
    }
    for (const cellEl of Array.from(table.querySelectorAll<HTMLElement>('.frozen-col'))) {
      const c = Number(cellEl.dataset.col);
      cellEl.style.left = `${lefts[c] ?? ROWHEAD_PX}px`;
    }
  }

  /**
   * Text spilling right stops where Excel stops it: at the next cell that is not empty, and, for a frozen column, at
   * the freeze line (else a long frozen title is drawn over the scrolled cells, or under its frozen neighbour).
   */
  private clipSpills(table: HTMLTableElement, sh: SimSheet, widths: number[]): void {
    const empty = (r: number, c: number) => {
      const x = sh.get(r, c);
      return (!x || ((x.v === undefined || x.v === '') && x.f === undefined)) && !sh.mergeAt(r, c);
    };
    for (const td of Array.from(table.querySelectorAll<HTMLElement>('td.spill'))) {
      const r = Number(td.dataset.row);
      const c = Number(td.dataset.col);
      const end = c < sh.freezeCols ? sh.freezeCols : widths.length;
      let room = widths[c];
      for (let k = c + 1; k < end && empty(r, k); k++) room += widths[k];
      const text = td.querySelector<HTMLElement>('.cv');
      if (text) text.style.cssText = `display:inline-block;max-width:${room - 10}px;overflow:hidden;vertical-align:top`;
      // Above its (empty) frozen neighbours, which are painted later with a background.
      if (c < sh.freezeCols) td.classList.add('spill-frozen');
    }
  }

  /**
   * Frozen rows stay under the column letters while the sheet scrolls: each of their cells sticks at the height of
   * what is above it (sticky works per cell, so the offset goes on every cell, measured once the table is laid out).
   */
  private stickFrozenRows(table: HTMLTableElement, frozen: number): void {
    let top = table.tHead?.offsetHeight ?? ROW_PX;
    for (let r = 0; r < frozen && r < table.tBodies[0].rows.length; r++) {
      const tr = table.tBodies[0].rows[r];
      for (const cellEl of Array.from(tr.cells)) cellEl.style.top = `${top}px`;
      top += tr.offsetHeight;
    }
  }

  private autoWidth(col: number, rows: number): number {
    let longest = 0;
    for (let r = 0; r < rows; r++) {
      const cell = this.sheet.get(r, col);
      if (!cell || cell.v === undefined || this.sheet.mergeAt(r, col)) continue;
      const text = formatValue(cell.v, cell.nf);
      // CJK characters are about twice as wide as Latin ones.
      let w = 0;
      for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
      // A lone title on its row spills over its empty neighbours, as in Excel; do not size the column for it.
      if (
        w > 12 &&
        !this.sheet.get(r, col + 1)?.v &&
        !this.sheet.cells[r]?.some((x, c) => c !== col && x && x.v !== undefined && x.v !== '')
      )
        continue;
      longest = Math.max(longest, w);
    }
    return Math.max(72, Math.min(230, longest * 7 + 14));
  }

  private renderCell(sh: SimSheet, r: number, c: number, tables: SimSheet['tables']): HTMLTableCellElement {
    const td = el('td');
    td.dataset.row = String(r);
    td.dataset.col = String(c);
    td.dataset.addr = `${colName(c)}${r + 1}`;
    const cell = sh.get(r, c);
    const classes: string[] = [];
    const table = tables.find((t) => containsCell(t.rect, r, c));
    if (table) {
      if (r === table.rect.row) classes.push('tbl-head');
      else if ((r - table.rect.row) % 2 === 0) classes.push('tbl-band');
      else classes.push('tbl-body');
    }
    let value: unknown = null;
    if (cell && (cell.f !== undefined || cell.v !== undefined)) value = this.wb.value(sh.name, r, c);
    const text = formatValue(value, cell?.nf);
    const span = el('span', 'cv', text);
    td.append(span);
    if (typeof value === 'string' && value && cell?.f === undefined) {
      const right = sh.get(r, c + 1);
      const empty = !right || (right.v === undefined && right.f === undefined) || right.v === '';
      if (empty && !sh.mergeAt(r, c + 1)) classes.push('spill');
    }
    if (typeof value === 'number') classes.push('num');
    else if (typeof value === 'boolean') classes.push('bool');
    if (typeof value === 'string' && /^#[A-Z/0]+[!?A]?/.test(value) && cell?.f !== undefined) {
      classes.push('err');
      // What the function said about the error, on hover (Excel shows a custom function's message the same way).
      if (cell.why) {
        td.dataset.why = cell.why;
        td.title = cell.why;
      }
    }
    if (cell?.f !== undefined) td.dataset.formula = cell.f;
    if (cell?.bold) classes.push('bold');
    const fill = sh.conditionalFormats.length || cell?.fill ? this.wb.displayFill(sh.name, r, c) : null;
    if (fill) {
      td.style.background = fill;
      td.dataset.fill = fill.toLowerCase();
      if (!cell?.fontColor) td.style.color = isDark(fill) ? '#ffffff' : '#242424';
    }
    if (cell?.fontColor) td.style.color = cell.fontColor;
    this.addNoteAndList(td, classes, sh, r, c);
    if (!td.title && text.length > 12) td.title = text;
    td.className = classes.join(' ');
    return td;
  }

  /** A cell's note (shown on hover) and its dropdown button when a list validation covers it. */
  private addNoteAndList(td: HTMLTableCellElement, classes: string[], sh: SimSheet, r: number, c: number): void {
    const note = sh.notes.get(`${r},${c}`);
    if (note) {
      classes.push('has-note');
      td.dataset.note = note;
      td.title = note;
      td.append(el('span', 'note-tip', note));
    }
    const dv = sh.validations.find((v) => containsCell(v.rect, r, c));
    if (dv) {
      classes.push('has-list');
      const b = el('span', 'dd-button', '▾');
      b.dataset.row = String(r);
      b.dataset.col = String(c);
      b.title = dv.list.join(', ');
      td.append(b);
    }
  }

  /** The element showing a cell (a merged area's top-left cell for every cell it covers). */
  private cellTd(row: number, col: number): HTMLTableCellElement | null {
    const m = this.sheet.mergeAt(row, col);
    const [r, c] = m ? [m.row, m.col] : [row, col];
    return this.table.querySelector(`td[data-row="${r}"][data-col="${c}"]`);
  }

  private showSelection(): void {
    // Selecting any cell of a merged area selects the area, named by its top-left cell, as in Excel.
    const m = this.sheet.mergeAt(this.sel.row, this.sel.col);
    if (m) this.sel = { row: m.row, col: m.col };
    for (const old of Array.from(this.table.querySelectorAll('td.selected'))) old.classList.remove('selected');
    const td = this.cellTd(this.sel.row, this.sel.col);
    td?.classList.add('selected');
    this.nameBox.value = `${colName(this.sel.col)}${this.sel.row + 1}`;
    this.formulaInput.value = editText(this.sheet.get(this.sel.row, this.sel.col));
    if (td) {
      const s = this.scroller;
      const top = td.offsetTop - ROW_PX * (this.sheet.freezeRows + 1);
      if (top < s.scrollTop) s.scrollTop = Math.max(0, top);
      else if (td.offsetTop + td.offsetHeight > s.scrollTop + s.clientHeight)
        s.scrollTop = td.offsetTop + td.offsetHeight - s.clientHeight;
      const frozenWidth = this.frozenColsWidth();
      if (td.classList.contains('frozen-col')) {
        /* always in view */
      } else if (td.offsetLeft < s.scrollLeft + frozenWidth) s.scrollLeft = Math.max(0, td.offsetLeft - frozenWidth);
      else if (td.offsetLeft + td.offsetWidth > s.scrollLeft + s.clientWidth)
        s.scrollLeft = td.offsetLeft + td.offsetWidth - s.clientWidth;
    }
  }

  /** Width of the row numbers and the frozen columns: what stays on the left while scrolling. */
  private frozenColsWidth(): number {
    const cells = Array.from(this.table.querySelectorAll<HTMLElement>('thead th.frozen-col'));
    return ROWHEAD_PX + cells.reduce((sum, th) => sum + th.offsetWidth, 0);
  }

  private move(dr: number, dc: number): void {
    // Leaving a merged area forwards or down starts from its far edge.
    const m = this.sheet.mergeAt(this.sel.row, this.sel.col);
    const from = m ? { row: dr > 0 ? m.row + m.rows - 1 : m.row, col: dc > 0 ? m.col + m.cols - 1 : m.col } : this.sel;
    this.sel = { row: Math.max(0, from.row + dr), col: Math.max(0, from.col + dc) };
    if (!this.cellTd(this.sel.row, this.sel.col)) this.render();
    else this.showSelection();
  }

  private onKey(e: KeyboardEvent): void {
    if (this.editor) return;
    const moves: Record<string, [number, number]> = {
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, 1],
    };
    if (moves[e.key]) {
      e.preventDefault();
      this.move(...moves[e.key]);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      this.startEdit(editText(this.sheet.get(this.sel.row, this.sel.col)));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.commit(this.sel.row, this.sel.col, '');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      this.startEdit(e.key);
    }
  }

  /**
   * Cells copied from Excel or Google Sheets (tab-separated text, multi-line cells quoted), pasted at the selection
   * as one change (text is kept exactly; see pastedInput). Text pasted into the cell editor stays the editor's.
   */
  private onPaste(e: ClipboardEvent): void {
    if (this.editor || (e.target as HTMLElement).closest('input')) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!text) return;
    e.preventDefault();
    const block = pastedBlock(text);
    if (!block.length) return;
    const { row, col } = this.sel;
    try {
      this.wb.paste(this.sheet.name, row, col, block);
    } catch (err) {
      this.events.message(err instanceof Error ? err.message : String(err));
      return;
    }
    this.render();
    this.events.edited(this.sheet.name, row, col);
    this.events.pasted(block.length, block[0].length, `${colName(col)}${row + 1}`);
  }

  private startEdit(initial: string): void {
    const td = this.cellTd(this.sel.row, this.sel.col);
    if (!td) return;
    this.finishEdit(true);
    const input = el('input', 'cell-editor');
    input.value = initial;
    input.spellcheck = false;
    input.style.left = `${td.offsetLeft}px`;
    input.style.top = `${td.offsetTop}px`;
    input.style.width = `${Math.max(td.offsetWidth, 120)}px`;
    input.style.height = `${td.offsetHeight}px`;
    const { row, col } = this.sel;
    input.dataset.row = String(row);
    input.dataset.col = String(col);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        this.finishEdit(true);
        this.move(e.key === 'Enter' ? 1 : 0, e.key === 'Tab' ? 1 : 0);
        this.scroller.focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.finishEdit(false);
        this.scroller.focus();
      }
      e.stopPropagation();
    });
    input.addEventListener('input', () => {
      this.formulaInput.value = input.value;
    });
    input.addEventListener('blur', () => this.finishEdit(true));
    this.scroller.append(input);
    this.editor = input;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private finishEdit(keep: boolean): void {
    const ed = this.editor;
    if (!ed) return;
    this.editor = null;
    ed.remove();
    if (keep) this.commit(Number(ed.dataset.row), Number(ed.dataset.col), ed.value);
    else this.showSelection();
  }

  /** A person typed `text` into a cell: the workbook interprets it as Excel would (numbers, %, dates, =formulas). */
  commit(row: number, col: number, text: string): void {
    const before = editText(this.sheet.get(row, col));
    if (text === before) return;
    try {
      this.wb.edit(this.sheet.name, row, col, text === '' ? null : text);
    } catch (e) {
      const dv = this.sheet.validations.find((v) => containsCell(v.rect, row, col));
      const refused = e instanceof SimOfficeError && e.code === 'InvalidArgument' && dv;
      this.events.message(
        refused ? this.say(GRID_TEXT.notInList(text, dv.list)) : e instanceof Error ? e.message : String(e),
      );
      this.render();
      return;
    }
    this.render();
    this.events.edited(this.sheet.name, row, col);
  }

  private openDropdown(row: number, col: number): void {
    this.closePopup();
    const dv = this.sheet.validations.find((v) => containsCell(v.rect, row, col));
    const td = this.cellTd(row, col);
    if (!dv || !td) return;
    this.sel = { row, col };
    this.showSelection();
    const list = el('div', 'dd-list');
    list.setAttribute('role', 'listbox');
    for (const item of dv.list) {
      const o = el('div', 'dd-item', item);
      o.setAttribute('role', 'option');
      o.dataset.value = item;
      o.addEventListener('mousedown', (e) => {
        e.preventDefault();
        this.closePopup();
        this.commit(row, col, item);
      });
      list.append(o);
    }
    list.style.left = `${td.offsetLeft}px`;
    list.style.top = `${td.offsetTop + td.offsetHeight}px`;
    list.style.minWidth = `${td.offsetWidth}px`;
    this.scroller.append(list);
    this.popup = list;
    const close = (e: MouseEvent) => {
      if (!list.contains(e.target as Node)) {
        this.closePopup();
        document.removeEventListener('mousedown', close, true);
      }
    };
    document.addEventListener('mousedown', close, true);
  }

  private closePopup(): void {
    this.popup?.remove();
    this.popup = null;
  }
}
