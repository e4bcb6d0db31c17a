/**
 * The playground page: the spreadsheet grid on the left, the real panel on the right, one in-browser workbook under
 * both. The panel talks to the workbook through the Excel adapter and the in-memory `Excel` API, as in Excel.
 */
import { langFromLocale, type Lang } from '../../core/i18n';
import { mountPanel } from '../../panel/panel';
import type { SimWorkbook } from '../excel-sim/workbook';
import { createPlaygroundBridge, installHost } from './bridge';
import { attachEngine } from './engine';
import { okrFunctions } from './functions';
import { Grid } from './grid';
import { SAMPLES, loadSample, type SampleId } from './samples';
import { fromXlsx, saveFile, toXlsx } from './xlsx';

const TEXT = {
  sample: { en: 'Sample', zh: '示例' },
  open: { en: 'Open .xlsx…', zh: '打开 .xlsx…' },
  download: { en: 'Download .xlsx', zh: '下载 .xlsx' },
  language: { en: 'Language', zh: '语言' },
  hint: { en: 'Edit cells on the left; the task pane on the right is the real add-in.', zh: '在左侧编辑单元格；右侧任务窗格就是真正的加载项。' },
  paneHost: { en: 'Excel task pane', zh: 'Excel 任务窗格' },
  opened: { en: 'Opened', zh: '已打开' },
  openFailed: { en: 'Could not open the file:', zh: '无法打开文件：' },
  saveFailed: { en: 'Could not write the file:', zh: '无法写入文件：' },
} as const;

const params = new URLSearchParams(location.search);
let lang: Lang = params.get('lang') === 'zh' ? 'zh' : params.get('lang') === 'en' ? 'en' : langFromLocale(navigator.language);
let sampleId: SampleId = (SAMPLES.find((s) => s.id === params.get('sample'))?.id ?? 'english') as SampleId;
let wb: SimWorkbook;
let grid: Grid;
let fileName = 'okr-grid.xlsx';
/** After Validate, edits re-run it so highlights follow the cells (cleared by Clear highlights). */
let liveValidate = false;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function toast(text: string): void {
  const t = $('toast');
  t.textContent = text;
  t.classList.add('show');
  clearTimeout((toast as unknown as { timer?: number }).timer);
  (toast as unknown as { timer?: number }).timer = window.setTimeout(() => t.classList.remove('show'), 4000);
}

const locale = () => (lang === 'zh' ? 'zh-CN' : 'en-US');

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function labelPage(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  $('lbl-sample').textContent = TEXT.sample[lang];
  $('lbl-open').textContent = TEXT.open[lang];
  $('download').textContent = TEXT.download[lang];
  $('lbl-lang').textContent = TEXT.language[lang];
  $('hint').textContent = TEXT.hint[lang];
  $('pane-host').textContent = TEXT.paneHost[lang];
  ($('lang') as HTMLSelectElement).value = lang;
  const sel = $('sample') as HTMLSelectElement;
  sel.replaceChildren(
    ...SAMPLES.map((s) => {
      const o = document.createElement('option');
      o.value = s.id;
      o.textContent = s.label[lang];
      return o;
    }),
  );
  sel.value = sampleId;
}

function mountPane(): void {
  const old = $('panel-root');
  const root = document.createElement('div');
  root.id = 'panel-root';
  old.replaceWith(root);
  const bridge = createPlaygroundBridge(wb, {
    locale,
    ran: (command, ok) => {
      if (command === 'validate' && ok) liveValidate = true;
      if (command === 'clear' || command === 'convert' || command === 'rollForward') liveValidate = false;
      grid.render();
    },
    selected: () => grid.render(),
  });
  mountPanel(root, bridge);
}

function revalidate(): void {
  if (!liveValidate) return;
  const button = document.querySelector<HTMLButtonElement>('#panel-root [data-command="validate"]');
  if (button && !button.disabled) button.click();
}

function load(next: SimWorkbook): void {
  wb = next;
  attachEngine(wb, okrFunctions(() => ({ lang, today: today() })));
  installHost(wb, locale());
  liveValidate = false;
  grid = new Grid($('sheet-area'), wb, {
    edited: () => revalidate(),
    message: (text) => toast(text),
  });
  // Writes the add-in makes on its own (the Updated stamp after an edit) show up at once.
  wb.onChanged(null, (e) => {
    if (e.by === 'api') grid.render();
  });
  grid.render();
  mountPane();
}

function wire(): void {
  ($('sample') as HTMLSelectElement).addEventListener('change', (e) => {
    sampleId = (e.target as HTMLSelectElement).value as SampleId;
    params.set('sample', sampleId);
    history.replaceState(null, '', `?${params}`);
    fileName = 'okr-grid.xlsx';
    load(loadSample(sampleId));
  });
  ($('lang') as HTMLSelectElement).addEventListener('change', (e) => {
    lang = (e.target as HTMLSelectElement).value === 'zh' ? 'zh' : 'en';
    params.set('lang', lang);
    history.replaceState(null, '', `?${params}`);
    labelPage();
    installHost(wb, locale());
    grid.render();
    mountPane();
  });
  $('download').addEventListener('click', async () => {
    try {
      saveFile(await toXlsx(wb), fileName);
    } catch (e) {
      toast(`${TEXT.saveFailed[lang]} ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  ($('open-file') as HTMLInputElement).addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const next = await fromXlsx(await file.arrayBuffer());
      fileName = file.name;
      load(next);
      toast(`${TEXT.opened[lang]} ${file.name}`);
    } catch (err) {
      toast(`${TEXT.openFailed[lang]} ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

labelPage();
wire();
load(loadSample(sampleId));
// For the browser tests and the curious: the workbook behind the page.
(window as unknown as { okrPlayground: unknown }).okrPlayground = { get workbook() { return wb; } };
