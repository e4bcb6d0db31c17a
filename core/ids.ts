/**
 * Stable row ids. A row keeps the id typed in its ID column; a row without one gets an id derived from the sheet name
 * and the row's content (never its position), so converting twice, or after re-sorting, gives the same id.
 */

export type IdPrefix = 'O' | 'KR' | 'E';

/** What generate() makes: only typed ids of this shape can collide with generated ones. */
const GENERATED_SHAPE = /^(O|KR|E)-([0-9a-f]{6})$/;
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

const FNV_OFFSET = 0x811c9dc5;

function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits. */
export function hash32(text: string): string {
  return fnv(FNV_OFFSET, text).toString(16).padStart(8, '0');
}

/** An id cell's value as an id ('KR-7f3a2c', 'OKR-12', 42 -> '42'), or null when blank or not id-like. */
export function idFromCell(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) && Number.isInteger(v) ? String(v) : null;
  if (typeof v !== 'string') return null;
  if (ID_SHAPE.test(v)) return v;
  const s = v.normalize('NFKC').trim();
  return ID_SHAPE.test(s) ? s : null;
}

/**
 * Hands out ids for one sheet: typed ids are kept (a duplicate gets a fresh one), generated ids are unique.
 * `parts` is the row content the id derives from; `occurrence` separates rows with identical content.
 */
export class IdAllocator {
  /** 24-bit values a generated id must not take, per prefix: typed ids shaped like generated ones, and generated ones. */
  private used: Record<IdPrefix, Set<number>> = { O: new Set(), KR: new Set(), E: new Set() };
  /** Every typed id seen by reserve, those seen twice or more, and which of those a row already took. */
  private typed = new Set<string>();
  private repeated = new Set<string>();
  private taken = new Set<string>();
  /** Occurrences per content hash (two contents sharing a hash only share a counter: their ids still differ). */
  private seen = new Map<number, number>();
  private readonly base: number;

  constructor(sheet: string) {
    this.base = fnv(FNV_OFFSET, sheet);
  }

  /** Announces a typed id before any row claims it (one pass over the ID column), so no generated id can take it. */
  reserve(id: string): void {
    if (this.typed.has(id)) {
      this.repeated.add(id);
      return;
    }
    this.typed.add(id);
    const m = GENERATED_SHAPE.exec(id);
    if (m) this.used[m[1] as IdPrefix].add(parseInt(m[2], 16));
  }

  /**
   * Takes a reserved typed id for a row; false when an earlier row already took it (the caller then generates one).
   * Without repeated ids on the sheet this touches no set at all.
   */
  claim(id: string): boolean {
    if (this.repeated.size === 0 || !this.repeated.has(id)) return true;
    if (this.taken.has(id)) return false;
    this.taken.add(id);
    return true;
  }

  /** The prefix and first part of the last id made of several parts, and the hash over them. */
  private headPrefix = '';
  private headPart = '';
  private headHash = 0;

  /**
   * The hash of the sheet name, prefix and parts. The KRs of one objective follow one another and share the prefix and
   * first part (the objective's title): the hash over those is taken from the last id instead of hashed again.
   */
  private contentHash(prefix: IdPrefix, parts: string[]): number {
    let h: number;
    let i = 0;
    if (parts.length > 1 && prefix === this.headPrefix && parts[0] === this.headPart) {
      h = this.headHash;
      i = 1;
    } else h = fnv(this.base, prefix);
    for (; i < parts.length; i++) {
      h = fnv(fnv(h, '\u0001'), parts[i]);
      if (i === 0 && parts.length > 1) {
        this.headPrefix = prefix;
        this.headPart = parts[0];
        this.headHash = h;
      }
    }
    return h;
  }

  /** A new id '<prefix>-xxxxxx' from the sheet name and content; the same content again gets a different one. */
  generate(prefix: IdPrefix, parts: string[]): string {
    const h = this.contentHash(prefix, parts);
    // 30 bits keep the key a small integer (fast Map keys); a shared key only shares a counter.
    const key = h & 0x3fffffff;
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    const used = this.used[prefix];
    for (let salt = occurrence; ; salt++) {
      const v = (salt === 0 ? h : fnv(h, '\u0002' + salt)) >>> 8;
      if (!used.has(v)) {
        used.add(v);
        return `${prefix}-${v.toString(16).padStart(6, '0')}`;
      }
    }
  }
}

/** One-off id for content (same as the first id an IdAllocator gives for it). */
export function stableId(prefix: IdPrefix, sheet: string, parts: string[]): string {
  return new IdAllocator(sheet).generate(prefix, parts);
}
