/**
 * Where passphrases and passwords go. The extension passes VS Code's SecretStorage (same shape); the CLI
 * passes nothing (it never prompts). Keys are built here so every caller names a secret the same way.
 */
export interface SecretStoreLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export function passphraseKey(identityFile: string): string {
  return `ascend.ssh.passphrase:${identityFile}`;
}

export function passwordKey(user: string, host: string, port: number): string {
  return `ascend.ssh.password:${user}@${host}:${port}`;
}
