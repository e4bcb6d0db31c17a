/// <reference types="office-js" />
/**
 * Ribbon commands (ExecuteFunction buttons in manifest.xml). Each runs its command without opening the pane; when
 * there is something to read (findings, or a failure) the pane is shown, so the user can run it there and see why.
 */
import type { CommandName } from '../../core/commands';
import { runExcelCommand } from '../adapter';
import { loadSettings, type OfficeLike } from '../bridge';

/** Ribbon function name (manifest <FunctionName>) -> command. */
export const RIBBON_COMMANDS: Record<string, CommandName> = {
  okrConvert: 'convert',
  okrValidate: 'validate',
  okrClear: 'clear',
  okrScore: 'score',
  okrCheckin: 'checkin',
  okrRollForward: 'rollForward',
};

function hasFindings(details: unknown): boolean {
  const f = (details as { findings?: unknown[] } | undefined)?.findings;
  return Array.isArray(f) && f.length > 0;
}

async function run(command: CommandName, event: Office.AddinCommands.Event): Promise<void> {
  try {
    const res = await runExcelCommand(Excel, command, loadSettings(Office as unknown as OfficeLike));
    if (!res.ok || hasFindings(res.details)) await Office.addin.showAsTaskpane().catch(() => undefined);
  } finally {
    event.completed();
  }
}

for (const [name, command] of Object.entries(RIBBON_COMMANDS)) {
  Office.actions.associate(name, (event: Office.AddinCommands.Event) => run(command, event));
}
