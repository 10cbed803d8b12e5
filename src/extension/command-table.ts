/**
 * Every command the extension contributes, in one place: `registerCommands` registers each of them through the
 * one error funnel, and takes a handler for every id here, so the compiler refuses a command without one.
 * `needsHost` commands connect to a host named by the workspace or by settings, so they are off in Restricted
 * Mode (trust.ts). A unit test checks this table against package.json and package.nls.json.
 */
interface CommandSpec {
  id: string;
  /** English title, as in package.nls.json: messages name the command by it (localized), never by its id. */
  title: string;
  needsHost: boolean;
}

export const COMMANDS = [
  { id: 'ascend.checkHost', title: 'Check Host', needsHost: true },
  { id: 'ascend.fetchModel', title: 'Fetch Model onto Host', needsHost: true },
  { id: 'ascend.buildImage', title: 'Build Image', needsHost: true },
  { id: 'ascend.quantizeModel', title: 'Quantize Model (msModelSlim)', needsHost: true },
  { id: 'ascend.deploy', title: 'Deploy vLLM Server', needsHost: true },
  { id: 'ascend.finishInterruptedDeploy', title: 'Finish Interrupted Deploy', needsHost: true },
  { id: 'ascend.showLogs', title: 'Show Server Logs', needsHost: true },
  { id: 'ascend.stopDeployment', title: 'Stop Deployment', needsHost: true },
  { id: 'ascend.openNpuMonitor', title: 'Open NPU Monitor', needsHost: true },
  { id: 'ascend.toggleCompletion', title: 'Toggle Inline Completion', needsHost: false },
  { id: 'ascend.setCompletionApiKey', title: 'Set Completion API Key', needsHost: false },
  { id: 'ascend.completionMenu', title: 'Completion Menu', needsHost: false },
  { id: 'ascend.selectTargetVersion', title: 'Select Target vllm-ascend Release', needsHost: false },
  { id: 'ascend.completion.accepted', title: 'Record Accepted Completion', needsHost: false },
  { id: 'ascend.showLog', title: 'Show Extension Log', needsHost: false },
  { id: 'ascend.hosts.refresh', title: 'Refresh Hosts', needsHost: false },
  // Lists jobs on the host, but only in a trusted workspace (jobs-view.ts); in Restricted Mode it shows nothing.
  { id: 'ascend.jobs.refresh', title: 'Refresh Jobs', needsHost: false },
  { id: 'ascend.jobs.reattach', title: 'Re-attach to Job', needsHost: true },
  { id: 'ascend.jobs.cancel', title: 'Cancel Job', needsHost: true },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];
