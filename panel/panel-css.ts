/**
 * The panel's stylesheet. Kept in TS so each host bundles it without a CSS loader; mountPanel adopts it as a
 * constructed stylesheet (not subject to the task pane's style-src CSP), falling back to a <style> element.
 * Fluent-like by default; `.okr-panel[data-host="sheets"]` switches to Google's add-on look.
 */
export const PANEL_CSS = `
.okr-panel {
  --okr-font: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue",
    "PingFang SC", "Microsoft YaHei", sans-serif;
  --okr-fg: #242424; --okr-fg2: #616161; --okr-bg: #ffffff; --okr-bg2: #f5f5f5; --okr-line: #e0e0e0;
  --okr-accent: #0f6cbd; --okr-accent-hover: #115ea3; --okr-accent-fg: #ffffff; --okr-radius: 4px;
  --okr-red: #c50f1f; --okr-red-bg: #fdf3f4; --okr-yellow: #bc4b09; --okr-yellow-bg: #fff9f5;
  --okr-green: #107c10; --okr-green-bg: #f1faf1;
  font-family: var(--okr-font); font-size: 14px; line-height: 20px; color: var(--okr-fg); background: var(--okr-bg);
  box-sizing: border-box; padding: 12px 16px 24px; min-width: 240px;
}
.okr-panel[data-host="sheets"] {
  --okr-font: "Google Sans", Roboto, Arial, "PingFang SC", "Microsoft YaHei", sans-serif;
  --okr-fg: #202124; --okr-fg2: #5f6368; --okr-line: #dadce0; --okr-accent: #1a73e8; --okr-accent-hover: #1765cc;
  --okr-bg2: #f8f9fa; --okr-red: #d93025; --okr-yellow: #e37400; --okr-green: #188038;
  font-size: 13px;
}
/* border-box, not inherit: inside <details> the flat tree passes through the browser's own slot, which is content-box. */
.okr-panel *, .okr-panel *::before, .okr-panel *::after { box-sizing: border-box; }
.okr-panel h1 { font-size: 20px; line-height: 28px; font-weight: 600; margin: 0; }
.okr-panel h2 { font-size: 14px; line-height: 20px; font-weight: 600; margin: 20px 0 8px; }
.okr-sub { color: var(--okr-fg2); font-size: 12px; margin: 2px 0 0; }
.okr-cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.okr-card { background: var(--okr-bg2); border-radius: var(--okr-radius); padding: 8px 10px; }
.okr-card-label { color: var(--okr-fg2); font-size: 12px; line-height: 16px; }
.okr-card-value { font-size: 20px; line-height: 28px; font-weight: 600; }
.okr-card-note { color: var(--okr-fg2); font-size: 11px; line-height: 14px; }
.okr-bands { display: flex; gap: 6px; margin-top: 8px; flex-wrap: wrap; }
.okr-band { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 12px;
  font-size: 12px; border: 1px solid var(--okr-line); }
.okr-band::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
.okr-band-red { color: var(--okr-red); background: var(--okr-red-bg); }
.okr-band-yellow { color: var(--okr-yellow); background: var(--okr-yellow-bg); }
.okr-band-green { color: var(--okr-green); background: var(--okr-green-bg); }
.okr-empty { color: var(--okr-fg2); font-size: 12px; margin: 6px 0 0; }
.okr-note { color: var(--okr-fg2); font-size: 12px; margin: 6px 0 0; line-height: 1.4; }
.okr-cycle { font-weight: normal; color: var(--okr-fg2); }
.okr-buttons { display: flex; flex-direction: column; gap: 6px; }
.okr-btn { font: inherit; font-weight: 600; text-align: left; padding: 5px 12px; min-height: 32px; cursor: pointer;
  border-radius: var(--okr-radius); border: 1px solid #d1d1d1; background: var(--okr-bg); color: var(--okr-fg); }
.okr-btn:hover:not(:disabled) { background: var(--okr-bg2); border-color: #c7c7c7; }
.okr-btn.okr-primary { background: var(--okr-accent); border-color: var(--okr-accent); color: var(--okr-accent-fg); }
.okr-btn.okr-primary:hover:not(:disabled) { background: var(--okr-accent-hover); }
.okr-btn:disabled { opacity: .5; cursor: default; }
.okr-btn:focus-visible, .okr-finding:focus-visible, .okr-panel input:focus-visible, .okr-panel select:focus-visible {
  outline: 2px solid var(--okr-accent); outline-offset: 1px; }
.okr-panel[data-host="sheets"] .okr-btn { font-weight: 500; }
.okr-msgs { margin-top: 10px; display: flex; flex-direction: column; gap: 6px; }
.okr-msg { padding: 8px 10px; border-radius: var(--okr-radius); font-size: 13px; white-space: pre-wrap;
  word-break: break-word; border-left: 3px solid var(--okr-accent); background: #ebf3fc; }
.okr-msg-error { border-color: var(--okr-red); background: var(--okr-red-bg); }
.okr-msg-ok { border-color: var(--okr-green); background: var(--okr-green-bg); }
.okr-findings { list-style: none; margin: 0; padding: 0; border: 1px solid var(--okr-line);
  border-radius: var(--okr-radius); max-height: 320px; overflow: auto; }
.okr-finding { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; padding: 6px 10px; cursor: pointer;
  border-bottom: 1px solid var(--okr-line); font-size: 13px; }
.okr-finding:last-child { border-bottom: 0; }
.okr-finding:hover { background: var(--okr-bg2); }
.okr-sev { grid-row: span 2; width: 8px; height: 8px; border-radius: 50%; margin-top: 6px; }
.okr-sev-error { background: var(--okr-red); }
.okr-sev-warning { background: var(--okr-yellow); }
.okr-sev-info { background: var(--okr-accent); }
.okr-where { color: var(--okr-fg2); font-size: 12px; font-family: Consolas, "Roboto Mono", monospace; }
.okr-text { word-break: break-word; }
.okr-more { padding: 6px 10px; color: var(--okr-fg2); font-size: 12px; }
.okr-form { display: grid; gap: 10px; }
.okr-field { display: grid; gap: 4px; }
.okr-field label { font-size: 12px; color: var(--okr-fg2); }
.okr-panel input, .okr-panel select { font: inherit; padding: 4px 8px; min-height: 32px; border: 1px solid #d1d1d1;
  border-bottom-color: #616161; border-radius: var(--okr-radius); background: var(--okr-bg); color: var(--okr-fg); width: 100%; }
.okr-row2 { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.okr-panel details > summary { cursor: pointer; font-weight: 600; margin: 20px 0 8px; }
`;
