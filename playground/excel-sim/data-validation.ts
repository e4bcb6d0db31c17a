/** A range's data validation (list rules). */
import { contains, intersects } from './address';
import { SimOfficeError } from './workbook';
import { type RangeTarget, SimProxy } from './proxy';
import { SimRequestContext } from './context';

export interface SimListRule {
  list?: { inCellDropDown: boolean; source: string };
}

/** A range's data validation; load('type,rule,errorAlert') reads it back (only list rules are modelled). */
export class SimDataValidation extends SimProxy {
  private pendingStyle: 'Stop' | 'Warning' | 'Information' | null = null;
  constructor(
    ctx: SimRequestContext,
    private target: RangeTarget,
  ) {
    super(ctx);
  }
  protected read(): Record<string, unknown> {
    const t = this.target();
    if (!t) return { isNullObject: true };
    const hit = t.sheet.validations.filter((v) => intersects(v.rect, t.rect));
    if (!hit.length)
      return {
        isNullObject: false,
        type: 'None',
        rule: {},
        errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
      };
    const one = hit.length === 1 && contains(hit[0].rect, t.rect) ? hit[0] : null;
    if (!one)
      return {
        isNullObject: false,
        type: 'Inconsistent',
        rule: {},
        errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
      };
    return {
      isNullObject: false,
      type: 'List',
      rule: { list: { inCellDropDown: true, source: one.list.join(',') } },
      errorAlert: { showAlert: true, style: one.style, title: '', message: '' },
    };
  }
  get type(): string {
    return this.prop('type');
  }
  private must() {
    const t = this.target();
    if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
    return t;
  }
  set rule(rule: SimListRule) {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      if (!rule?.list || typeof rule.list.source !== 'string')
        throw new SimOfficeError('InvalidArgument', 'Only list rules are modelled.');
      if (rule.list.source.length > 255)
        throw new SimOfficeError('InvalidArgument', 'A list source is limited to 255 characters.');
      // Excel refuses a second rule over cells that already have one (clear() first).
      if (sheet.validations.some((v) => intersects(v.rect, rect)))
        throw new SimOfficeError('InvalidOperation', 'The range already has a data validation rule.');
      const list = rule.list.source.split(',').map((x) => x.trim());
      sheet.validations.push({ rect, list, style: this.pendingStyle ?? 'Stop' });
    });
  }
  get rule(): SimListRule {
    return this.prop('rule');
  }
  get errorAlert(): {
    showAlert?: boolean;
    style?: 'Stop' | 'Warning' | 'Information';
    title?: string;
    message?: string;
  } {
    return this.prop('errorAlert');
  }
  set errorAlert(a: {
    showAlert?: boolean;
    style?: 'Stop' | 'Warning' | 'Information';
    title?: string;
    message?: string;
  }) {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      const style = a.style ?? 'Stop';
      this.pendingStyle = style;
      for (const v of sheet.validations) if (intersects(v.rect, rect)) v.style = style;
    });
  }
  clear(): void {
    this.context.enqueue('write', () => {
      const { sheet, rect } = this.must();
      const kept = [];
      for (const v of sheet.validations) {
        if (!intersects(v.rect, rect)) kept.push(v);
        else if (!(
          v.rect.row >= rect.row &&
          v.rect.row + v.rect.rows <= rect.row + rect.rows &&
          v.rect.col >= rect.col &&
          v.rect.col + v.rect.cols <= rect.col + rect.cols
        )) {
          // Partly covered: keep the rows above/below the cleared block (enough for column-shaped rules).
          if (v.rect.row < rect.row) kept.push({ ...v, rect: { ...v.rect, rows: rect.row - v.rect.row } });
          const end = v.rect.row + v.rect.rows;
          if (end > rect.row + rect.rows)
            kept.push({ ...v, rect: { ...v.rect, row: rect.row + rect.rows, rows: end - rect.row - rect.rows } });
        }
      }
      sheet.validations = kept;
    });
  }
}
