/**
 * The rest of the article's commands: `USE_ARM_NEON`, `python -m vllm.entrypoints.api_server`, Python 3.9 from the
 * OS package manager, and an explicit non-arm64 `--platform` for docker. Facts: docs/ascend-facts.md ("The article's
 * claims", §1 compatibility matrix, §5 on the demo api_server).
 */
import type { Finding, Range } from '../diagnostics';
import { t } from '../l10n/index';
import { commandEnd, rangeOf, type LogicalLine } from './logical-lines';
import { deletionOf, editOf, matchesOf, type CommandContext, type CommandRule } from './command-rule';
import { DOCS } from './doc-links';
import { pythonRange } from '../versions/target-version';

export const useArmNeon: CommandRule = (line: LogicalLine, ctx: CommandContext) => {
  const out: Finding[] = [];
  for (const m of matchesOf(/\bUSE_ARM_NEON\b(?:[=\s]\S*)?/, line.text)) {
    // The statement that sets it: `export USE_ARM_NEON=1`, `ENV USE_ARM_NEON=1`, or a `VAR=1 cmd` prefix.
    const before = line.text.slice(0, m.index);
    const stmt = /(?:^|&&|;|\|\|)\s*((?:export|ENV)\s+)?$/i.exec(before);
    const fixEdits = [];
    if (stmt && stmt[1]) {
      const start = stmt.index + stmt[0].length - stmt[1].length;
      const end = commandEnd(line.text, m.index);
      const sep = /^\s*(?:&&|;|\|\|)\s*/.exec(line.text.slice(end));
      const wholeLine = start === (/^\s*/.exec(line.text)?.[0].length ?? 0) && end === line.text.trimEnd().length;
      if (wholeLine && line.lines[0] === line.lines[line.text.length]) {
        const ln = line.lines[0];
        fixEdits.push({ range: { startLine: ln, startColumn: 0, endLine: ln + 1, endColumn: 0 }, newText: '' });
      } else {
        fixEdits.push(editOf(line, start, sep ? end + sep[0].length : end, ''));
      }
    } else if (ctx.kind === 'dockerfile' && line.text.trim() === m[0].trim()) {
      // `ENV USE_ARM_NEON=1` alone: drop the whole instruction.
      const first = line.lines[0];
      const last = line.lines[line.text.length];
      fixEdits.push({ range: { startLine: first, startColumn: 0, endLine: last + 1, endColumn: 0 }, newText: '' });
    } else if (m.index > 0 && line.text[m.index - 1] === ' ') {
      fixEdits.push(deletionOf(line, m.index, m.index + m[0].length));
    } else {
      let end = m.index + m[0].length;
      while (line.text[end] === ' ') end++;
      fixEdits.push(editOf(line, m.index, end, ''));
    }
    out.push({
      range: rangeOf(line, m.index, m.index + 'USE_ARM_NEON'.length),
      severity: 'warning',
      code: 'ASC515',
      message: t('USE_ARM_NEON is read by neither vLLM nor vllm-ascend: it has no effect. Variables that matter on Ascend: ASCEND_RT_VISIBLE_DEVICES, PYTORCH_NPU_ALLOC_CONF, TASK_QUEUE_ENABLE, OMP_NUM_THREADS, HCCL_CONNECT_TIMEOUT.'),
      docUrl: DOCS.faqs,
      fixes: [{ title: t('Remove USE_ARM_NEON'), edits: fixEdits }],
    });
  }
  return out;
};

export const demoApiServer: CommandRule = (line: LogicalLine) => {
  const out: Finding[] = [];
  for (const m of matchesOf(/\bvllm\.entrypoints\.api_server\b/, line.text)) {
    out.push({
      range: rangeOf(line, m.index, m.index + m[0].length),
      severity: 'warning',
      code: 'ASC516',
      message: t('vllm.entrypoints.api_server is a demo server (only /generate and /health, not for production). Use "vllm serve <model>" or vllm.entrypoints.openai.api_server, which serve /v1/completions and /v1/chat/completions.'),
      docUrl: DOCS.openaiServer,
      fixes: [{ title: t('Replace with {0}', 'vllm.entrypoints.openai.api_server'), edits: [editOf(line, m.index, m.index + m[0].length, 'vllm.entrypoints.openai.api_server')] }],
    });
  }
  return out;
};

export const oldPython: CommandRule = (line: LogicalLine, ctx: CommandContext) => {
  const out: Finding[] = [];
  const { min, maxExclusive } = pythonRange(ctx.target);
  const re = /\b(?:dnf|yum|apt-get|apt|microdnf)\s+(?:-\S+\s+)*install\b[^;&|]*/;
  for (const cmd of matchesOf(re, line.text)) {
    for (const m of matchesOf(/\bpython3\.(\d+)\b/, cmd[0])) {
      const minor = Number(m[1]);
      if (minor >= min && minor < maxExclusive) continue;
      const start = cmd.index + m.index;
      const good = `python3.${Math.min(11, maxExclusive - 1)}`;
      out.push({
        range: rangeOf(line, start, start + m[0].length),
        severity: 'error',
        code: 'ASC517',
        message: t('vllm-ascend {0} needs Python >= 3.{1} and < 3.{2}; {3} is outside that range. The official images ship a supported Python already.', ctx.target.tag, String(min), String(maxExclusive), m[0]),
        docUrl: DOCS.versioning,
        // Whether the distribution packages that exact version is not something we know; the user checks it.
        fixes: [{ title: t('Replace with {0}', good), edits: [editOf(line, start, start + m[0].length, good)] }],
      });
    }
  }
  return out;
};

const ARM64 = /^(?:linux\/)?(?:arm64|aarch64)(?:\/v8)?$/i;

/** True when a --platform value is explicit (no build variable) and not arm64. */
export function isForeignPlatform(value: string): boolean {
  if (value.includes('$')) return false;
  return value.split(',').some((p) => !ARM64.test(p.trim()));
}

export const dockerPlatform: CommandRule = (line: LogicalLine) => {
  const out: Finding[] = [];
  const re = /\bdocker\s+(?:buildx\s+)?(?:build|run|pull|create)\b[^;&|]*?--platform(?:=|\s+)(['"]?)([^\s'"]+)\1/;
  for (const m of matchesOf(re, line.text)) {
    if (!isForeignPlatform(m[2])) continue;
    const start = m.index + m[0].length - m[2].length - (m[1] ? 1 : 0);
    const end = start + m[2].length;
    out.push(platformFinding(line, start, end, m[2]));
  }
  return out;
};

export function platformFinding(line: LogicalLine, start: number, end: number, value: string): Finding {
  return platformFindingAt(rangeOf(line, start, end), value);
}

/** ASC503 at a document range (also used for a Dockerfile `FROM --platform=`). */
export function platformFindingAt(range: Range, value: string): Finding {
  return {
    range,
    severity: 'error',
    code: 'ASC503',
    message: t('Platform {0} is not arm64: Kunpeng hosts are arm64 (aarch64), so an image for another platform does not run there natively. Use linux/arm64.', value),
    docUrl: DOCS.installation,
    fixes: [{ title: t('Replace with {0}', 'linux/arm64'), edits: [{ range, newText: 'linux/arm64' }] }],
  };
}
