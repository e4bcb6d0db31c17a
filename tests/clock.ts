/** A Date constructor whose "now" is a fixed instant (for a bundle run in a vm: set it as the context's Date). */
export function dateAt(iso: string, hourUtc = 4): DateConstructor {
  const [y, m, d] = iso.split('-').map(Number);
  const now = Date.UTC(y, m - 1, d, hourUtc);
  class FixedDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length) super(...(args as [number]));
      else super(now);
    }
    static now(): number {
      return now;
    }
  }
  return FixedDate as unknown as DateConstructor;
}
