/** What a CLI subcommand sees: its argv (after the subcommand name) and the process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `-` arguments). */
  readStdin: () => Promise<string>;
  /** Environment (HOME, LANG, ...), never process.env directly, so tests can pass their own. */
  env: NodeJS.ProcessEnv;
  /** Working directory that relative paths resolve against. */
  cwd: string;
  /** Aborted on the first Ctrl+C: long-running commands cancel their remote job, then exit 130. */
  signal?: AbortSignal;
}

/** One `ascend-llm <name> ...` subcommand. Returns an exit code from {@link ExitCode}. */
export interface CliCommand {
  /** e.g. "validate" or "npu-smi parse" (two words for grouped commands). */
  name: string;
  /** One line for `--help`; pass it through l10n.t(). */
  summary: () => string;
  /** Full usage text for `ascend-llm <name> --help`. */
  usage: () => string;
  run: (args: string[], io: CliIO) => Promise<number>;
}

/** Exit codes, docs/contracts.md §3. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  refused: 3,
  cancelled: 130,
} as const;
