import * as vscode from 'vscode';
import { LOCAL_TARGET } from '../../core/local/local-shell';
import { findWorkspaceDescriptor } from '../workspace-descriptor';
import type { HostConnections } from './connections';

const DISMISSED_KEY = 'ascend.localTargetOfferDismissed';

/**
 * The automatic offer: when the extension host runs on an Ascend server (Arm64 with npu-smi on PATH, e.g. under
 * Remote-SSH) and the workspace's descriptor targets another host, say once that `target.host: local` deploys
 * right here without SSH. It only informs: nothing runs, and it never edits the descriptor.
 */
export async function offerLocalTarget(context: vscode.ExtensionContext, connections: HostConnections): Promise<void> {
  if (!connections.localOffered || context.globalState.get<boolean>(DISMISSED_KEY)) return;
  const found = await findWorkspaceDescriptor().catch(() => undefined);
  if (found?.descriptor.target.host === LOCAL_TARGET) return;
  const never = vscode.l10n.t("Don't Show Again");
  const pick = await vscode.window.showInformationMessage(
    vscode.l10n.t('This machine has Ascend NPUs (npu-smi is on PATH). Set target.host: local in ascend-deploy.yaml to check, deploy and monitor right here, without SSH.'),
    never,
  );
  if (pick === never) await context.globalState.update(DISMISSED_KEY, true);
}
