/** PanelBridge over google.script.run: each call becomes a promise; server errors reject with their message. */
import type { Settings } from '../../core/settings';
import type { CommandName, PanelBridge, PanelResult, PanelSettings } from '../../panel/bridge';

/** The part of the client-side google.script.run API this bridge uses. */
export interface ScriptRun {
  withSuccessHandler(f: (value: any) => void): ScriptRun;
  withFailureHandler(f: (error: any) => void): ScriptRun;
  [serverFunction: string]: any;
}

function call<T>(run: ScriptRun, fn: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    run
      .withSuccessHandler((v: T) => resolve(v))
      .withFailureHandler((e: unknown) => reject(e instanceof Error ? e : new Error(String((e as any)?.message ?? e))))
      [fn](...args);
  });
}

export function sheetsBridge(run: ScriptRun, locale: string): PanelBridge {
  return {
    host: 'sheets',
    locale: () => locale,
    run: (command: CommandName) => call<PanelResult>(run, 'panelRun', command),
    select: (sheet: string, row: number, col: number) => call<void>(run, 'panelSelect', sheet, row, col),
    getSettings: () => call<PanelSettings>(run, 'panelGetSettings'),
    saveSettings: (s: Settings, followLocale?: boolean) =>
      call<Settings>(run, 'panelSaveSettings', JSON.stringify(s), followLocale === true).then(() => undefined),
  };
}
