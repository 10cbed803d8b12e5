// Runs a command on a simulated host with the real OpenSSH client and the host's generated ssh_config.
import { spawn } from 'node:child_process';

export interface RunResult { code: number; stdout: string; stderr: string }

export function sshRun(h: { sshConfigPath: string; alias: string }, command: string, extra: string[] = [], timeoutMs = 30000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', ['-F', h.sshConfigPath, '-o', 'BatchMode=yes', ...extra, h.alias, command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`ssh timed out: ${command}`)); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}

/** Several commands in one SSH session (SSH sessions are the slow part); returns each one's stdout. */
export async function sshBatch(h: { sshConfigPath: string; alias: string }, commands: string[]): Promise<string[]> {
  const sep = '@@@@SIMHOST@@@@';
  const r = await sshRun(h, commands.join(`; echo ${sep}; `), [], 60000);
  return r.stdout.split(`${sep}\n`);
}
