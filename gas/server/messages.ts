/**
 * The menu's and the panel's titles. Failure texts are core's (core/host-messages.ts), one wording in both hosts;
 * everything about OKRs comes from core's summaries.
 */
import { msg } from '../../core/i18n';

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
