/**
 * Every palette command the extension contributes, in one place. `needsHost` commands connect to a host named
 * by settings, so they are off in Restricted Mode (contracts.md §5). `registerCommands` takes a handler for every
 * id here, so the compiler refuses a command without one.
 */
export interface CommandSpec {
  id: string;
  /** English title, as in package.nls.json (used in messages; the palette uses the localized nls title). */
  title: string;
  needsHost: boolean;
}

export const COMMANDS = [
  { id: 'ascend.checkHost', title: 'Check Host', needsHost: true },
  { id: 'ascend.fetchModel', title: 'Fetch Model onto Host', needsHost: true },
  { id: 'ascend.buildImage', title: 'Build Image', needsHost: true },
  { id: 'ascend.quantizeModel', title: 'Quantize Model (msModelSlim)', needsHost: true },
  { id: 'ascend.deploy', title: 'Deploy vLLM Server', needsHost: true },
  { id: 'ascend.showLogs', title: 'Show Server Logs', needsHost: true },
  { id: 'ascend.stopDeployment', title: 'Stop Deployment', needsHost: true },
  { id: 'ascend.openNpuMonitor', title: 'Open NPU Monitor', needsHost: true },
  { id: 'ascend.toggleCompletion', title: 'Toggle Inline Completion', needsHost: false },
  { id: 'ascend.showLog', title: 'Show Extension Log', needsHost: false },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];
