/**
 * Hostile descriptor values (quote breaking, command substitution, backticks, newline, a leading `--`) as the
 * model id, image tag, deployment name and host path: every command exits 3 (refused) and nothing executes.
 * The runner itself (without the CLI's up-front check) refuses them too.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as deploy } from '../../../src/cli/commands/deploy';
import { command as fetchModel } from '../../../src/cli/commands/fetch-model';
import { command as quantize } from '../../../src/cli/commands/quantize';
import { command as build } from '../../../src/cli/commands/build';
import { runDeploy, runFetchModel } from '../../../src/core/remote/index';
import { InputRefusedError } from '../../../src/core/host-command/validate-input';
import type { DeployDescriptor } from '../../../src/core/descriptor/index';
import { loadDescriptor } from '../../../src/core/descriptor/index';
import { collectingIo, sandbox, type Sandbox } from './fixture';

let s: Sandbox;
let markDir: string;
before(async () => { s = await sandbox(); markDir = mkdtempSync(join(tmpdir(), 'pwned-')); });
after(async () => { await s?.done(); rmSync(markDir, { recursive: true, force: true }); });

const marker = (): string => join(markDir, 'pwned');
const values = (): string[] => [`x'; touch ${marker()}; '`, `$(touch ${marker()})`, `\`touch ${marker()}\``, `a\ntouch ${marker()}`, '--rm'];

function placements(v: string): Array<[string, Record<string, unknown>]> {
  return [
    ['model id', { model: { id: v } }],
    ['model id (org/name)', { model: { id: `org/${v}` } }],
    ['image tag', { image: { tag: v } }],
    ['name', { name: v }],
    ['host path', { model: { hostPath: v.startsWith('--') ? v : `/data/${v}` } }],
    ['quantization output', { quantization: { scheme: 'w8a8', outputPath: v.startsWith('--') ? v : `/data/${v}` } }],
  ];
}

test('every hostile value in every place: exit 3, nothing executed', { timeout: 60_000 }, async () => {
  for (const v of values()) {
    for (const [where, over] of placements(v)) {
      const file = s.descriptor(over);
      for (const cmd of [fetchModel, quantize, build, deploy]) {
        const io = collectingIo(s.env, s.home);
        const code = await cmd.run(['--descriptor', file], io);
        assert.equal(code, 3, `${cmd.name} with ${JSON.stringify(v)} as ${where}: ${io.err}`);
        assert.match(io.err, /Refused|Invalid/);
      }
    }
  }
  assert.equal(existsSync(marker()), false);
  assert.equal(existsSync('/tmp/pwned'), false);
});

test('the runner refuses hostile values on its own, before any command reaches the host', { timeout: 60_000 }, async () => {
  const file = s.descriptor();
  const base = await loadDescriptor(readFileSync(file, 'utf8'), file);
  for (const v of values()) {
    const variants: DeployDescriptor[] = [
      { ...base, model: { ...base.model, id: v } },
      { ...base, model: { ...base.model, hostPath: v.startsWith('--') ? v : `/data/${v}` } },
      { ...base, image: { ...base.image, tag: v } },
    ];
    for (const d of variants) {
      await assert.rejects(runFetchModel(s.ctx(), d), InputRefusedError);
      await assert.rejects(runDeploy(s.ctx(), d, { confirmDowntime: async () => true }), InputRefusedError);
    }
  }
  assert.equal(existsSync(marker()), false);
});
