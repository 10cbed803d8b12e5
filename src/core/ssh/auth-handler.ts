/**
 * The order in which we authenticate, as one ssh2 authHandler: the agent first (IdentityAgent, else
 * SSH_AUTH_SOCK), then each IdentityFile (asking for its passphrase through a callback when it is encrypted,
 * and keeping a correct passphrase in the SecretStore), then, only when the caller opted in, password and
 * keyboard-interactive. Everything asynchronous happens here, after the host key was already verified.
 */
import { readFileSync } from 'node:fs';
import { utils, type AnyAuthMethod, type AuthHandlerMiddleware, type AuthenticationType, type ParsedKey } from 'ssh2';
import type { ResolvedHost } from './host-config';
import { passphraseKey, passwordKey, type SecretStoreLike } from './secret-store';

export interface AuthOptions {
  /** Usually process.env.SSH_AUTH_SOCK; passed in so tests and the CLI choose. */
  agentSocket?: string;
  secrets?: SecretStoreLike;
  /** Asked when a key file is encrypted and no stored passphrase opens it. Undefined (CLI): skip the key. */
  onPassphrase?: (identityFile: string, attempt: number) => Promise<string | undefined>;
  /** Opt-in: also try password auth, with this prompt when no password is stored. */
  onPassword?: (user: string, host: string) => Promise<string | undefined>;
  /** Opt-in: also try keyboard-interactive, answering each prompt set through this callback. */
  onKeyboardInteractive?: (name: string, instructions: string, prompts: { prompt: string; echo: boolean }[]) => Promise<string[] | undefined>;
  /** How many times to ask for one key's passphrase. */
  passphraseAttempts?: number;
}

/** What the handler tried, for error messages; `succeeded` is settled on 'ready'. */
export interface AuthTrace {
  tried: string[];
  /** Called after the connection is ready, to keep a password that worked. */
  onReady: () => Promise<void>;
}

type Step = (allowed: AuthenticationType[] | null) => Promise<AnyAuthMethod | undefined>;

export function buildAuthHandler(host: ResolvedHost, opts: AuthOptions): { handler: AuthHandlerMiddleware; trace: AuthTrace } {
  const username = host.user;
  let pendingPassword: string | undefined;
  const trace: AuthTrace = {
    tried: [],
    onReady: async () => {
      if (pendingPassword !== undefined && opts.secrets) await opts.secrets.store(passwordKey(username, host.hostName, host.port), pendingPassword);
    },
  };
  const ok = (allowed: AuthenticationType[] | null, type: AuthenticationType): boolean => allowed === null || allowed.includes(type);
  const steps: Step[] = [];

  const agent = host.identityAgent === 'none' ? undefined : host.identityAgent ?? opts.agentSocket;
  if (agent && host.pubkeyAuthentication) {
    steps.push(async (allowed) => (ok(allowed, 'publickey') ? (trace.tried.push('agent'), { type: 'agent', username, agent }) : undefined));
  }
  if (host.pubkeyAuthentication) {
    for (const file of host.identityFiles) {
      steps.push(async (allowed) => {
        if (!ok(allowed, 'publickey')) return undefined;
        const key = await loadKey(file, opts);
        if (!key) return undefined;
        trace.tried.push(`publickey ${file}`);
        return { type: 'publickey', username, key };
      });
    }
  }
  if (opts.onPassword && host.passwordAuthentication) {
    const ask = opts.onPassword;
    steps.push(async (allowed) => {
      if (!ok(allowed, 'password')) return undefined;
      const stored = await opts.secrets?.get(passwordKey(username, host.hostName, host.port));
      const password = stored ?? await ask(username, host.hostName);
      if (password === undefined) return undefined;
      if (stored === undefined) pendingPassword = password;
      trace.tried.push('password');
      return { type: 'password', username, password };
    });
  }
  if (opts.onKeyboardInteractive && host.kbdInteractiveAuthentication) {
    const answer = opts.onKeyboardInteractive;
    steps.push(async (allowed) => {
      if (!ok(allowed, 'keyboard-interactive')) return undefined;
      trace.tried.push('keyboard-interactive');
      return {
        type: 'keyboard-interactive', username,
        prompt: (name, instructions, _lang, prompts, finish) => {
          answer(name, instructions, prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })))
            .then((answers) => finish(answers ?? []), () => finish([]));
        },
      };
    });
  }

  let index = 0;
  const handler: AuthHandlerMiddleware = (authsLeft, _partial, next) => {
    const allowed = authsLeft ?? null;
    const run = async (): Promise<AnyAuthMethod | false> => {
      while (index < steps.length) {
        const method = await steps[index++](allowed);
        if (method) return method;
      }
      return false;
    };
    run().then(
      (m) => next(m as AnyAuthMethod),
      () => next(false as unknown as AnyAuthMethod),
    );
  };
  return { handler, trace };
}

/** Reads and decrypts one key file; undefined when it is missing, unreadable, or its passphrase is not given. */
export async function loadKey(file: string, opts: AuthOptions): Promise<ParsedKey | undefined> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const plain = utils.parseKey(data);
  if (!(plain instanceof Error)) return plain;
  if (!/encrypted|passphrase/i.test(plain.message)) return undefined;

  const stored = await opts.secrets?.get(passphraseKey(file));
  if (stored !== undefined) {
    const key = utils.parseKey(data, stored);
    if (!(key instanceof Error)) return key;
    await opts.secrets?.delete(passphraseKey(file));
  }
  if (!opts.onPassphrase) return undefined;
  const attempts = opts.passphraseAttempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const passphrase = await opts.onPassphrase(file, attempt);
    if (passphrase === undefined) return undefined;
    const key = utils.parseKey(data, passphrase);
    if (!(key instanceof Error)) {
      await opts.secrets?.store(passphraseKey(file), passphrase);
      return key;
    }
  }
  return undefined;
}
