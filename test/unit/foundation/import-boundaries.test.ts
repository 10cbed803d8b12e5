// The dependency direction of src/ is enforced by `npm run lint` (eslint.config.mjs, boundaries()): these lint
// a file placed in a folder with an import that goes up, and one that goes down, and expect exactly the first to fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function ruleErrors(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: Array<[file: string, importLine: string, allowed: boolean]> = [
  ['src/core/ssh/probe.ts', "import { runDeploy } from '../remote/index';", false],
  ['src/core/ssh/probe.ts', "import { shellQuote } from '../host-command/quote';", true],
  ['src/core/host-command/probe.ts', "import { execArgv } from '../ssh/exec';", false],
  ['src/core/host-command/probe.ts', "import type { Client } from 'ssh2';", false],
  ['src/core/versions/probe.ts', "import { validateText } from '../config/validate';", false],
  ['src/core/shell/probe.ts', "import { planDeploy } from '../remote/deploy/deploy-plan';", false],
  ['src/core/shell/probe.ts', "import { parseVersion } from '../versions/version-tags';", true],
  ['src/core/monitor/probe.ts', "import { readDeployment } from '../remote/host/deployment-read';", false],
  ['src/core/monitor/probe.ts', "import { parseDeploymentRecord } from '../deployment/record';", true],
  ['src/core/descriptor/probe.ts', "import { shellQuote } from '../remote/index';", false],
  ['src/core/remote/deploy/probe.ts', "import { runCheckHost } from '../index';", false],
  ['src/core/remote/deploy/probe.ts', "import { runCheckHost } from '../check/check-host-run';", true],
  ['src/core/npu/probe.ts', "import * as vscode from 'vscode';", false],
  ['src/core/remote/deploy/probe.ts', "import { execArgv } from '../../ssh/exec';", false],
  ['src/core/remote/deploy/probe.ts', "import type { Client } from 'ssh2';", false],
  ['src/core/remote/deploy/probe.ts', "import type { HostShell } from '../../host-command/host-shell';", true],
];

for (const [file, line, allowed] of cases) {
  test(`${allowed ? 'allows' : 'rejects'} in ${file}: ${line}`, async () => {
    const errors = await ruleErrors(file, `${line}\nexport const probe = 1;\n`);
    if (allowed) assert.deepEqual(errors, []);
    else assert.equal(errors.length, 1, `expected one no-restricted-imports error, got ${JSON.stringify(errors)}`);
  });
}
