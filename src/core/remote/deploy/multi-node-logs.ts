/**
 * Logs of a multi-node deployment: every node's container log, merged line by line with the node's alias in front
 * (`[kunpeng-02] …`), so the head's error and the headless node's HCCL lines read as one story.
 */
import type { RunContext } from '../host/run-context';
import { followServerLogs } from './server-logs';

/** An output sink that prefixes every complete line with `[alias] `; flush() emits a last partial line. */
export function linePrefixer(alias: string, emit: (text: string) => void): { write(text: string): void; flush(): void } {
  let rest = '';
  return {
    write(text) {
      const parts = (rest + text).split('\n');
      rest = parts.pop() ?? '';
      if (parts.length) emit(parts.map((l) => `[${alias}] ${l}\n`).join(''));
    },
    flush() {
      if (rest) emit(`[${alias}] ${rest}\n`);
      rest = '';
    },
  };
}

/** `contexts[i]` reaches node i; the output goes to the first context's onOutput. */
export async function followMultiNodeLogs(contexts: RunContext[], name: string, opts: { follow: boolean; tail?: number }): Promise<void> {
  const out = contexts[0]?.onOutput;
  await Promise.all(contexts.map(async (c) => {
    const p = linePrefixer(c.alias, (s) => out?.(s));
    try {
      await followServerLogs({ ...c, onOutput: (s) => p.write(s) }, name, opts);
    } finally {
      p.flush();
    }
  }));
}
