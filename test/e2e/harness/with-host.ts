/**
 * A code-server session whose sandbox HOME's ~/.ssh names a simulated Kunpeng + Ascend host (real sshd), with
 * `ascend.hosts` set to that host's prefixes (or what `hostSettings` says instead) — exactly what a user's machine
 * would have. The host is stopped when the session ends, whatever happens.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSimHost, type SimHost, type SimHostOptions } from '../../host/index';
import { resetSandboxSsh, writeSandboxSsh } from '../../host/sandbox-home';
import { sandboxRoot } from './paths';
import { withVSCode, type Session } from './session';
import type { CodeServerOptions } from './code-server';

export interface HostSession extends Session {
  host: SimHost;
}

export async function withVSCodeAndHost(
  opts: CodeServerOptions & { host?: SimHostOptions; hostSettings?: (host: SimHost) => Record<string, string> },
  fn: (s: HostSession) => Promise<void>,
): Promise<void> {
  const host = await startSimHost({ profile: '910b4', alias: 'kunpeng-01', ...opts.host });
  try {
    const home = join(sandboxRoot, `${opts.name}-home-${process.pid}-${Date.now().toString(36)}`);
    mkdirSync(home, { recursive: true });
    resetSandboxSsh(home);
    writeSandboxSsh(home, host);
    await withVSCode(
      {
        ...opts,
        home,
        userSettings: {
          'ascend.hosts': { [host.alias]: { ascendPrefix: host.ascendPrefix, devPrefix: host.devPrefix, etcPrefix: host.etcPrefix, usrLocalPrefix: host.usrLocalPrefix, ...opts.hostSettings?.(host) } },
          ...opts.userSettings,
        },
      },
      (s) => fn({ ...s, host }),
    );
  } finally {
    await host.stop();
  }
}
