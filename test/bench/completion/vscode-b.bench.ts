/**
 * Benchmark B: a real VS Code (code-server 4.100.3 + Chromium through playwright-core) with the packaged
 * extension types one trace in real time against the simulated vLLM (TTFT 60 ms + 6 ms/token); the time from each
 * keystroke to the ghost text on screen is stamped inside the page (b-page-probe.ts). Then benchmark A's headless
 * replay (replay-harness.ts) runs the same trace through the same tap, and the two are compared per category.
 * The extension's opt-in trace (ASCEND_LLM_COMPLETION_TRACE) splits B at the provider: VS Code inbound, ours, VS Code
 * outbound (b-provider-split.ts); ours is compared with the part A models (keystroke → result − 50 ms).
 *   node --import tsx test/bench/completion/vscode-b.bench.ts [--keys 400] [--trace inventory.py] [--no-package]
 *     [--path loopback|forward] [--rtt MS] [--out test/bench/results/completion-b.md] [--json FILE]
 * `--path forward` (root): the endpoint is the workspace's deployment, reached the way a user reaches it — the
 * extension reads the deployment record on the simulated host over SSH and opens its own local forward; sshd, the
 * simulated vLLM and the tap run in a network namespace (b-netns.ts) whose link `--rtt` delays with tc netem. A then
 * runs through a forward of its own over the same link.
 * Needs .tools/ (code-server; `node test/e2e/run.mjs` installs it once) and /usr/bin/chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { startSimHost, type SimHost } from '../../host/index';
import { resetSandboxSsh, writeSandboxSsh } from '../../host/sandbox-home';
import { sandboxRoot } from '../../e2e/harness/paths';
import { connectHost, type SshConnection } from '../../../src/core/ssh/connect';
import { resolveHost } from '../../../src/core/ssh/host-config';
import { startLocalForward, type LocalForward } from '../../../src/core/ssh/port-forward';
import { setupBenchNetns, type BenchNetns } from './b-netns';
import { startDelayRelay, type DelayRelay } from './b-delay-relay';
import { createCompletionEngine } from '../../../src/core/completion/engine';
import { chooseMode } from '../../../src/core/completion/completion-mode';
import { cutWindow } from '../../../src/core/completion/document-window';
import { withVSCode, eventually } from '../../e2e/harness/session';
import { extensionsDir as e2eExtensionsDir } from '../../e2e/harness/paths';
import { synthesizeTrace } from './trace-synth';
import { replay } from './replay-harness';
import { startSimVllm } from './sim-vllm';
import { startTap } from './b-tap';
import type { Tap } from './b-tap';
import { packageForBench } from './b-vsix';
import { COLLECT, PAGE_PROBE } from './b-page-probe';
import type { PageLog } from './b-page-probe';
import { drive } from './b-driver';
import type { DriveOutcome } from './b-driver';
import { aMissTimes, classify, dist } from './b-analyze';
import type { BClassified, Category } from './b-analyze';
import { joinSamples, providerSplit, readTrace } from './b-provider-split';
import type { ProviderSplit, TraceLine } from './b-provider-split';
import type { RequestTiming } from '../../../src/core/completion/engine-api';

const SOURCES = join(__dirname, '..', '..', 'fixtures', 'completion', 'bench');
const SEEDS: Record<string, { languageId: string; seed: number }> = {
  'inventory.py': { languageId: 'python', seed: 1 },
  'textstats.py': { languageId: 'python', seed: 2 },
  'ratelimit.go': { languageId: 'go', seed: 3 },
};

/** Editor settings that make the document exactly what the trace types (as in A): no auto-closing, no auto-indent,
 * no IntelliSense widget competing with the inline suggestion. */
