/**
 * Synthetic 8× 910B4 samples for the webview tests and the frame benchmark (bus ids and capacities as in the
 * 910B4 ×8 fixture), turned into host messages by the real host-side encoder. Values are deterministic
 * functions of the tick, so a test can say what a card must show at a given tick.
 */
import { DeltaEncoder } from '../../src/core/monitor/delta-encoder';
import { HistoryWindow } from '../../src/core/monitor/history-window';
import type { HostMessage, ProcessRow } from '../../src/core/monitor/protocol';
import type { ChipSnapshot, MonitorAlert, ServerMetrics } from '../../src/core/monitor/snapshot-types';

const BUS = ['0000:C1:00.0', '0000:C2:00.0', '0000:81:00.0', '0000:82:00.0', '0000:01:00.0', '0000:02:00.0', '0000:41:00.0', '0000:42:00.0'];

export function chipAt(npuId: number, tick: number): ChipSnapshot {
  const phase = tick / 17 + npuId;
  return {
    npuId, chipId: 0, deviceId: null, name: '910B4', health: npuId === 5 && tick >= 30 ? 'Warning' : 'OK',
    powerW: Math.round((90 + 60 * Math.abs(Math.sin(phase))) * 10) / 10,
    tempC: Math.round(46 + 8 * Math.sin(tick / 41 + npuId * 0.7) + npuId),
    hugepages: { used: 0, total: 0 }, busId: BUS[npuId],
    aicorePercent: Math.round(50 + 45 * Math.sin(phase)),
    memoryMB: { used: 0, total: 0 },
    hbmMB: { used: Math.round(27000 + 2500 * Math.sin(tick / 90 + npuId) + npuId * 100), total: 32768 },
  };
}

export function processesAt(tick: number): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (let npu = 0; npu < 8; npu++) {
    rows.push({ npuId: npu, chipId: 0, pid: 41000 + npu, name: npu === 0 ? 'python3.1' : 'VLLMWorker_TP', memoryMB: 28000 + npu,
      containerPid: null, container: 'vllm-coder', deployment: 'coder-6.7b' });
  }
  if (tick >= 10) rows.push({ npuId: 3, chipId: 0, pid: 52001, name: 'hlt_host_devmm_', memoryMB: 512, containerPid: null, container: null, deployment: null });
  return rows;
}

export function serverAt(tick: number): ServerMetrics {
  return { running: 4 + (tick % 5), waiting: tick % 3, kvCacheUsagePercent: 20 + (tick % 60),
    ttftP50Seconds: 0.084, ttftP95Seconds: 0.31, tokensPerSecond: 250 + tick };
}

export function alertsAt(tick: number): MonitorAlert[] {
  if (tick < 20) return [];
  return [{ id: 'temperature-high:2:0', kind: 'temperature-high', severity: 'warning', npuId: 2, chipId: 0,
    message: 'Temperature 88 °C', advice: 'High temperature causes latency jitter: check the cooling policy.' }];
}

/** A stream of `update` messages for host `host`, one per tick (1 s apart in sample time). */
export class SampleFeed {
  private readonly encoder = new DeltaEncoder();
  private readonly history = new HistoryWindow();
  tick = 0;

  constructor(readonly host: string, readonly startMs = Date.UTC(2026, 10, 28, 3, 0, 0), readonly chips = 8) {}

  next(): HostMessage {
    const timeMs = this.startMs + this.tick * 1000;
    const chips = Array.from({ length: this.chips }, (_, i) => chipAt(i, this.tick));
    this.history.append(timeMs, chips);
    const delta = this.encoder.encode({
      timeMs, version: '25.0.rc1.1', chips, processes: processesAt(this.tick), alerts: alertsAt(this.tick), server: serverAt(this.tick),
    }, this.history);
    this.tick++;
    return { type: 'update', host: this.host, delta };
  }

  /** Advances `n` ticks on the host side only (history fills, nothing is sent), then asks for a reset. */
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.next();
    this.encoder.reset();
  }
}
