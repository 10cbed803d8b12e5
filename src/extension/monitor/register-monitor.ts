import * as vscode from 'vscode';
import { MonitorSession } from '../../core/monitor/monitor-session';
import type { MonitorSample } from '../../core/monitor/snapshot-types';
import { onSettingsReload, settings } from '../settings';
import { MonitorPanel } from './monitor-panel';
import { MonitorStatusItem } from './monitor-status-item';

/** Where the monitor's samples come from (the SSH collector, or a stub in tests). */
export interface MonitorDataSource {
  sample(host: string): Promise<MonitorSample>;
  /** Hosts to offer; defaults to the aliases of the `ascend.hosts` setting. */
  hosts?(): string[] | Promise<string[]>;
}

export interface MonitorHandle {
  open(): Promise<void>;
}

const OPEN_COMMAND = 'ascend.openNpuMonitor';
const LAST_HOST_KEY = 'ascend.monitor.lastHost';

/**
 * Wires the NPU monitor: the panel, the status-bar summary and the polling session. Nothing is polled until
 * the panel is first opened; after that the status bar keeps a slow poll going while the panel is closed
 * (unless `ascend.monitor.statusBar` is off). The caller binds `open` to the `ascend.openNpuMonitor` command.
 */
export function registerMonitor(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  source: MonitorDataSource,
): MonitorHandle {
  const statusItem = new MonitorStatusItem(OPEN_COMMAND);
  const session = new MonitorSession({
    source,
    visibleMs: settings.monitorIntervalMs(),
    hiddenMs: settings.monitorHiddenIntervalMs(),
    statusBarEnabled: settings.monitorStatusBar(),
    l10n: vscode.l10n.bundle ?? null,
    log,
    onStatusBar: (summary) => statusItem.show(summary),
    onHostSelected: (host) => void context.globalState.update(LAST_HOST_KEY, host),
  });
  let panel: MonitorPanel | null = null;
  let opened = false;

  const listHosts = async (): Promise<string[]> => (source.hosts ? await source.hosts() : settings.hostAliases());

  context.subscriptions.push(
    statusItem,
    { dispose: () => session.dispose() },
    { dispose: () => panel?.dispose() },
    onSettingsReload('monitor', () => {
      session.setIntervals(settings.monitorIntervalMs(), settings.monitorHiddenIntervalMs());
      session.setStatusBarEnabled(settings.monitorStatusBar());
    }),
    onSettingsReload('monitorHosts', () => {
      if (opened) void listHosts().then((hosts) => session.setHosts(hosts));
    }),
  );

  return {
    async open(): Promise<void> {
      const hosts = await listHosts();
      session.setHosts(hosts, context.globalState.get<string>(LAST_HOST_KEY) ?? null);
      opened = true;
      if (panel) {
        panel.reveal();
        return;
      }
      log.info(`monitor: opening panel (${hosts.length} hosts, current: ${session.currentHost ?? 'none'})`);
      const created: MonitorPanel = new MonitorPanel(context.extensionUri, {
        onMessage: (raw) => session.receive(raw),
        onVisibility: (visible) => session.setVisible(visible),
        onClosed: () => {
          panel = null;
          session.detachView();
        },
      });
      panel = created;
      session.attachView({ post: (m) => created.post(m) }, created.visible);
    },
  };
}
