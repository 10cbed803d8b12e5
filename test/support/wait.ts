/**
 * Test support: wait for a state, never for a fixed time. `waitFor` polls a condition until it holds or a deadline
 * passes (integration and e2e tests, where a real process is on the other side); unit tests use node's
 * `mock.timers` or an injected clock instead (see fake-clock.ts).
 */
export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 20_000, stepMs = 50): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Polls `url` until it answers with any HTTP status, or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  let last: unknown;
  await waitFor(url, async () => {
    try {
      await fetch(url);
      return true;
    } catch (err) {
      last = err;
      return false;
    }
  }, timeoutMs, 200).catch(() => {
    throw new Error(`${url} did not answer within ${timeoutMs} ms: ${String(last)}`);
  });
}
