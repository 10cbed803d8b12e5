/**
 * The config engine as the server sees it (src/core/config/index.ts, written alongside). Injected into the server
 * so the server runs, and is tested, with or without it.
 */
import type { Finding, Range } from '../core/diagnostics';

export type ConfigKind = 'vllm-serve' | 'deploy' | 'vllm-json';

export interface ConfigPosition {
  fileName: string;
  text: string;
  line: number;
  column: number;
  locale?: string;
  /** The release to check against (a setting or override); the document's own sources apply when absent. */
  targetVersion?: string;
}

import type { ConfigCompletion } from '../core/config/completions';

/** The engine's completion item, as the server sees it. */
export type { ConfigCompletion };

export interface ConfigSymbol {
  name: string;
  detail?: string;
  kind?: 'object' | 'array' | 'property';
  range: Range;
  /** The part to highlight (the key); `range` when absent. */
  selectionRange?: Range;
  children?: ConfigSymbol[];
}

export interface ConfigService {
  classifyConfigFile(fileName: string, text: string): ConfigKind | null;
  validateConfigFile(input: {
    fileName: string;
    text: string;
    targetVersion?: string;
    /** Reads another file (path joined from this file's folder); undefined when absent. */
    workspaceFiles?: (path: string) => string | undefined;
  }): Finding[] | null;
  configCompletions(input: ConfigPosition): ConfigCompletion[];
  configHover(input: ConfigPosition): string | null;
  configSymbols(input: { fileName: string; text: string }): ConfigSymbol[];
}

/** Used when no config engine is wired: config files are then left alone. */
export const NO_CONFIG_SERVICE: ConfigService = {
  classifyConfigFile: () => null,
  validateConfigFile: () => null,
  configCompletions: () => [],
  configHover: () => null,
  configSymbols: () => [],
};
