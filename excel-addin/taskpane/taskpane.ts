/// <reference types="office-js" />
/**
 * The task pane entry: mounts the shared panel with the Excel bridge. Shared runtime: this page also loads the
 * commands and functions bundles, so the runtime (and the Updated-stamp watcher started here) outlives the pane.
 */
import { mountPanel } from '../../panel/panel';
import { watchEdits } from '../adapter';
import { createExcelBridge, loadSettings, type OfficeLike } from '../bridge';

Office.onReady(() => {
  const root = document.getElementById('app');
  if (root) mountPanel(root, createExcelBridge(Excel, Office as unknown as OfficeLike));
  const g = globalThis as { __okrWatching?: boolean };
  if (!g.__okrWatching) {
    g.__okrWatching = true;
    watchEdits(Excel, undefined, undefined, () => loadSettings(Office as unknown as OfficeLike)).catch(() => {
      g.__okrWatching = false;
    });
    // Start the runtime with the workbook from now on, so edits are stamped even before the pane is opened.
    Office.addin?.setStartupBehavior?.(Office.StartupBehavior.load).catch(() => undefined);
  }
});
