/**
 * The runner's few ways of touching the host, all argv-based (through ctx.shell): run a command, read or
 * atomically write a file under $HOME, and learn $HOME. The scripts are constants; every variable part reaches
 * them as a positional argument.
 */
import { CancelledError } from '../../host-command/host-errors';
import type { ExecOptions, ExecResult } from '../../host-command/host-shell';
import type { RunContext } from './run-context';
import { expandHome, needsHome } from './host-paths';

export async function run(ctx: RunContext, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  if (ctx.signal?.aborted) throw new CancelledError();
  return ctx.shell.exec(argv, opts);
}

// $1 = path relative to $HOME (or absolute).
const READ_SCRIPT = 'cd "$HOME" && cat -- "$1"';
// umask 077: every host file of ours (records, markers, the secrets env file) is readable by its owner only.
const WRITE_SCRIPT = 'set -e; umask 077; cd "$HOME"; mkdir -p -- "$(dirname -- "$1")"; cat > "$1.tmp"; mv -f -- "$1.tmp" "$1"';
const HOME_SCRIPT = 'printf "%s" "$HOME"';

/** The file's text, or undefined when it cannot be read. */
export async function readHostFile(ctx: RunContext, path: string): Promise<string | undefined> {
  const r = await run(ctx, ['sh', '-c', READ_SCRIPT, 'ascend-llm', path]);
  return r.code === 0 ? r.stdout : undefined;
}

/** Writes through a temporary file and a rename, so readers never see half a file; mode 600 (umask 077). */
export async function writeHostFile(ctx: RunContext, path: string, text: string): Promise<void> {
  const r = await run(ctx, ['sh', '-c', WRITE_SCRIPT, 'ascend-llm', path], { stdin: text });
  if (r.code !== 0) throw new Error(`write ${path}: ${r.stderr.trim()}`);
}

/** The host session's $HOME (absolute). */
export async function hostHome(ctx: RunContext): Promise<string> {
  const r = await run(ctx, ['sh', '-c', HOME_SCRIPT]);
  const home = r.stdout.trim();
  if (r.code !== 0 || !home.startsWith('/')) throw new Error(`cannot read $HOME on ${ctx.alias}`);
  return home;
}

export function throwIfCancelled(ctx: RunContext): void {
  if (ctx.signal?.aborted) throw new CancelledError();
}

/**
 * The context with `~` in its host prefixes (`ascendPrefix: ~/Ascend`) expanded to the host's $HOME, read on the
 * host: quoted argv never expands `~`, and the path checks want absolute paths.
 */
export async function withHostPaths(ctx: RunContext): Promise<RunContext> {
  return needsHome(ctx.paths) ? { ...ctx, paths: expandHome(ctx.paths, await hostHome(ctx)) } : ctx;
}
