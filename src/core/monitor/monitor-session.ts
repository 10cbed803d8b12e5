/**
 * The monitor's host-side logic, free of VS Code: which host is watched, when it is sampled (poll-scheduler),
 * what the panel is sent (init, then deltas from delta-encoder), and what the status-bar item says. The
 * extension wraps it with a WebviewPanel and a StatusBarItem (src/extension/monitor/).
 *
 * The webview is not kept alive while hidden: when it is shown again it reloads and says `ready`, and gets a
 * reset with the history the host kept meanwhile (hidden polling continues for the status bar and alerts).
 */
import { DeltaEncoder, type EncodedSample } from './delta-encoder';
import { HistoryWindow, HISTORY_WINDOW_MS } from './history-window';
import { PollScheduler, pollMode, type SchedulerStatus, type SchedulerTimers } from './poll-scheduler';
import { joinProcesses } from './process-join';
import type { HostMessage } from './protocol';
import { validateWebviewMessage } from './protocol-validate';
import { readAlerts, readServerMetrics, readSnapshot } from './snapshot-validate';
import type { MonitorSample } from './snapshot-types';
import { statusSummary, type StatusSummary } from './status-summary';

export interface MonitorSource {
  /** One sample of a host; rejects with a readable reason when the host cannot be sampled. */
  sample(host: string): Promise<MonitorSample>;
}

export interface MonitorView {
  post(message: HostMessage): void;
}

export interface LoggerLike {
  info(message: string): void;
  warn(message: string): void;
}

export interface SessionOptions {
  source: MonitorSource;
  visibleMs: number;
  hiddenMs: number;
  statusBarEnabled: boolean;
  /** The l10n bundle to hand the webview (null for English). */
  l10n: Record<string, string> | null;
  timers?: SchedulerTimers;
  log?: LoggerLike;
  /** The status-bar text, or null to hide the item (panel visible, status bar off, or no host). */
  onStatusBar?(summary: StatusSummary | null): void;
  /** A host was chosen (to remember it across sessions). */
  onHostSelected?(host: string): void;
}

export class MonitorSession {
  private view: MonitorView | null = null;
  private visible = false;
  private hosts: string[] = [];
  private host: string | null = null;
  private history = new HistoryWindow();
  private readonly encoder = new DeltaEncoder();
  private last: EncodedSample | null = null;
  private readonly scheduler: PollScheduler;
  private statusBarEnabled: boolean;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.statusBarEnabled = options.statusBarEnabled;
    this.scheduler = new PollScheduler({
      visibleMs: options.visibleMs,
      hiddenMs: options.hiddenMs,
      timers: options.timers,
      tick: () => this.tick(),
      onStatus: (s) => this.onSchedulerStatus(s),
    });
    const timers = options.timers;
    this.now = timers ? () => timers.now() : () => Date.now();
  }

  get currentHost(): string | null {
    return this.host;
  }

  get status(): SchedulerStatus {
    return this.scheduler.status;
  }

  /** The hosts the user may pick from; keeps the current one if still listed, else takes `preferred` or the first. */
  setHosts(hosts: readonly string[], preferred?: string | null): void {
    this.hosts = [...hosts];
    const keep = this.host !== null && this.hosts.includes(this.host) ? this.host : null;
    const next = keep ?? (preferred && this.hosts.includes(preferred) ? preferred : this.hosts[0] ?? null);
    if (next !== this.host) this.switchHost(next);
    else this.view?.post({ type: 'hosts', hosts: this.hosts, host: this.host });
    this.updateMode();
  }

  attachView(view: MonitorView, visible: boolean): void {
    this.view = view;
    this.visible = visible;
    this.updateMode();
  }

  detachView(): void {
    this.view = null;
    this.visible = false;
    this.updateMode();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.updateMode();
  }

  setStatusBarEnabled(enabled: boolean): void {
    this.statusBarEnabled = enabled;
    this.updateMode();
  }

  setIntervals(visibleMs: number, hiddenMs: number): void {
    this.scheduler.setIntervals(visibleMs, hiddenMs);
  }

  /** A message from the webview: validated here, so a hostile one changes nothing. */
  receive(raw: unknown): void {
    const checked = validateWebviewMessage(raw, this.hosts);
    if (!checked.ok) {
      this.options.log?.warn(`monitor: webview message refused: ${checked.error}`);
      return;
    }
    const msg = checked.value;
    switch (msg.type) {
      case 'ready':
        this.view?.post({ type: 'init', l10n: this.options.l10n, hosts: this.hosts, host: this.host, windowMs: HISTORY_WINDOW_MS });
        this.postStatus(this.scheduler.status);
        this.encoder.reset();
        if (this.last && this.host) this.view?.post({ type: 'update', host: this.host, delta: this.encoder.encode(this.last, this.history) });
        break;
      case 'selectHost':
        if (msg.host !== this.host) this.switchHost(msg.host);
        this.updateMode();
        break;
      case 'refresh':
        this.encoder.reset();
        this.scheduler.pollNow();
        break;
    }
  }

  dispose(): void {
    this.scheduler.dispose();
    this.options.onStatusBar?.(null);
  }

  private switchHost(host: string | null): void {
    this.host = host;
    this.history = new HistoryWindow();
    this.last = null;
    this.encoder.reset();
    this.view?.post({ type: 'hosts', hosts: this.hosts, host });
    if (host) {
      this.options.onHostSelected?.(host);
      this.scheduler.pollNow();
    }
  }

  private updateMode(): void {
    const mode = this.host === null ? 'off' : pollMode(this.view !== null && this.visible, this.statusBarEnabled);
    this.scheduler.setMode(mode);
    this.updateStatusBar();
  }

  private async tick(): Promise<void> {
    const host = this.host;
    if (host === null) return;
    const sample = await this.options.source.sample(host);
    if (host !== this.host) return; // the user switched hosts while this sample was on its way
    const snapshot = readSnapshot(sample.snapshot, 'snapshot');
    const encoded: EncodedSample = {
      timeMs: this.now(),
      version: snapshot.version,
      chips: snapshot.chips,
      processes: joinProcesses(snapshot.processes, sample.owners ?? []),
      alerts: readAlerts(sample.alerts ?? [], 'alerts'),
      server: readServerMetrics(sample.serverMetrics ?? null, 'serverMetrics'),
    };
    this.history.append(encoded.timeMs, encoded.chips);
    this.last = encoded;
    if (this.view && this.visible) this.view.post({ type: 'update', host, delta: this.encoder.encode(encoded, this.history) });
    else this.encoder.reset(); // the webview reloads when shown again and needs the full state then
    this.updateStatusBar();
  }

  private onSchedulerStatus(status: SchedulerStatus): void {
    if (status.state === 'backoff') this.options.log?.warn(`monitor: sampling ${this.host} failed: ${status.reason}`);
    this.postStatus(status);
    this.updateStatusBar();
  }

  private postStatus(status: SchedulerStatus): void {
    this.view?.post({ type: 'status', host: this.host, state: status.state, reason: status.reason, retryInMs: status.retryInMs });
  }

  private updateStatusBar(): void {
    const show = this.host !== null && this.statusBarEnabled && !(this.view && this.visible);
    if (!show || this.host === null) {
      this.options.onStatusBar?.(null);
      return;
    }
    this.options.onStatusBar?.(statusSummary(this.host, this.last?.chips ?? null, this.last?.alerts ?? [], this.scheduler.status));
  }
}
