// Big Dockerfiles, shell scripts and Python files in the language server, as the user types: time from
// an edit to its publishDiagnostics, and the server's peak memory, for generated files over and at the size caps
// of src/core/analysis/limits.ts.
//
// Run:  node --import tsx test/bench/big-file.bench.ts [--edits N] [--root DIR] [--json]
//   --edits N   timed edits per file after opening it (default 5)
//   --root DIR  the checkout whose src/server/main.ts is started (default this one); point it at a checkout from
//               before the caps to measure "before" in the same way.
//   --only TEXT run only the cases whose label contains TEXT (e.g. --only "4 MiB").
// Each file gets a fresh server process (src/server/main.ts through tsx, over stdio) so peak memory is per file.
// An edit replaces the whole text (as VS Code sends it for a paste) with one line changed at the end.
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_RULES_BYTES } from '../../src/core/analysis/limits';
import { LspPeer } from './lsp-peer';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const EDITS = Number(arg('--edits') ?? 5);
const ROOT = resolve(arg('--root') ?? join(__dirname, '../..'));

/** `unit` repeated to `bytes`, each line a finding or two for the rules. */
function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

const DOCKER = 'FROM quay.io/ascend/vllm-ascend:v0.23.0\nRUN pip install torch==2.9.0 && npu-smi top -n 10 \\\n    && echo hello\nENV A=1\n';
const SHELL = 'pip install torch==2.9.0\nnpu-smi top -n 10\necho hi \\\n  there\n';
const PYTHON = 'llm = LLM(model="m", max_num_seqs=256)\nsp = SamplingParams(max_tokens=64, temprature=1)\n';
const MiB = 1024 * 1024;

const CASES: Array<{ label: string; name: string; text: string }> = [
  { label: 'Dockerfile, 4 MiB (over the cap)', name: 'Dockerfile', text: fill(DOCKER, 4 * MiB) },
  { label: `Dockerfile at the cap (${MAX_RULES_BYTES.dockerfile / 1024} KiB)`, name: 'Dockerfile', text: fill(DOCKER, MAX_RULES_BYTES.dockerfile) },
  { label: 'shell script, 4 MiB (over the cap)', name: 'build.sh', text: fill(SHELL, 4 * MiB) },
  { label: `shell script at the cap (${MAX_RULES_BYTES.shell / 1024} KiB)`, name: 'build.sh', text: fill(SHELL, MAX_RULES_BYTES.shell) },
  { label: 'Python, 4 MiB (over the cap)', name: 'infer.py', text: fill(PYTHON, 4 * MiB) },
  { label: `Python at the cap (${MAX_RULES_BYTES.python / 1024} KiB)`, name: 'infer.py', text: fill(PYTHON, MAX_RULES_BYTES.python) },
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

async function run(c: (typeof CASES)[number]): Promise<Record<string, number | string>> {
  const peer = new LspPeer({ argv: ['--import', 'tsx', join(ROOT, 'src/server/main.ts'), '--stdio'], cwd: ROOT, capabilities: {} });
  try {
    await peer.initialize();
    const uri = `file:///bench/big/${c.name}`;
    let start = performance.now();
    const opened = peer.published(uri, (p) => p.version === 1, 600_000);
    await peer.open(uri, 1, c.text);
    const openMs = (await opened) - start;
    const times: number[] = [];
    let diagnostics = 0;
    for (let v = 2; v <= EDITS + 1; v++) {
      const text = `${c.text}# edit ${v}\n`;
      const done = peer.published(uri, (p) => {
        if (p.version !== v) return false;
        diagnostics = p.diagnostics.length;
        return true;
      }, 600_000);
      start = performance.now();
      await peer.change(uri, v, text);
      times.push((await done) - start);
    }
    const mem = peer.memory();
    const cpu = peer.schedstat();
    return {
      case: c.label, bytes: Buffer.byteLength(c.text), diagnostics, openMs: Math.round(openMs),
      editP50Ms: Math.round(pct(times, 0.5)), editMaxMs: Math.round(Math.max(...times)),
      peakMiB: Math.round(mem?.peakMiB ?? NaN), cpuMs: Math.round(cpu?.cpuMs ?? NaN),
    };
  } finally {
    await peer.stop();
  }
}

async function main(): Promise<void> {
  const rows: Array<Record<string, number | string>> = [];
  const load0 = loadavg()[0];
  const only = arg('--only');
  for (const c of CASES.filter((x) => !only || x.label.includes(only))) {
    const r = await run(c);
    rows.push(r);
    if (!args.includes('--json')) {
      console.log(`${String(r.case).padEnd(36)} ${String(r.bytes).padStart(8)} B  ${String(r.diagnostics).padStart(6)} diags  open ${String(r.openMs).padStart(6)} ms  edit p50 ${String(r.editP50Ms).padStart(6)} / max ${String(r.editMaxMs).padStart(6)} ms  peak ${String(r.peakMiB).padStart(5)} MiB  cpu ${r.cpuMs} ms`);
    }
  }
  const meta = { date: new Date().toISOString(), node: process.version, nproc: cpus().length, load: [load0, loadavg()[0]], root: ROOT, edits: EDITS };
  if (args.includes('--json')) console.log(JSON.stringify({ meta, rows }, null, 2));
  else console.log(JSON.stringify(meta));
}

void main();
