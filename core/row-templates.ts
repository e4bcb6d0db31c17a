/**
 * Formulas down a grid column differ from row to row only in their row number: '=OKR.OKRSCORE(K5,J5,I5,H5)', then
 * K6, J6... Built by concatenation, each cell costs 10 to 20 short-lived string pieces and a copy to flatten them:
 * in a 10,000-row plan, building those pieces and collecting them afterwards took half the plan's time. A template
 * is the formula built once with ROW_MARK where the row number goes; each row then gets the template joined with its
 * own number, a single flat string made in one copy.
 *
 * A template is keyed by everything the formula depends on besides the row number and what is the same for the whole
 * sheet (for instance a Type reference or a literal, a due date), and built from references made with ROW_MARK as
 * their row. Only formulas that use their references as plain text may be built this way (not one that parses a
 * range).
 */

/** Stands for the row number in a template; no formula contains it. */
export const ROW_MARK = '\u0000';

/** Distinct shapes kept per kind of formula; a sheet has a handful, so this only bounds a pathological one. */
const MAX_SHAPES = 1000;

type Level3 = Map<string, Map<string, Map<string, FilledCell>>>;

/**
 * Templates of one kind of formula (score, status, pace...). `build(k1, k2, k3)` makes the formula with ROW_MARK as
 * the row number of every reference it holds; the keys are its only inputs that vary from row to row, so two rows
 * with the same keys have the same template. Keys are plain strings ('' for none), looked up in nested maps: no key
 * string is built per row.
 */
export class RowTemplates {
  private shapes: Level3 = new Map();
  private count = 0;

  constructor(private readonly build: (k1: string, k2: string, k3: string) => string) {}

  /** The last shape used: consecutive rows nearly always share it, and then no map is looked up. */
  private last: { k1: string; k2: string; k3: string; template: FilledCell } | null = null;

  /** The formula for the row whose number (as text) is `rowText`. */
  formula(rowText: string, k1: string, k2 = '', k3 = ''): string {
    const parts = this.template(k1, k2, k3).parts;
    return parts.length === 1 ? parts[0] : parts.join(rowText);
  }

  /**
   * The plan cell of that formula, its text built when read (filledCell): a plan's formula text per row was most
   * of its memory (37 MB at 10,000 KRs), and a host that stores filled-down formulas as one (the .xlsx writer)
   * never needs the text of the rows below the first.
   */
  cell(rowText: string, k1: string, k2 = '', k3 = ''): { f: string } {
    return cellOf(this.template(k1, k2, k3), rowText);
  }

  private template(k1: string, k2: string, k3: string): FilledCell {
    const last = this.last;
    return last && last.k1 === k1 && last.k2 === k2 && last.k3 === k3 ? last.template : this.shape(k1, k2, k3);
  }

  /** The template of one shape, split at ROW_MARK (built on first use), as its cells' prototype. */
  private shape(k1: string, k2: string, k3: string): FilledCell {
    let byK2 = this.shapes.get(k1);
    if (!byK2) this.shapes.set(k1, (byK2 = new Map()));
    let byK3 = byK2.get(k2);
    if (!byK3) byK2.set(k2, (byK3 = new Map()));
    let template = byK3.get(k3);
    if (!template) {
      if (this.count >= MAX_SHAPES) {
        this.shapes.clear();
        this.count = 0;
        return this.shape(k1, k2, k3);
      }
      template = templateOf(this.build(k1, k2, k3).split(ROW_MARK));
      byK3.set(k3, template);
      this.count++;
    }
    this.last = { k1, k2, k3, template };
    return template;
  }
}

/** A template's pieces (split at ROW_MARK) and the row number text joined between them. */
export interface FilledFrom {
  parts: readonly string[];
  rowText: string;
}

/** The getter every FilledCell shares (one function, not a closure per cell). */
function joinedText(this: FilledCell): string {
  const parts = this.parts;
  return parts.length === 1 ? parts[0] : parts.join(this.rowText);
}

const TEXT: PropertyDescriptor = { get: joinedText, enumerable: true, configurable: true };

/**
 * A formula cell made from a template. Its only own enumerable property is the getter `f`, so it reads, compares,
 * spreads and serialises as `{ f: text }`; `rowText` is its own non-enumerable property, and `parts` sits on the
 * prototype all cells of its template share (templateOf). Why a class and not an object literal with a getter plus a
 * WeakMap entry: at 60,000 cells that was 325 ms against 29 ms (half of a 10,000-row Convert plan's time);
 * `instanceof` marks the template instead. Why `parts` on a shared prototype: each Object.defineProperty is a slow
 * call, and a cell then needs two, not three.
 */
class FilledCell implements FilledFrom {
  declare readonly parts: readonly string[];
  declare readonly rowText: string;
  declare readonly f: string;
}

/** The prototype of one template's cells: a FilledCell holding the template's pieces. */
function templateOf(parts: readonly string[]): FilledCell {
  const template = Object.create(FilledCell.prototype) as FilledCell;
  Object.defineProperty(template, 'parts', { value: parts });
  return template;
}

function cellOf(template: FilledCell, rowText: string): FilledCell {
  const cell = Object.create(template) as FilledCell;
  // One descriptor for every cell (defineProperty reads it on the spot), not a new one per cell for the collector.
  ROW_TEXT.value = rowText;
  Object.defineProperty(cell, 'rowText', ROW_TEXT);
  return Object.defineProperty(cell, 'f', TEXT);
}
const ROW_TEXT: PropertyDescriptor = { value: '' };

/** Templates made by filledCell, by their pieces (the plan's templates keep their own: RowTemplates). */
const templates = new WeakMap<readonly string[], FilledCell>();

/** `{ f }` whose text is `parts` joined with `rowText`, built each time `f` is read. */
export function filledCell(parts: readonly string[], rowText: string): { f: string } {
  let template = templates.get(parts);
  if (!template) templates.set(parts, (template = templateOf(parts)));
  return cellOf(template, rowText);
}

/**
 * How a plan cell was made from a template, when it was: two cells with the same `parts` hold the same formula
 * apart from the row number, so a host can tell a filled-down column without reading its text.
 */
export function filledFrom(cell: unknown): FilledFrom | undefined {
  return cell instanceof FilledCell ? cell : undefined;
}
