/**
 * The local host shell (target.host: local) against the same contract as the SSH shell
 * (test/support/host-shell-contract.ts): argv without a shell, cancel by process group, hold-open, detached
 * jobs in ~/.ascend-llm/jobs that outlive the client process that started them (killed with SIGKILL here) and
 * are re-attached from an offset, job cancel, lost jobs.
 */
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHostShell } from '../../../src/core/local/local-shell';
import { hostShellContract } from '../../support/host-shell-contract';

let home: string;
before(() => { home = mkdtempSync(join(tmpdir(), 'local-shell-home-')); });
after(() => { rmSync(home, { recursive: true, force: true }); });

hostShellContract('local', {
  shell: () => new LocalHostShell({ home }),
  home: () => home,
  scratch: () => home,
  startFromGoneClient: (s) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'start-job-client.ts'), JSON.stringify(s)], {
      env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('started')) return;
      child.once('exit', () => resolve());
      child.kill('SIGKILL'); // the client dies as a VS Code window or a CLI killed with -9 does
    });
    child.once('exit', (code) => { if (!out.includes('started')) reject(new Error(`the client exited (${String(code)}) before starting the job`)); });
  }),
});
