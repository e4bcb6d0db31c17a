/**
 * What every host tells the user when a command cannot run or a write fails (everything about OKRs comes from core's
 * summaries). One wording in both hosts; the undo protocol behind "put back" is in docs/host-contract.md.
 */
import { msg, type Msg } from './i18n';

/** Another command holds the document (Sheets' document lock). */
export const BUSY = msg(
  'Another OKR Grid command is still running in this spreadsheet. Wait for it to finish, then try again.',
  '此表格中另一个 OKR 命令仍在运行。请等它完成后再试。',
);

export const UNKNOWN_COMMAND = msg('Unknown command.', '未知命令。');

/** The read failed (or returned nothing): nothing was written. */
export function readFailed(what?: string): Msg {
  return what
    ? msg(`Could not read the sheet (${what}). Nothing was changed.`, `无法读取工作表（${what}）。未做任何更改。`)
    : msg('Could not read the sheet. Nothing was changed.', '无法读取工作表。未做任何更改。');
}

/** A write failed and the restore plan and the journal put everything back. */
export function failedAndRestored(what: string): Msg {
  return msg(
    `The change could not be completed (${what}). Your sheet was put back as it was.`,
    `未能完成更改（${what}）。工作表已恢复原样。`,
  );
}

/** A write failed and putting the sheet back failed too: the user recovers with the host's own history. */
export function failedNotRestored(what: string, restoreError: string): Msg {
  return msg(
    `The change could not be completed (${what}), and putting the sheet back also failed (${restoreError}). ` +
      'Use Undo (Ctrl+Z) or Version history to recover.',
    `未能完成更改（${what}），恢复工作表也失败了（${restoreError}）。请使用撤消 (Ctrl+Z) 或版本记录恢复。`,
  );
}
