/** Conditional formats (custom-formula rules with fill and font colour). */
import { intersects } from './address';
import { SimSheet, SimOfficeError } from './workbook';
import { type AreasTarget, type Props, SimClientResult, SimProxy, needApi } from './proxy';
import { SimRequestContext } from './context';
import { SimRange, SimRangeAreas, normColor } from './range';

export class SimConditionalFormatCollection extends SimProxy {
  constructor(
    ctx: SimRequestContext,
    private target: AreasTarget,
  ) {
    super(ctx);
  }
  protected read(): Record<string, unknown> {
    const t = this.target();
    if (!t) return { isNullObject: true, items: [] };
    const items = t.sheet.conditionalFormats
      .filter((cf) => cf.ranges.some((r) => t.rects.some((x) => intersects(r, x))))
      .map((cf) => new SimConditionalFormat(this.context, t.sheet, { cf }, true));
    return { isNullObject: false, items };
  }
  get items(): SimConditionalFormat[] {
    return this.prop('items');
  }
  getCount(): SimClientResult<number> {
    const r = new SimClientResult<number>();
    this.context.enqueue('load', () => r.set((this.read().items as unknown[]).length));
    return r;
  }
  add(type: string): SimConditionalFormat {
    const holder: { cf: SimConditionalFormatData | null } = { cf: null };
    let sheetRef: SimSheet | null = null;
    this.context.enqueue('write', () => {
      const t = this.target();
      if (!t) throw new SimOfficeError('InvalidReference', 'The range does not exist (null object).');
      if (type !== 'Custom')
        throw new SimOfficeError('InvalidArgument', `Only custom conditional formats are modelled (got ${type}).`);
      sheetRef = t.sheet;
      holder.cf = this.context.sim.addConditionalFormat(
        t.sheet,
        t.rects.map((r) => ({ ...r })),
      );
    });
    return new SimConditionalFormat(this.context, () => sheetRef, holder, false);
  }
  clearAll(): void {
    this.context.enqueue('write', () => {
      const t = this.target();
      if (!t) return;
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter(
        (cf) => !cf.ranges.some((r) => t.rects.some((x) => intersects(r, x))),
      );
    });
  }
}

type SimConditionalFormatData = import('./workbook').SimCfData;

/** One conditional format; `custom.rule.formula` and `custom.format.fill/font.color` as in Excel. */
export class SimConditionalFormat extends SimProxy {
  readonly custom: {
    rule: { formula: string; load(props?: Props): unknown };
    format: {
      fill: { color: string; load(props?: Props): unknown };
      font: { color: string; load(props?: Props): unknown };
    };
  };
  constructor(
    ctx: SimRequestContext,
    private sheet: SimSheet | (() => SimSheet | null),
    private holder: { cf: SimConditionalFormatData | null },
    fromCollection: boolean,
  ) {
    super(ctx);
    if (fromCollection && holder.cf) this.loaded = this.read();
    const must = () => {
      if (!holder.cf) throw new SimOfficeError('InvalidReference', 'The conditional format does not exist.');
      return holder.cf;
    };
    const self = this;
    this.custom = {
      rule: {
        load(): unknown {
          ctx.enqueue('load', () => {
            self.loaded = { ...(self.loaded ?? {}), ...self.read() };
          });
          return this;
        },
        get formula(): string {
          return self.prop<string>('formula');
        },
        set formula(v: string) {
          ctx.enqueue('write', () => {
            must().formula = v;
          });
        },
      },
      format: {
        fill: this.colorPart('fill', (c) => (must().fill = c)),
        font: this.colorPart('fontColor', (c) => (must().fontColor = c)),
      },
    };
  }
  /** A `{ color }` part of the format: its colour loads with the format; a write sets the rule's normalised colour. */
  private colorPart(key: 'fill' | 'fontColor', write: (color: string) => void): { color: string; load(): unknown } {
    const self = this;
    const ctx = this.context;
    return {
      load(): unknown {
        self.load();
        return this;
      },
      get color(): string {
        return self.prop<string>(key);
      },
      set color(v: string) {
        const c = normColor(v);
        ctx.enqueue('write', () => write(c));
      },
    };
  }
  protected read(): Record<string, unknown> {
    const cf = this.holder.cf;
    if (!cf) return { isNullObject: true };
    return {
      isNullObject: false,
      id: String(cf.id),
      type: cf.type,
      formula: cf.formula,
      fill: cf.fill,
      fontColor: cf.fontColor,
    };
  }
  get type(): string {
    return this.prop('type');
  }
  get id(): string {
    return this.prop('id');
  }
  /** The one range the format applies to, or a null object when it spans several areas (ExcelApi 1.6). */
  getRangeOrNullObject(): SimRange {
    return new SimRange(this.context, () => {
      const cf = this.holder.cf;
      const s = typeof this.sheet === 'function' ? this.sheet() : this.sheet;
      return cf && s && cf.ranges.length === 1 ? { sheet: s, rect: { ...cf.ranges[0] } } : null;
    });
  }
  /** The ranges the format applies to (ExcelApi 1.9). */
  getRanges(): SimRangeAreas {
    return new SimRangeAreas(this.context, () => {
      needApi(this.context.sim, 9, 'ConditionalFormat.getRanges');
      const cf = this.holder.cf;
      const s = typeof this.sheet === 'function' ? this.sheet() : this.sheet;
      return cf && s ? { sheet: s, rects: cf.ranges.map((r) => ({ ...r })) } : null;
    });
  }
  delete(): void {
    this.context.enqueue('write', () => {
      const cf = this.holder.cf;
      if (!cf) throw new SimOfficeError('InvalidReference', 'The conditional format does not exist.');
      const s = typeof this.sheet === 'function' ? this.sheet() : this.sheet;
      if (s) s.conditionalFormats = s.conditionalFormats.filter((x) => x !== cf);
      this.holder.cf = null;
    });
  }
}
