import * as vscode from 'vscode';
import type { HostConnections } from '../hosts/connections';
import type { CommandHandlers } from '../commands';
import { HostsView } from './hosts-view';
import { JobsView } from './jobs-view';

type ViewCommandId = 'ascend.hosts.refresh' | 'ascend.jobs.refresh' | 'ascend.jobs.reattach' | 'ascend.jobs.cancel';

/** Registers the Hosts and Jobs views of the Ascend activity-bar container; their commands go in the one table. */
export function registerViews(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, connections: HostConnections) {
  const hosts = new HostsView(connections);
  const jobs = new JobsView(connections, log);
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('ascend.hosts', hosts),
    vscode.window.registerTreeDataProvider('ascend.jobs', jobs),
    // In Restricted Mode the Jobs view is empty; once trusted it lists the host's jobs.
    vscode.workspace.onDidGrantWorkspaceTrust(() => jobs.refresh()),
  );
  const handlers: Pick<CommandHandlers, ViewCommandId> = {
    'ascend.hosts.refresh': () => hosts.refresh(),
    'ascend.jobs.refresh': () => jobs.refresh(),
    'ascend.jobs.reattach': ({ args }) => jobs.reattach(args[0]),
    'ascend.jobs.cancel': ({ args }) => jobs.cancel(args[0]),
  };
  return { hosts, jobs, handlers };
}
