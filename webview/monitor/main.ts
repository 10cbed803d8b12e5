/**
 * The NPU monitor panel's script (bundled to dist/webview/monitor.js). Every message from the host is
 * validated before it reaches the UI; the panel announces `ready` and waits for `init`.
 */
import { validateHostMessage } from '../../src/core/monitor/protocol-validate';
import type { WebviewMessage } from '../../src/core/monitor/protocol';
import { MonitorApp } from './monitor-app';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);
const root = document.getElementById('app') ?? document.body;
const app = new MonitorApp(root, post);
(window as unknown as { monitorApp: MonitorApp }).monitorApp = app;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const checked = validateHostMessage(event.data);
  if (!checked.ok) {
    console.warn(`ascend monitor: message refused: ${checked.error}`);
    return;
  }
  app.handle(checked.value);
});
post({ type: 'ready' });
