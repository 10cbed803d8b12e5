import * as vscode from 'vscode';
import type { UnknownHostAnswer, UnknownHostInfo } from '../../core/ssh/host-key-policy';

/**
 * Asks whether to trust a host key that known_hosts does not have, showing its SHA256 fingerprint (modal, so
 * nothing is sent to the host before the user decides). A changed or revoked key never reaches this prompt:
 * the core refuses it.
 */
export async function askUnknownHost(info: UnknownHostInfo): Promise<UnknownHostAnswer> {
  const once = vscode.l10n.t('Accept Once');
  const save = vscode.l10n.t('Accept and Save');
  const pick = await vscode.window.showWarningMessage(
    vscode.l10n.t('The authenticity of host "{0}" (port {1}) can\'t be established.', info.host, String(info.port)),
    {
      modal: true,
      detail: vscode.l10n.t('{0} key fingerprint is {1}. Compare it with the one the host\'s administrator gives you before accepting.',
        info.keyType, info.fingerprint),
    },
    once,
    save,
  );
  if (pick === save) return 'save';
  if (pick === once) return 'once';
  return 'reject';
}

/** Asks for a key file's passphrase; the core stores it in SecretStorage once it works. */
export async function askPassphrase(identityFile: string, attempt: number): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('SSH key passphrase'),
    prompt: attempt > 1
      ? vscode.l10n.t('Wrong passphrase. Passphrase for {0}:', identityFile)
      : vscode.l10n.t('Passphrase for {0}:', identityFile),
    password: true,
    ignoreFocusOut: true,
  });
}
