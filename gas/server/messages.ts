/** The adapter's own user-facing texts (everything about OKRs comes from core's summaries). */
import { msg, type Msg } from '../../core/i18n';

export const MENU_TITLE = msg('OKR', 'OKR');

export const MENU_LABELS = {
  convert: msg('Convert sheet to OKR grid', '将工作表转换为 OKR 表格'),
  validate: msg('Validate', '检查'),
  clear: msg('Clear highlights', '清除标记'),
  score: msg('Score quarter', '季度评分'),
  checkin: msg('Check in', '记录进展'),
  rollForward: msg('Start next quarter', '开始下一季度'),
  panel: msg('Open panel', '打开面板'),
  settings: msg('Settings', '设置'),
};

export const PANEL_TITLE = msg('OKR Grid', 'OKR 表格');

export const BUSY = msg(
  'Another OKR Grid command is still running in this spreadsheet. Wait for it to finish, then try again.',
  '此表格中另一个 OKR 命令仍在运行。请等它完成后再试。',
);

export function failedAndRestored(what: string): Msg {
  return msg(
    `The change could not be completed (${what}). Your cells were put back as they were.`,
    `未能完成更改（${what}）。您的单元格已恢复原样。`,
  );
}

export function failedNotRestored(what: string, restoreError: string): Msg {
  return msg(
    `The change could not be completed (${what}), and putting the cells back also failed (${restoreError}). Use Edit > Undo or File > Version history to recover.`,
    `未能完成更改（${what}），恢复单元格也失败了（${restoreError}）。请使用“编辑 > 撤消”或“文件 > 版本记录”恢复。`,
  );
}

export function readFailed(what: string): Msg {
  return msg(`Could not read the sheet (${what}). Nothing was changed.`, `无法读取工作表（${what}）。未做任何更改。`);
}

export const UNKNOWN_COMMAND = msg('Unknown command.', '未知命令。');