const EDITOR_SETTINGS = {
  'editor.inlineSuggest.enabled': true,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoClosingDelete': 'never',
  'editor.autoClosingOvertype': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.trimAutoWhitespace': false,
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.parameterHints.enabled': false,
  'editor.tabCompletion': 'off',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.detectIndentation': false,
  'files.autoSave': 'off',
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface BRun {
  log: PageLog;
  drove: DriveOutcome;
  saved: string;
  browser: string;
  statusBar: string[];
  /** The provider's trace lines (ASCEND_LLM_COMPLETION_TRACE), wall-clock ms. */
  trace: TraceLine[];
  /** Page wall clock − this process's, and the round trip that measured it. */
  clock: { rtt: number; offset: number };
}

/** How the extension reaches the server: a configured endpoint (the tap), or the deployment through its forward. */
interface Reach {
  userSettings: Record<string, unknown>;
  files: Record<string, string>;
  home?: string;
}

const DEPLOYMENT = 'coder';
const NS_TAP_PORT = 18001;
const NS_SIM_PORT = 18000;

function descriptor(alias: string, home: string): string {
  return `version: 1
name: ${DEPLOYMENT}
target: { host: ${alias}, chip: 910B4, vllmAscend: v0.23.0 }
model:
  id: deepseek-ai/deepseek-coder-1.3b-base
  source: modelscope
  hostPath: ${home}/models/deepseek-coder-1.3b-base
image: { tag: quay.io/ascend/vllm-ascend:v0.23.0 }
runtime: { npus: [0], shmSize: 1g, publish: { address: 127.0.0.1, port: ${NS_TAP_PORT} } }
serve: { served-model-name: deepseek-coder, max-model-len: 4096 }
`;
}

/** The simulated host in its namespace, its deployment record, and a sandbox HOME whose ~/.ssh names it. */
async function forwardReach(netns: BenchNetns, relay: DelayRelay): Promise<{ host: SimHost; reach: Reach; alias: string }> {
  const host = await startSimHost({ profile: '910b4', alias: 'kunpeng-01' });
  await netns.startSshd(join(dirname(host.sshdLogPath), 'sshd_config'));
  const hostKey = host.knownHostsLine.split(' ').slice(1).join(' ');
  const home = join(sandboxRoot, `bench-b-home-${process.pid}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  resetSandboxSsh(home);
  // Through the delay relay in front of the namespace's sshd (used when the kernel has no netem).
  writeSandboxSsh(home, { ...host, host: '127.0.0.1', port: relay.port, knownHostsLine: `[127.0.0.1]:${relay.port} ${hostKey}` });
  const records = join(host.home, '.ascend-llm', 'deployments');
  mkdirSync(records, { recursive: true });
  writeFileSync(join(records, `${DEPLOYMENT}.json`), JSON.stringify({
    name: DEPLOYMENT, host: host.alias, container: `ascend-llm-${DEPLOYMENT}`, image: 'quay.io/ascend/vllm-ascend:v0.23.0',
    modelId: 'deepseek-ai/deepseek-coder-1.3b-base', servedModelName: 'deepseek-coder', hostPort: NS_TAP_PORT, containerPort: 8000,
    npus: [0], startedAt: new Date().toISOString(), status: 'running',
  }));
  return {
    host, alias: host.alias,
    reach: {
      home,
      files: { 'ascend-deploy.yaml': descriptor(host.alias, host.home) },
      userSettings: { 'ascend.hosts': { [host.alias]: { ascendPrefix: host.ascendPrefix, devPrefix: host.devPrefix, etcPrefix: host.etcPrefix, usrLocalPrefix: host.usrLocalPrefix } } },
    },
  };
}

async function runB(tap: Tap, extensionsDir: string, name: string, events: ReturnType<typeof synthesizeTrace>,
  finalText: string, seed: number, reach: Reach): Promise<BRun> {
  let run: BRun | undefined;
  let clock = { rtt: Infinity, offset: 0 };
  const traceDir = mkdtempSync(join(tmpdir(), 'bench-b-trace-'));
  const traceFile = join(traceDir, 'provider.jsonl');
  await withVSCode({ name: 'bench-b', files: { [name]: '', ...reach.files }, extensionsDir, home: reach.home,
    userSettings: { ...reach.userSettings, ...EDITOR_SETTINGS }, env: { ASCEND_LLM_COMPLETION_TRACE: traceFile } },
    async ({ wb, server }) => {
      const page = wb.page;
      await wb.openFile(name);
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      // Warm-up (like A's): activate the extension and open the connection, then clear the document.
      const before = tap.requests.length;
      const warm = await eventually(async () => {
        await page.keyboard.type('x = ');
        await page.waitForTimeout(600);
        if (tap.requests.length > before) return true;
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        return false;
      }, 90_000, 1000);
      if (!warm) throw new Error('no completion request reached the simulated vLLM during warm-up');
      await page.waitForTimeout(500);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(1000);
      await page.evaluate(PAGE_PROBE);
      // The page's wall clock against this process's: the round trip with the smallest RTT bounds the offset.
      let best = { rtt: Infinity, offset: 0 };
      for (let n = 0; n < 30; n++) {
        const t0 = performance.timeOrigin + performance.now();
        const p = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
        const t1 = performance.timeOrigin + performance.now();
        if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: p - (t0 + t1) / 2 };
      }
      clock = best;
      const drove = await drive(page, finalText, events, seed);
      const log = (await page.evaluate(COLLECT)) as PageLog;
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+S');
      const path = join(server.workspace, name);
      const saved = await eventually(() => { const s = readFileSync(path, 'utf8'); return s ? s : ''; }, 10_000, 200);
      const statusBar = await wb.statusBar();
      // The trace is flushed every 100 ms; wait until its last line is past the end of the typing.
      const lastKey = log.timeOrigin + Math.max(...log.keys.map((k) => k.t));
      await eventually(() => readTrace(traceFile).some((l) => l.entry > lastKey), 5_000, 200);
      run = { log, drove, saved, browser: page.context().browser()?.version() ?? '?', statusBar, trace: readTrace(traceFile), clock };
    });
  rmSync(traceDir, { recursive: true, force: true });
  if (!run) throw new Error('benchmark B did not run');
  if (!run.trace.length) throw new Error(`the provider wrote no trace to ${traceFile}: is ASCEND_LLM_COMPLETION_TRACE reaching the extension host?`);
  return run;
}

const CATS: Category[] = ['hit', 'single', 'multi'];

async function main(): Promise<void> {
  const fromJson = arg('--from-json');
  if (fromJson) {
    writeFileSync(arg('--out') ?? 'test/bench/results/completion-b.md', markdown(JSON.parse(readFileSync(fromJson, 'utf8')) as Report));
    return;
  }
  const keys = Number(arg('--keys') ?? 400);
  const trace = arg('--trace') ?? 'inventory.py';
  const { languageId, seed } = SEEDS[trace];
  const finalText = readFileSync(join(SOURCES, trace), 'utf8');
  const events = synthesizeTrace(finalText, seed, keys);
  const load0 = loadavg();
  const started = new Date();
  const extensionsDir = process.argv.includes('--no-package') ? arg('--extensions-dir') ?? e2eExtensionsDir : packageForBench();
  const path = arg('--path') ?? 'loopback';
  const rtt = Number(arg('--rtt') ?? 0);
  if (path !== 'loopback' && path !== 'forward') throw new Error('--path is loopback or forward');
  if (rtt > 0 && path !== 'forward') throw new Error('--rtt needs --path forward (the delay is on the namespace link)');
  const netns = path === 'forward' ? setupBenchNetns() : undefined;
  let simHost: SimHost | undefined;
  let aConn: SshConnection | undefined;
  let aForward: LocalForward | undefined;
  const where = netns ? { inNetns: netns.name } : {};
  const sim = await startSimVllm({ [trace]: finalText }, { ttftMs: 60, itlMs: 6 }, { ...where, port: netns ? NS_SIM_PORT : undefined });
  const tap = await startTap(sim.url, { ...where, port: netns ? NS_TAP_PORT : undefined });
  const tapLog = tap.requests;
  let reach: Reach = { files: {}, userSettings: { 'ascend.completion.endpoint': tap.url } };
  let aEndpoint = tap.url;
  let relay: DelayRelay | undefined;
  let delayBy = 'none';
  if (netns) {
    relay = await startDelayRelay(netns.address, 22);
    if (rtt > 0) {
      const netem = netns.setRtt(rtt);
      if (!netem) await relay.setRtt(rtt);
      delayBy = netem ? 'tc netem on the veth pair' : 'a delaying TCP relay in front of the namespace\'s sshd (this kernel has no netem qdisc)';
    }
    const f = await forwardReach(netns, relay);
    simHost = f.host;
    reach = f.reach;
    aConn = await connectHost(resolveHost(f.alias, { home: f.reach.home!, localUser: 'bench' }), {});
    aForward = await startLocalForward(async () => aConn!.client, NS_TAP_PORT);
    aEndpoint = `http://127.0.0.1:${aForward.localPort}`;
  }
  let b: BRun;
  let bClass: BClassified;
  let a: Awaited<ReturnType<typeof replay>>;
  let aRequests: number;
  let aStart = 0;
  const loadB: number[] = [];
  const aTimings: RequestTiming[] = [];
  let provSplit: ProviderSplit;
  let joined: ReturnType<typeof joinSamples>;
  try {
    const tB = tap.requests.length;
    b = await runB(tap, extensionsDir, trace, events, finalText, seed, reach);
    loadB.push(...loadavg());
    const docAt = new Map(b.drove.actions.map((x) => [x.i, x.doc]));
    bClass = classify(b.log, tap.requests.slice(tB), (i) => {
      const doc = docAt.get(i) ?? '';
      return chooseMode(cutWindow(doc, doc.length), languageId).mode;
    });
    joined = joinSamples(b.log, bClass.samples, b.trace);
    provSplit = providerSplit(joined, b.trace, tap.requests.slice(tB), b.log.timeOrigin + Math.min(...b.log.keys.map((k) => k.t)));
    // A: the same trace, same tap, the engine straight from src/ (the same source the .vsix was built from).
    const engine = createCompletionEngine({ endpoint: aEndpoint, model: 'deepseek-coder', onTiming: (t) => aTimings.push(t) });
    await engine.complete({ documentText: 'x = ', offset: 4, languageId, fileName: 'warmup', token: { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) } });
    const tA = tap.requests.length;
    aStart = performance.now();
    a = await replay(engine, finalText, events, languageId, basename(trace), seed);
    aRequests = tap.requests.length - tA;
    engine.dispose();
  } finally {
    await aForward?.close();
    aConn?.close();
    await tap.stop();
    await sim.stop();
    await simHost?.stop();
    await relay?.stop();
    netns?.remove();
  }
  const load1 = loadavg();

  const isA = (c: Category) => (s: (typeof a.shown)[number]) => (c === 'hit' ? s.source !== 'request' : s.source === 'request' && s.mode === c);
  const aCat = (c: Category) => a.shown.filter(isA(c)).map((s) => s.resultAt - s.keyAt);
  const bCat = (c: Category, f: 'paintedMs' | 'domMs') => bClass.samples.filter((s) => s.category === c).map((s) => s[f]);
  // Misses split where the tap saw the request: keystroke → request out → shown.
  const aT = aMissTimes(a.shown, tapLog, performance.timeOrigin);
  const defined = (v: Array<number | undefined>) => v.filter((x): x is number => x !== undefined);
  const split = (c: Category) => {
    if (c === 'hit') return undefined;
    const as = a.shown.map((s, i) => (isA(c)(s) ? { s, t: aT[i] } : undefined)).filter((x) => x?.t !== undefined).map((x) => x!);
    const bs = bClass.samples.filter((s) => s.category === c);
    return {
      sentA: dist(as.map((x) => x.t!.sentMs)),
      sentB: dist(defined(bs.map((s) => s.sentMs))),
      afterA: dist(as.map((x) => x.s.resultAt - x.s.keyAt - x.t!.sentMs)),
      afterB: dist(defined(bs.map((s) => (s.sentMs === undefined ? undefined : s.paintedMs - s.sentMs)))),
    };
  };
  // Same keystroke, same category, same suggestion length in both runs: the cleanest comparison (same prompt, same
  // server time). A's keystroke index comes from its schedule (replay starts 500 ms after it is called).
  const cum: number[] = [];
  events.reduce((acc, ev, i) => (cum[i] = acc + ev.gapMs), 0);
  const aIndex = (keyAt: number) => {
    let best = 0;
    for (let i = 0; i < cum.length; i++) if (Math.abs(aStart + 500 + cum[i] - keyAt) < Math.abs(aStart + 500 + cum[best] - keyAt)) best = i;
    return best;
  };
  const aByKey = new Map(a.shown.map((s) => [aIndex(s.keyAt), s]));
  const pairs = CATS.map((c) => {
    const d = bClass.samples.filter((s) => s.category === c).flatMap((s) => {
      const x = aByKey.get(s.key);
      return x && isA(c)(x) && x.chars === s.chars ? [s.paintedMs - (x.resultAt - x.keyAt)] : [];
    });
    return { category: c, deltaMs: dist(d) };
  });
  const hitsVia = (['cache', 'stream'] as const).map((v) => ({
    via: v,
    A: dist(a.shown.filter((s) => s.source === v).map((s) => s.resultAt - s.keyAt)),
    B: dist(bClass.samples.filter((s) => s.category === 'hit' && s.via === v).map((s) => s.paintedMs)),
  }));
  const rows = CATS.map((c) => {
    const A = dist(aCat(c));
    const B = dist(bCat(c, 'paintedMs'));
    const Bdom = dist(bCat(c, 'domMs'));
    const delta = A.p50 !== null && B.p50 !== null ? Math.round((B.p50 - A.p50) * 10) / 10 : null;
    return { category: c, A, B, Bdom, deltaP50: delta, within21: delta === null ? null : Math.abs(delta) <= 21, split: split(c) };
  });
  const late = dist(b.drove.lateMs);
  // What A models is the engine behind VS Code's debounce: A's keystroke → result − its emulated 50 ms, against
  // B's provider entry → return, per category (B: the samples joined to the call that answered them).
  const aWarmEntered = aStart;
  const models = CATS.map((c) => {
    const A = dist(aCat(c).map((x) => x - 50));
    const Aentered = dist(a.shown.filter(isA(c)).map((s) => s.resultAt - s.enteredAt));
    const B = provSplit.perCategory.find((p) => p.category === c)!.ours;
    const delta = A.p50 !== null && B.p50 !== null ? Math.round((B.p50 - A.p50) * 10) / 10 : null;
    return { category: c, A, Aentered, B, deltaP50: delta, within21: delta === null ? null : Math.abs(delta) <= 21 };
  });
  const aSent = aTimings.filter((t) => t.entered >= aWarmEntered);
  const debounceA = dist(aSent.map((t) => t.debounceMs));
  const tapMinusSentA = dist(aSent.flatMap((t) => {
    const sent = performance.timeOrigin + t.sent;
    const q = tapLog.find((x) => x.at >= sent - 20 && x.at <= sent + 50);
    return q ? [q.at - sent] : [];
  }));
  // Requests while typing (from the first keystroke on), and pauses (a gap of ≥ 600 ms before a key) at which ghost
  // text was on screen when the next key came.
  const firstKey = b.log.timeOrigin + Math.min(...b.log.keys.map((k) => k.t));
  const typingRequests = tapLog.filter((q) => q.at >= firstKey && q.at <= b.log.timeOrigin + Math.max(...b.log.keys.map((k) => k.t))).length;
  const pauses = b.drove.actions.filter((x) => events[x.i].gapMs >= 600);
  const report = {
    date: started.toISOString(), keys: events.length, trace, seed, path, rttMs: rtt, delayBy,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: b.browser, codeServer: '4.100.3 (VS Code 1.100.3)' },
    loadavg: { start: load0.map((x) => x.toFixed(2)), afterB: loadB.map((x) => x.toFixed(2)), end: load1.map((x) => x.toFixed(2)) },
    B: {
      typedChars: b.drove.typedChars, accepts: b.drove.accepts, acceptedChars: b.drove.acceptedChars, stamps: b.log.keys.length,
      documentMatches: b.saved.replace(/\r\n/g, '\n') === b.drove.doc, kept: bClass.kept, replaced: bClass.replaced,
      inputQueueMs: dist(bClass.samples.map((s) => s.inputQueueMs)), driverLateMs: late, statusBar: b.statusBar.filter((x) => /Ascend/.test(x)),
      requests: typingRequests, requestsPerTypedChar: Math.round((typingRequests / b.drove.typedChars) * 1000) / 1000,
      pauses: pauses.length, pausesWithGhost: pauses.filter((x) => x.ghost !== '').length,
      provider: { partial: b.trace.filter((l) => l.items && l.complete === false).length, calls: b.trace.length },
    },
    A: { typedChars: a.typedChars, accepts: a.accepts, acceptedChars: a.acceptedChars, triggers: a.triggers, requests: aRequests },
    comparison: rows,
    hitsVia,
    pairs,
    provider: { ...provSplit, models, debounceA, tapMinusSentA, pageClock: { offsetMs: Math.round(b.clock.offset * 100) / 100, rttMs: Math.round(b.clock.rtt * 100) / 100 } },
  };
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  const jsonOut = arg('--json');
  if (jsonOut) writeFileSync(jsonOut, json + '\n');
  const raw = arg('--raw');
  if (raw) writeFileSync(raw, JSON.stringify({ benchTimeOrigin: performance.timeOrigin, actions: b.drove.actions, saved: b.saved, expected: b.drove.doc, log: b.log, requests: tapLog, samples: bClass.samples, aShown: a.shown, trace: b.trace, joined: joined.joined, aTimings }, null, 1));
  const out = arg('--out');
  if (out) writeFileSync(out, markdown(report));
}

