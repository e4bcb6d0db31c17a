/// <reference lib="dom" />
/**
 * A scripted panel bridge for the panel's jsdom tests: a host as the real ones behave (nothing saved = follow the
 * host's language; what is saved comes back from getSettings, with followLocale when saved on "Automatic").
 */
import { mountPanel } from '../../panel/panel';
import type { CommandName, PanelBridge, PanelResult, PanelSettings } from '../../panel/bridge';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';

export interface Scripted {
  bridge: PanelBridge;
  runs: CommandName[];
  selects: [string, number, number][];
  saved: Settings[];
  /** The followLocale argument of each saveSettings call. */
  follows: (boolean | undefined)[];
  /** The host's language; a test may change it between mounts (the user switched Office's display language). */
  locale: string;
}

/**
 * A host as the real ones behave: nothing saved = follow the host's language; what is saved comes back from
 * getSettings, with followLocale when it was saved on "Automatic".
 */
export function scripted(
  locale: string,
  results: Partial<Record<CommandName, PanelResult | Error>>,
  settings: PanelSettings = { ...DEFAULT_SETTINGS, followLocale: true },
): Scripted {
  const out: Scripted = {
    runs: [],
    selects: [],
    saved: [],
    follows: [],
    locale,
    bridge: null as unknown as PanelBridge,
  };
  let stored = settings;
  out.bridge = {
    host: 'playground',
    locale: () => out.locale,
    run: async (c) => {
      out.runs.push(c);
      const r = results[c];
      if (r instanceof Error) throw r;
      return r ?? { ok: false, summary: { en: 'Not a grid', zh: '不是表格' } };
    },
    select: async (sheet, row, col) => {
      out.selects.push([sheet, row, col]);
    },
    getSettings: async () => stored,
    saveSettings: async (s, followLocale) => {
      out.saved.push(s);
      out.follows.push(followLocale);
      stored = { ...s, followLocale };
    },
  };
  return out;
}

export async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function mount(s: Scripted): Promise<HTMLElement> {
  document.body.replaceChildren();
  const root = document.createElement('div');
  document.body.append(root);
  mountPanel(root, s.bridge);
  await until(() => root.dataset.state === 'ready', 'panel ready');
  return root;
}

export const button = (root: HTMLElement, cmd: string) =>
  root.querySelector(`[data-command="${cmd}"]`) as HTMLButtonElement;
