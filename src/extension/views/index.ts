import * as vscode from 'vscode';
import type { HostConnections } from '../hosts/connections';
import { funnel } from '../error-funnel';
import { HostsView } from './hosts-view';
import { JobsView } from './jobs-view';

/** Registers the Hosts and Jobs views of the Ascend activity-bar container, and their commands. */
export function registerViews(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, connections: HostConnections) {
  const hosts = new HostsView(connections);
  const jobs = new JobsView(connections, log);
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('ascend.hosts', hosts),
    vscode.window.registerTreeDataProvider('ascend.jobs', jobs),
    vscode.commands.registerCommand('ascend.hosts.refresh', () => hosts.refresh()),
    vscode.commands.registerCommand('ascend.jobs.refresh', () => jobs.refresh()),
    vscode.commands.registerCommand('ascend.jobs.reattach', funnel(log, 'ascend.jobs.reattach', (item: Parameters<JobsView['reattach']>[0]) => jobs.reattach(item))),
    vscode.commands.registerCommand('ascend.jobs.cancel', funnel(log, 'ascend.jobs.cancel', (item: Parameters<JobsView['cancel']>[0]) => jobs.cancel(item))),
  );
  return { hosts, jobs };
}
