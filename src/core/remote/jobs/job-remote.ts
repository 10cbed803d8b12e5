/**
 * Start, poll, list and cancel detached jobs on a host (over SSH or on this machine). Everything goes through
 * the fixed scripts in job-scripts.ts with argv arguments.
 */
import type { HostShell } from '../../host-command/host-shell';
import { requireValid } from '../../host-command/validate-input';
import { CANCEL_SCRIPT, LIST_SCRIPT, POLL_SCRIPT, START_SCRIPT } from './job-scripts';
import { parseStatus, requireJobId, type JobSpec, type JobState } from './job-types';

export class JobCommandError extends Error {
  constructor(what: string, readonly code: number | null, readonly stderr: string) {
    super(`${what} failed (exit ${code}): ${stderr.trim()}`);
    this.name = 'JobCommandError';
  }
}

function script(text: string, args: string[]): string[] {
  return ['sh', '-c', text, 'ascend-llm', ...args];
}

/** Starts the job detached on the host; returns the pid of its process group leader. */
export async function startJob(shell: HostShell, spec: JobSpec): Promise<number> {
  requireJobId(spec.id);
  if (spec.container !== undefined) requireValid('containerName', spec.container);
  if (spec.argv.length === 0) throw new Error('a job needs a command');
  const r = await shell.exec(script(START_SCRIPT, [spec.id, JSON.stringify(spec), ...spec.argv]));
  const pid = Number(r.stdout.trim());
  if (r.code !== 0 || !Number.isInteger(pid) || pid <= 0) throw new JobCommandError('start job', r.code, r.stderr || r.stdout);
  return pid;
}

export interface JobPoll {
  state: JobState;
  /** Log bytes from the requested offset. */
  data: Buffer;
  /** Offset to ask for next time. */
  nextOffset: number;
  /** Total log size on the host at poll time. */
  logSize: number;
}

/** Reads status and the log from `offset` (at most maxBytes). Re-attach = poll from the last offset you had. */
export async function pollJob(shell: HostShell, id: string, offset: number, maxBytes = 1 << 20): Promise<JobPoll> {
  requireJobId(id);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`bad offset ${offset}`);
  const chunks: Buffer[] = [];
  const r = await shell.exec(script(POLL_SCRIPT, [id, String(offset + 1), String(maxBytes)]), {
    collect: false,
    onStdout: (d) => chunks.push(d),
  });
  if (r.code !== 0) throw new JobCommandError('read job', r.code, r.stderr);
  const all = Buffer.concat(chunks);
  const nl = all.indexOf(0x0a);
  const [status, exit, alive, size] = all.subarray(0, nl).toString('utf8').split(' ');
  const data = all.subarray(nl + 1);
  const parsed = status === 'missing' ? 'unknown' : parseStatus(status);
  const isAlive = alive === '1';
  return {
    state: {
      id,
      status: parsed === 'running' && !isAlive ? 'lost' : parsed,
      exitCode: /^-?\d+$/.test(exit) ? Number(exit) : undefined,
      alive: isAlive,
    },
    data,
    nextOffset: offset + data.length,
    logSize: Number(size) || 0,
  };
}

/** Every job on the host, newest first (ids sort by start time). */
export async function listJobs(shell: HostShell): Promise<JobState[]> {
  const r = await shell.exec(script(LIST_SCRIPT, []));
  if (r.code !== 0) throw new JobCommandError('list jobs', r.code, r.stderr);
  const jobs: JobState[] = [];
  for (const line of r.stdout.split('\n')) {
    const [id, status, exit, alive, specText] = line.split('\t');
    if (!id || !requireJobIdSafe(id)) continue;
    let spec: JobSpec | undefined;
    try {
      spec = specText ? (JSON.parse(specText) as JobSpec) : undefined;
    } catch {
      spec = undefined;
    }
    const parsed = parseStatus(status);
    jobs.push({
      id,
      status: parsed === 'running' && alive !== '1' ? 'lost' : parsed,
      exitCode: /^-?\d+$/.test(exit ?? '') ? Number(exit) : undefined,
      alive: alive === '1',
      spec,
    });
  }
  return jobs.sort((a, b) => (a.id < b.id ? 1 : -1));
}

function requireJobIdSafe(id: string): boolean {
  try {
    requireJobId(id);
    return true;
  } catch {
    return false;
  }
}

/** Stops the job for real (docker stop for its container, TERM then KILL for its process group). */
export async function cancelJob(shell: HostShell, id: string, container?: string): Promise<JobState['status']> {
  requireJobId(id);
  if (container !== undefined) requireValid('containerName', container);
  const r = await shell.exec(script(CANCEL_SCRIPT, [id, container ?? '']));
  if (r.code !== 0) throw new JobCommandError('cancel job', r.code, r.stderr);
  return parseStatus(r.stdout);
}
