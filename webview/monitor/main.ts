/**
 * The NPU monitor panel's script (bundled to dist/webview/monitor.js). The panel itself lands with the
 * monitor issue; until then this bundle only announces that it loaded, over the validated message channel.
 */
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
vscode.postMessage({ type: 'ready' });
