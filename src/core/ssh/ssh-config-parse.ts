/**
 * The one place that loads the `ssh-config` package. It ships ESM types with a CommonJS build; this project
 * compiles to CommonJS, so the value is loaded with require() (esbuild bundles it) and typed from its ESM types.
 */
import type { default as SSHConfig, Line } from 'ssh-config' with { 'resolution-mode': 'import' };

export type { SSHConfig, Line };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sshConfig = require('ssh-config') as { parse(text: string): SSHConfig };

/** Parses ssh_config text into the package's line structure (Host/Match sections hold their own lines). */
export function parseSshConfig(text: string): SSHConfig {
  return sshConfig.parse(text);
}
