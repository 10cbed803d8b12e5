/** `ascend.hosts` aliases first (in order), then the other ~/.ssh/config aliases, without duplicates. */
export function monitorHosts(configured: readonly string[], sshAliases: readonly string[]): string[] {
  return [...new Set([...configured, ...[...sshAliases].sort()])];
}
