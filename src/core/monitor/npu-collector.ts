/**
 * Samples one host for the NPU monitor over an already-open connection (the caller supplies `run`, one exec on
 * the shared SSH connection, and `scrape`, an HTTP GET through the SSH forward):
 * - every tick: `npu-smi info` (chips, processes, health), parsed by src/core/npu;
 * - every `enrichEveryMs` (and on the first tick): deployment records, `docker top` and recent logs of the
 *   running ascend-llm containers, in one command (enrichment.ts);
 * - when a deployment is known: vLLM `/metrics`, summarized against the previous scrape (tokens/s, TTFT).
 * Alerts come from evaluateNpuAlerts over the snapshot plus npu-smi's stderr and the containers' recent logs.
 */
import { evaluateNpuAlerts } from '../npu/alerts';
import { parseNpuSmiInfo } from '../npu/parse-info';
import { readVllmScrape, summarizeVllm, type TimedScrape } from '../metrics/vllm-metrics';
import type { DeploymentRecord } from '../deployment/record';
import { currentDeployment, enrichmentArgv, parseEnrichment, type Enrichment } from './enrichment';
import { ownersFromDockerTop } from './process-join';
import type { MonitorAlert, MonitorSample, ServerMetrics } from './snapshot-types';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CollectorDeps {
  /** Runs one argv on the host over the shared connection. */
  run(argv: string[]): Promise<RunResult>;
  /** GET `/metrics` of the server published on the host's 127.0.0.1:hostPort; rejects when it does not answer. */
  scrape(hostPort: number): Promise<string>;
  now?(): number;
  log?(message: string): void;
}

/** Enrichment (docker top, records, logs) is refreshed this often; npu-smi info runs every tick. */
export const ENRICH_EVERY_MS = 15_000;

export class NpuCollector {
  private enrichment: Enrichment | null = null;
  private enrichedAt = -Infinity;
  private lastScrape: TimedScrape | null = null;
  private scrapePort: number | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: CollectorDeps, private readonly enrichEveryMs = ENRICH_EVERY_MS) {
    this.now = deps.now ?? (() => Date.now());
  }

  async sample(): Promise<MonitorSample> {
    const info = await this.deps.run(['npu-smi', 'info']);
    if (this.now() - this.enrichedAt >= this.enrichEveryMs) await this.enrich();
    const enrichment = this.enrichment;
    const logText = [info.stderr, info.code === 0 ? '' : info.stdout, enrichment?.logText ?? ''].join('\n');
    let parsed: ReturnType<typeof parseNpuSmiInfo> | null = null;
    try {
      parsed = parseNpuSmiInfo(info.stdout);
    } catch (err) {
      const alerts = evaluateNpuAlerts(null, logText);
      // A known failure (e.g. dcmi -8005) is shown as its alert; anything else is a sampling error (back off).
      if (alerts.length === 0) throw err instanceof Error ? err : new Error(String(err));
    }
    const deployment = enrichment ? currentDeployment(enrichment.deployments, enrichment.tops.map((x) => x.container)) : null;
    return {
      snapshot: parsed ?? { version: null, chips: [], processes: [] },
      alerts: evaluateNpuAlerts(parsed, logText).map((a): MonitorAlert => ({ ...a })),
      owners: enrichment ? ownersFromDockerTop(enrichment.tops, enrichment.deployments) : [],
      serverMetrics: deployment ? await this.serverMetrics(deployment) : null,
    };
  }

  private async enrich(): Promise<void> {
    this.enrichedAt = this.now();
    try {
      const r = await this.deps.run(enrichmentArgv());
      this.enrichment = parseEnrichment(r.stdout);
      if (this.enrichment.badRecords > 0) this.deps.log?.(`monitor: ${this.enrichment.badRecords} unreadable deployment record(s)`);
    } catch (err) {
      this.deps.log?.(`monitor: enrichment failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async serverMetrics(d: DeploymentRecord): Promise<ServerMetrics | null> {
    if (this.scrapePort !== d.hostPort) this.lastScrape = null;
    this.scrapePort = d.hostPort;
    let curr: TimedScrape;
    try {
      curr = { scrape: readVllmScrape(await this.deps.scrape(d.hostPort), { modelName: d.servedModelName }), timeMs: this.now() };
    } catch (err) {
      this.deps.log?.(`monitor: /metrics of ${d.name} unreadable: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
    const s = summarizeVllm(curr, this.lastScrape ?? undefined);
    this.lastScrape = curr;
    return {
      running: s.running,
      waiting: s.waiting,
      kvCacheUsagePercent: s.kvCacheUsagePercent,
      ttftP50Seconds: s.windowTtftP50Seconds ?? s.ttftP50Seconds,
      ttftP95Seconds: s.windowTtftP95Seconds ?? s.ttftP95Seconds,
      tokensPerSecond: s.tokensPerSecond,
    };
  }
}