type D = ReturnType<typeof dist>;
type Report = {
  date: string; keys: number; trace: string; seed: number; path?: string; rttMs?: number; delayBy?: string; machine: Record<string, unknown>;
  loadavg: Record<string, string[]>; B: Record<string, unknown> & { inputQueueMs: ReturnType<typeof dist>; driverLateMs: ReturnType<typeof dist> };
  A: Record<string, number>;
  comparison: Array<{ category: string; A: D; B: D; Bdom: D; deltaP50: number | null; within21: boolean | null;
    split?: { sentA: D; sentB: D; afterA: D; afterB: D } }>;
  hitsVia: Array<{ via: string; A: D; B: D }>;
  pairs: Array<{ category: string; deltaMs: D }>;
  provider?: ProviderSplit & { debounceA: D; tapMinusSentA?: D; pageClock?: { offsetMs: number; rttMs: number }; models: Array<{ category: string; A: D; Aentered: D; B: D; deltaP50: number | null; within21: boolean | null }> };
};

function providerMarkdown(p: NonNullable<Report['provider']>, f: (d: D) => string, label: Record<string, string>): string[] {
  return [
    '## Split at the provider (the extension\'s `ASCEND_LLM_COMPLETION_TRACE`)',
    '',
    `Provider calls during the typing: ${p.calls} (${p.callsWithItems} returned items). B samples joined to the call that`,
    `answered them: ${p.joined} (not joined: ${p.unjoined}, VS Code showed a suggestion it still held without calling the provider).`,
    '',
    '| B, p50 / p95 ms | keystroke → provider entry (VS Code inbound) | inbound − 50 ms debounce | entry → return (ours) | of which entry → engine called | return → ghost text in DOM | return → painted |',
    '|---|---|---|---|---|---|---|',
    ...p.perCategory.map((c) => `| ${label[c.category]} | ${f(c.inbound)} | ${f(c.inboundMinus50)} | ${f(c.ours)} | ${f(c.preEngine)} | ${f(c.outDom)} | ${f(c.outPainted)} |`),
    `| all joined | | ${f(p.all.inboundMinus50)} | | ${f(p.all.preEngine)} | ${f(p.all.outDom)} | ${f(p.all.outPainted)} |`,
    '',
    '| the part A models, p50 / p95 ms | A: keystroke → result − 50 ms | A: engine entered → result | B: provider entry → return | B − A, p50 |',
    '|---|---|---|---|---|',
    ...p.models.map((m) => `| ${label[m.category]} | ${f(m.A)} | ${f(m.Aentered)} | ${f(m.B)} | ${m.deltaP50 ?? '–'} ms${m.within21 === null ? '' : m.within21 ? ' (≤ 21: yes)' : ' (≤ 21: **no**)'} |`),
    '',
    `- The engine's adaptive debounce on calls that sent a request, p50 / p95: A ${f(p.debounceA)} ms, B ${f(p.debounceB)} ms.`,
    `- Request stamped sent by the engine → seen by the tap (different processes' wall clocks; it also holds the time to write`,
    `  the request to the socket): B (extension host) ${f(p.tapMinusSentMs)} ms; A (bench process) ${p.tapMinusSentA ? f(p.tapMinusSentA) : '–'} ms.`,
    ...(p.pageClock ? [`- The page's wall clock − the bench process's: ${p.pageClock.offsetMs} ms (± ${p.pageClock.rttMs / 2} ms, half the best of 30 round trips).`] : []),
    '',
  ];
}

