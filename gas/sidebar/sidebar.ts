/** The Sheets sidebar: the shared panel UI mounted over a google.script.run bridge. */
import { mountPanel } from '../../panel/panel';
import { sheetsBridge, type ScriptRun } from './bridge';

declare const google: { script: { run: ScriptRun } };

function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const run = google.script.run;
  const mount = (locale: string) => mountPanel(root, sheetsBridge(run, locale));
  // The locale first: the panel renders its first frame in the user's language.
  run
    .withSuccessHandler((locale: unknown) => mount(typeof locale === 'string' ? locale : 'en-US'))
    .withFailureHandler(() => mount(navigator.language || 'en-US'))
    .panelLocale();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
