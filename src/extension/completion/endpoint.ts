import * as vscode from 'vscode';
import { deploymentIdentity, urlIdentity } from '../../core/completion/api-key-binding';
import { readDeployment } from '../../core/remote/index';
import type { HostConnections } from '../hosts/connections';
import { completionSettings } from '../settings';
import { findWorkspaceDescriptor } from '../workspace-descriptor';
import { runContext } from '../remote/run-context';

export interface CompletionEndpoint {
  url: string;
  /** Where it came from, for the log and the status bar menu. */
  source: 'setting' | 'deployment';
  model?: string;
  /** What an API key is bound to (api-key-binding.ts): the URL's origin, or the deployment on its host. */
  identity: string;
}

/**
 * The completion server: `ascend.completion.endpoint` when set (never a workspace value in Restricted Mode, see
 * settings.ts); otherwise the workspace descriptor's current deployment on its host, read from the host's
 * deployment record (docs/contracts.md §2) and reached through the host shell's forward — an SSH local forward, so
 * the model port never has to be open to the network, or for `target.host: local` the loopback port itself. Host
 * access needs a trusted workspace.
 */
export async function resolveCompletionEndpoint(
  connections: HostConnections,
  log: vscode.LogOutputChannel,
): Promise<CompletionEndpoint | undefined> {
  const configured = completionSettings.endpoint().trim();
  if (configured) {
    let identity: string;
    try {
      identity = urlIdentity(configured);
    } catch {
      log.warn(`completion: ascend.completion.endpoint is not a URL: ${configured}`);
      return undefined;
    }
    return { url: configured, source: 'setting', identity };
  }
  if (!vscode.workspace.isTrusted) return undefined;
  const found = await findWorkspaceDescriptor().catch((err: unknown) => {
    log.warn(`completion: deploy descriptor unusable: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  });
  if (!found) return undefined;
  const { target, name } = found.descriptor;
  const record = await readDeployment(runContext(target.host, connections, log), name);
  if (!record || record.status !== 'running') {
    log.info(`completion: no running deployment "${name}" recorded on ${target.host}`);
    return undefined;
  }
  const forward = await connections.shell(target.host).forward(record.hostPort);
  log.info(`completion: deployment ${record.name} on ${target.host}:${record.hostPort} via 127.0.0.1:${forward.localPort}`);
  return {
    url: `http://127.0.0.1:${forward.localPort}`, source: 'deployment', model: record.servedModelName,
    identity: deploymentIdentity(target.host, record.name, record.hostPort),
  };
}