function markdown(r: Report): string {
  const f = (d: ReturnType<typeof dist>) => `${d.p50 ?? '–'} / ${d.p95 ?? '–'} (n=${d.n})`;
  const label: Record<string, string> = { hit: 'hits (cache / joined stream)', single: 'single-line misses', multi: 'multi-line misses' };
  const lines = [
    '# Completion benchmark B: real VS Code',
    '',
    '```',
    `node --import tsx test/bench/completion/vscode-b.bench.ts --keys ${r.keys} --trace ${r.trace} --out test/bench/results/completion-b.md`,
    '```',
    '',
    `- Date: ${r.date}. Machine: ${String(r.machine.cpus)} × ${String(r.machine.model)}, ${String(r.machine.memGiB)} GiB, shared with other jobs;`,
    `  Node ${String(r.machine.node)}, code-server ${String(r.machine.codeServer)}, Chromium ${String(r.machine.chromium)} (headless, playwright-core).`,
    `- Load average (1/5/15 min): start ${r.loadavg.start.join(' ')}, after B ${r.loadavg.afterB.join(' ')}, end ${r.loadavg.end.join(' ')}.`,
    `- Trace: \`${r.trace}\` (seed ${r.seed}), first ${r.keys} keys, real-time gaps; server: simulated vLLM, TTFT 60 ms + 6 ms/token,`,
    '  behind a byte-forwarding TCP tap (its own process) that logs each request; A and B go through the same tap.',
    `- Path: ${r.path === 'forward' ? `the deployment through the extension's own SSH local forward to the simulated host in a network namespace, ${r.rttMs ?? 0} ms round trip added by ${r.delayBy ?? 'tc netem'}` : 'loopback endpoint (ascend.completion.endpoint)'}.`,
    `- Requests while typing: ${String(r.B.requests)} for ${String(r.B.typedChars)} typed characters = **${String(r.B.requestsPerTypedChar)}** per typed character; pauses (≥ 600 ms before a key) with ghost text on screen: ${String(r.B.pausesWithGhost)} of ${String(r.B.pauses)}.`,
    '',
    '| keystroke → shown, p50 / p95 ms | A: headless replay (→ result) | B: VS Code (→ ghost text painted) | B (→ ghost text in DOM) | B − A, p50 |',
    '|---|---|---|---|---|',
    ...r.comparison.map((c) => `| ${label[c.category]} | ${f(c.A)} | ${f(c.B)} | ${f(c.Bdom)} | ${c.deltaP50 ?? '–'} ms${c.within21 === null ? '' : c.within21 ? ' (≤ 21: yes)' : ' (≤ 21: **no**)'} |`),
    '',
    '| split where the tap saw the traffic (p50 / p95 ms) | A | B |',
    '|---|---|---|',
    ...r.comparison.filter((c) => c.split).flatMap((c) => [
      `| ${label[c.category]}: keystroke → request out | ${f(c.split!.sentA)} | ${f(c.split!.sentB)} |`,
      `| ${label[c.category]}: request out → shown (server time + client side) | ${f(c.split!.afterA)} | ${f(c.split!.afterB)} |`,
    ]),
    ...r.hitsVia.map((h) => `| hits via ${h.via === 'cache' ? 'the cache' : 'a joined stream (B: inferred)'}: keystroke → shown | ${f(h.A)} | ${f(h.B)} |`),
    '',
    '| same keystroke in A and B, same category and suggestion length | B − A, p50 / p95 ms |',
    '|---|---|',
    ...r.pairs.map((p) => `| ${label[p.category]} | ${f(p.deltaMs)} |`),
    '',
    ...(r.provider ? providerMarkdown(r.provider, f, label) : []),
    `- B typed ${String(r.B.typedChars)} chars and accepted ${String(r.B.accepts)} suggestions (${String(r.B.acceptedChars)} chars); A typed ${r.A.typedChars}, accepted ${r.A.accepts} (${r.A.acceptedChars} chars), ${r.A.requests} requests.`,
    `- B's saved file equals the document the driver expected: ${String(r.B.documentMatches)}. Keystrokes stamped in the page: ${String(r.B.stamps)}.`,
    `- Keystrokes after which VS Code kept the suggestion on screen (typing through it, no new appearance, not in the table): ${String(r.B.kept)}; replaced without disappearing: ${String(r.B.replaced)}.`,
    `- Renderer input queueing (event timeStamp → listener) p50 / p95: ${f(r.B.inputQueueMs)} ms; driver lateness vs the trace schedule: ${f(r.B.driverLateMs)} ms.`,
    '',
    '## How B measures',
    '',
    '- Both stamps are taken in the page with `performance.now()` (b-page-probe.ts), so Playwright\'s CDP round trips only',
    '  shift when a key is sent (the "driver lateness" above), never what is measured. The keystroke: a capture-phase',
    '  `keydown` (or `beforeinput` for Enter + indentation, typed as one `insertText`) listener on `window`. The driver',
    '  announces event i in the same `evaluate` that reads the ghost text before dispatching, so stamps map to events exactly.',
    '- The ghost text: a MutationObserver on the editor part reads `.ghost-text-decoration` (inline part) and',
    '  `.suggest-preview-text .view-line` (further lines, and next-line suggestions). "DOM" is the observer callback; Monaco',
    '  renders view lines inside requestAnimationFrame, so that is inside the frame that paints them. "Painted" is a',
    '  MessageChannel task posted from the callback, which runs after that frame\'s rendering: an upper bound. On screen',
    '  lies between the two.',
    '- A sample is a suggestion that appears after none was shown since the keystroke, or that replaces the shown one',
    '  by text that is not what VS Code keeps while the user types through it. Keystrokes after which VS Code itself kept',
    '  the suggestion (typing through) are not samples: A does not model that display (it measures them as ~51 ms hits).',
    '- Hit or miss: whether the tap saw a request between the keystroke and the appearance; a miss is single- or',
    '  multi-line by the engine\'s own `chooseMode` on the document at that keystroke. "Joined stream" for B is inferred:',
    '  a request sent ≤ 1 s before the keystroke that had shown nothing yet.',
    '- The editor types exactly what A\'s document holds: auto-closing, auto-indent and IntelliSense popups are off;',
    '  accepts follow A\'s rule (true continuation, ≥ 3 chars, probability 0.6, same PRNG and seed) by pressing Tab.',
    '- The split at the provider: B starts code-server with `ASCEND_LLM_COMPLETION_TRACE=<file>`, so the extension',
    '  (src/extension/completion/completion-trace.ts) appends one line per `provideInlineCompletionItems` call: wall-clock',
    '  entry, engine called and return, document version, offset, whether items were returned, and the engine\'s',
    '  `onTiming` stamps when the call sent a request. A sample is joined to the last call that entered after its',
    '  keystroke, returned items uncancelled, and returned before the ghost text reached the DOM (b-provider-split.ts).',
    '',
  ];
  return lines.join('\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
