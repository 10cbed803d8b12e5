/**
 * THE quoting function for every command line this extension sends to a host. Nothing else may build a shell
 * line by concatenating strings: build an argv, then call shellQuote().
 *
 * POSIX sh rules: inside single quotes nothing is special except the closing quote, so each argument becomes
 * 'arg' and every ' inside it becomes '\'' (close, escaped quote, reopen). The remote login shell (sh, bash,
 * dash, zsh) then hands the program exactly the bytes of each argument. NUL cannot be carried by any shell
 * argument, so it is refused rather than silently truncated.
 */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteOne).join(' ');
}

/** Quotes one argument (see {@link shellQuote}). */
export function quoteOne(arg: string): string {
  if (arg.includes('\0')) throw new Error('shellQuote: an argument contains a NUL byte');
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

