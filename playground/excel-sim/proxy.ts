/** The Excel API stand-in's base: a proxy's load(), payload sizes, and the PropertyNotLoaded rule. */
import { type SimRect } from './address';
import { SimWorkbook, SimSheet, SimOfficeError } from './workbook';
import type { SimRequestContext } from './context';

/** bytes: what a write sends (request payload); a load's response is measured when it runs. */
export type Op = { kind: 'load' | 'write'; run: () => void; bytes: number };
export type Props = string | string[] | { select?: string | string[] } | undefined;

export const PAYLOAD_LIMIT = 5_000_000;
/** Excel on the web refuses a request or a response above about 5 MB; the sim enforces it per sync, in bytes of JSON. */
export const SYNC_PAYLOAD_LIMIT = 5_000_000;
/** Request bytes counted for a write without a matrix (a property set, an add, a delete). */
export const SMALL_OP_BYTES = 100;

export function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : JSON.stringify(v).length;
}

/** Throws at sync, as Office does, when the member's requirement set (ExcelApi 1.minor) is above what the host supports. */
export function needApi(sim: SimWorkbook, minor: number, member: string): void {
  if (minor > sim.apiVersion)
    throw new SimOfficeError(
      'ApiNotFound',
      `The API you are trying to use could not be found (${member} needs ExcelApi 1.${minor}; this host has 1.${sim.apiVersion}).`,
      member,
    );
}

function propList(p: Props): string[] | null {
  if (p === undefined) return null;
  if (typeof p === 'string')
    return p
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (Array.isArray(p)) return p.flatMap((x) => x.split(',').map((y) => y.trim())).filter(Boolean);
  return propList(p.select);
}

export function notLoaded(prop: string): never {
  throw new SimOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Base of every proxy: load() queues a snapshot of the asked properties, taken when sync runs the queue. */
export abstract class SimProxy {
  protected loaded: Record<string, unknown> | null = null;
  constructor(readonly context: SimRequestContext) {}

  protected abstract read(props: string[] | null): Record<string, unknown>;

  load(props?: Props): this {
    const list = propList(props);
    this.context.enqueue('load', () => {
      const got = this.read(list);
      this.context.respond(jsonBytes(got));
      this.loaded = { ...(this.loaded ?? {}), ...got };
    });
    return this;
  }

  protected prop<T>(name: string): T {
    if (!this.loaded || !(name in this.loaded)) notLoaded(name);
    return this.loaded[name] as T;
  }

  get isNullObject(): boolean {
    return this.prop<boolean>('isNullObject');
  }

  toJSON(): Record<string, unknown> {
    return { ...(this.loaded ?? {}) };
  }
}

export class SimClientResult<T> {
  private done = false;
  private v: T | undefined;
  set(v: T): void {
    this.v = v;
    this.done = true;
  }
  get value(): T {
    if (!this.done) notLoaded('value');
    return this.v as T;
  }
}

export type SheetRef = () => SimSheet | null;
export type RangeTarget = () => { sheet: SimSheet; rect: SimRect } | null;

export function wantsAll(list: string[] | null, name: string): boolean {
  return list === null || list.includes(name);
}

export type AreasTarget = () => { sheet: SimSheet; rects: SimRect[] } | null;
