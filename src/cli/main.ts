/**
 * `ascend-llm`: the command-line front end. It shares src/core with the extension, so CI and terminals get
 * the same checks and jobs. Exit codes follow docs/contracts.md §3.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { localeFromEnv, t, useBundle } from '../core/l10n';
import { COMMANDS } from './registry';
import { ExitCode, type CliCommand, type CliIO } from './types';

declare const ASCEND_LLM_VERSION: string | undefined;

function version(): string {
  return typeof ASCEND_LLM_VERSION === 'string' ? ASCEND_LLM_VERSION : '0.0.0-dev';
}

/** Loads the zh-cn bundle when the environment asks for Chinese. `root` holds l10n/. */
export function loadLocale(env: NodeJS.ProcessEnv, root: string): void {
  const locale = localeFromEnv(env);
  if (locale === 'en') return;
  const file = join(root, 'l10n', `bundle.l10n.${locale}.json`);
  if (existsSync(file)) useBundle(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
}

function helpText(): string {
  const lines = [
    t('Usage: ascend-llm <command> [options]'),
    '',
    t('Commands:'),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary()}`),
    '',
    t('Options:'),
    `  --help, -h      ${t('Show this help, or a command\'s help after its name')}`,
    `  --version, -V   ${t('Print the version')}`,
    '',
    t('Exit codes: 0 ok, 1 findings or failed job, 2 usage error, 3 refused (host key, hostile input, untrusted), 130 cancelled.'),
  ];
  return lines.join('\n') + '\n';
}

/** Finds the subcommand named by the first one or two words of argv. */
function resolve(argv: string[]): { command?: CliCommand; rest: string[] } {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  if (byOne) return { command: byOne, rest: argv.slice(1) };
  return { rest: [] };
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.stderr : io.stdout)(helpText());
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    io.stdout(`${version()}\n`);
    return ExitCode.ok;
  }
  const { command, rest } = resolve(argv);
  if (!command) {
    io.stderr(t('Unknown command: {0}', argv[0]) + '\n\n' + helpText());
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage() + '\n');
    return ExitCode.ok;
  }
  return command.run(rest, io);
}

/** Reads all of stdin. */
function readStdin(): Promise<string> {
  return new Promise((resolveRead, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolveRead(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Runs the CLI on this process's argv and streams; used by bin/ascend-llm.js and `node dist/cli.js`. */
export function run(): void {
  loadLocale(process.env, join(__dirname, '..'));
  // First Ctrl+C: abort, so a remote job is cancelled on the host before we exit 130. Second: exit at once.
  const abort = new AbortController();
  process.on('SIGINT', () => {
    if (abort.signal.aborted) process.exit(ExitCode.cancelled);
    process.stderr.write(`\n${t('Cancelling… (press Ctrl+C again to quit at once)')}\n`);
    abort.abort();
    // A command that does not watch the signal (e.g. one reading stdin) still ends.
    setTimeout(() => process.exit(ExitCode.cancelled), 10_000).unref();
  });
  main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    env: process.env,
    cwd: process.cwd(),
    signal: abort.signal,
  }).then(
    (code) => {
      process.exitCode = abort.signal.aborted && code === ExitCode.ok ? ExitCode.cancelled : code;
    },
    (err: unknown) => {
      process.stderr.write(`ascend-llm: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = ExitCode.findings;
    },
  );
}

if (require.main === module) run();
