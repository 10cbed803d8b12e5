/** Where the e2e harness keeps things: the tools folder (.tools/) and per-test sandboxes (.sandbox/). */
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const toolsDir = join(repoRoot, '.tools');
export const codeServerEntry = join(toolsDir, 'node_modules/code-server/out/node/entry.js');
/** Extensions dir into which test/e2e/run.mjs installs the freshly packaged .vsix. */
export const extensionsDir = process.env.ASCEND_E2E_EXTENSIONS_DIR ?? join(repoRoot, '.sandbox', 'e2e-extensions');
export const sandboxRoot = join(repoRoot, '.sandbox', 'e2e');
export const resultsDir = join(repoRoot, 'test-results');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_ID = 'ascend-llm.ascend-llm';
