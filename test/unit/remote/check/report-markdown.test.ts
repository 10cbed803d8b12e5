import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFindings, hostReportMarkdown, markdownCell } from '../../../../src/core/remote/check/report-markdown';
import type { HostFinding } from '../../../../src/core/remote/check/types';

const findings: HostFinding[] = [
  { id: 'arch', status: 'pass', title: 'Architecture', detail: 'aarch64' },
  { id: 'driver', status: 'warn', title: 'Driver', detail: 'version 24.1\nfirmware 7.5', fix: 'Upgrade | the driver' },
  { id: 'npu', status: 'fail', title: 'npu-smi', detail: 'dcmi -8005' },
];

test('one row per finding with its status mark and word, line breaks as <br>, pipes escaped', () => {
  const md = hostReportMarkdown('kunpeng-01', { findings, summary: { npuCount: 8, chip: '910B4', idleHbmMBPerNpu: 65000 } as never });
  const rows = md.split('\n').filter((l) => l.startsWith('| '));
  assert.equal(rows.length, 1 + findings.length);
  assert.equal(rows[1], '| ✔ Pass | Architecture | aarch64 |  |');
  assert.equal(rows[2], '| ⚠ Warning | Driver | version 24.1<br>firmware 7.5 | Upgrade \\| the driver |');
  assert.match(rows[3], /^\| ✖ Fail \| npu-smi \| dcmi -8005 \|/);
  assert.match(md, /^# Host check: kunpeng-01$/m);
  assert.match(md, /8 NPUs \\\(910B4\\\), idle HBM 65000 MB per NPU/); // escaped, rendered as "(910B4)"
  assert.deepEqual(countFindings({ findings }), { pass: 1, warn: 1, fail: 1 });
});

test('host text cannot add links, images, HTML or terminal escapes to the report', () => {
  const cell = markdownCell('\x1b[31m<img src=x onerror=alert(1)> [click](command:workbench.action.terminal.new) ![i](http://e/x.png) **b**');
  assert.ok(!cell.includes('\x1b'));
  assert.doesNotMatch(cell, /(?<!\\)[<>[\]()*!]/, cell);
  assert.equal(cell, '\\<img src=x onerror=alert\\(1\\)\\> \\[click\\]\\(command:workbench.action.terminal.new\\) \\!\\[i\\]\\(http://e/x.png\\) \\*\\*b\\*\\*');
});
