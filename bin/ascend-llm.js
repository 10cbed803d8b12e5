#!/usr/bin/env node
// The `ascend-llm` command: runs the bundled CLI (npm run build makes dist/cli.js).
/* eslint-disable @typescript-eslint/no-require-imports */
require('../dist/cli.js').run();
