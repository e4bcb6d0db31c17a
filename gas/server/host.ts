/**
 * One command's view of the spreadsheet: the Spreadsheet, its sheets by name and its time zone, each asked for once
 * (every Spreadsheet service call is a round trip; a command asks for each of these several times otherwise).
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A new sheet's size in Sheets: 1000 rows, 26 columns. */
export const NEW_SHEET = { rows: 1000, cols: 26 };
/** A new sheet's columns are this wide (pixels) until set. */
export const NEW_SHEET_WIDTH = 100;

export class HostContext {
  readonly ss: Spreadsheet;
  private byName: Map<string, Sheet> | null = null;
  /** Sheets asked for by name (sheetNamed) before or instead of all of them; null: there is none of that name. */
  private named = new Map<string, Sheet | null>();
  private order: string[] = [];
  private zone: string | null = null;
  private shown: string | null = null;

  /** `shown`: the name of the sheet the user is on, when the caller knows it (onEdit: the sheet edited). */
  constructor(ss?: Spreadsheet, shown?: string) {
    this.ss = ss ?? SpreadsheetApp.getActiveSpreadsheet();
    this.shown = shown ?? null;
  }

  private load(): Map<string, Sheet> {
    if (!this.byName) {
      this.byName = new Map();
      for (const s of this.ss.getSheets()) {
        const name = s.getName();
        this.byName.set(name, s);
        this.order.push(name);
      }
    }
    return this.byName;
  }

  /** Every sheet name in tab order. */
  sheetNames(): string[] {
    this.load();
    return [...this.order];
  }

  /**
   * Set when the command asks for the sheets it needs by name (readWorkbook): the sheet shown is then asked for as
   * itself, not found among every sheet and name.
   */
  byNameOnly = false;

  /** Whether every sheet and name has been asked for (sheetNames), or only some sheets by name. */
  get everyName(): boolean {
    return this.byName !== null;
  }

  /** The names known to be sheets: every one once all were asked for, else the one shown and those found by name. */
  knownNames(): string[] {
    if (this.byName) return [...this.order];
    const found = [...this.named].filter(([, s]) => s).map(([n]) => n);
    return this.shown === null || found.includes(this.shown) ? found : [this.shown, ...found];
  }

  /** A sheet by name: from every sheet when they have been asked for, else by its name alone (sheetNamed). */
  sheet(name: string): Sheet | null {
    return this.sheetNamed(name);
  }

  /**
   * One sheet by its name without asking for every sheet and name (one call, or none once known): for a command that
   * needs only a few sheets it can name (an edit's check-in). The sheet is then known to sheet() by that name.
   */
  sheetNamed(name: string): Sheet | null {
    if (this.byName) return this.byName.get(name) ?? null;
    if (!this.named.has(name)) this.named.set(name, this.ss.getSheetByName(name));
    return this.named.get(name) ?? null;
  }

  /** Whether this command inserted a sheet (insertSheet shows the new one: the user's sheet is no longer shown). */
  insertedAny = false;

  /** Records a sheet the command inserted at 0-based `index`. */
  added(name: string, sheet: Sheet, index: number): void {
    this.insertedAny = true;
    this.named.delete(name);
    this.load().set(name, sheet);
    this.order.splice(Math.max(0, Math.min(index, this.order.length)), 0, name);
  }

  removed(name: string): void {
    this.named.delete(name);
    this.load().delete(name);
    this.order = this.order.filter((n) => n !== name);
  }

  /** The name of the sheet the user is on (the only sheet there is needs no asking: the active one is never hidden). */
  activeName(): string {
    if (this.shown === null && this.byNameOnly && !this.byName) {
      const active = this.ss.getActiveSheet();
      this.shown = active.getName();
      this.named.set(this.shown, active);
    }
    if (this.shown === null) {
      const names = this.sheetNames();
      this.shown = names.length === 1 ? names[0] : this.ss.getActiveSheet().getName();
    }
    return this.shown;
  }

  /** The spreadsheet's time zone (File > Settings), or the script's. */
  timeZone(): string {
    if (this.zone === null) this.zone = this.ss.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
    return this.zone;
  }
}
