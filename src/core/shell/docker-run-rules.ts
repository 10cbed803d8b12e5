/**
 * `docker run` lines that start a vllm-ascend container, against the Ascend device and mount rules
 * (docs/ascend-facts.md §1 "docker run", §7 item 5; docs/docs/contracts.md §1; docs/vllm-arithmetic.md, "docker run"):
 *   ASC533 NPUs mapped (`--device /dev/davinciN`) without /dev/davinci_manager (error), or without devmm_svm /
 *          hisi_hdc (warning): the runtime cannot open the device
 *   ASC534 ASCEND_RT_VISIBLE_DEVICES names ids the container does not have: inside it the ids restart at 0,
 *          one per mapped davinci device
 *   ASC535 `vllm serve --host 127.0.0.1` inside a container whose port is published on a bridge network: docker
 *          forwards to the container's own address, so nothing reaches the server
 * `--privileged` maps every device, so the device rules do not apply to it.
 */
import type { Finding, TextEdit } from '../diagnostics';
import { t } from '../l10n/index';
import { commandEnd, rangeOf, type LogicalLine } from './logical-lines';
import { editOf, matchesOf, type CommandRule } from './command-rule';
import { DOCS } from './doc-links';
import { shellWords, type Word } from './shell-words';

/** docker run options that take a value (the rest of `docker run --help`'s value options are rare in these files). */
const VALUE_OPTS = new Set(['-v', '--volume', '--device', '-e', '--env', '-p', '--publish', '--name', '--net', '--network',
  '--shm-size', '-w', '--workdir', '--entrypoint', '--ipc', '-u', '--user', '--env-file', '--mount', '--ulimit', '--cap-add',
  '--cap-drop', '--security-opt', '-m', '--memory', '--cpus', '--cpuset-cpus', '--gpus', '--runtime', '--restart', '-l', '--label',
  '-h', '--hostname', '--add-host', '--pids-limit', '--platform', '--log-opt', '--log-driver', '--dns', '--cidfile', '--tmpfs',
  '--group-add', '--device-cgroup-rule', '--stop-signal', '--pid', '--uts', '--userns', '--memory-swap', '--oom-score-adj']);

interface RunOption { name: string; value?: Word; word: Word }

interface DockerRun { options: RunOption[]; image?: Word; command: Word[]; lastOptionEnd: number }

function parseRun(words: Word[]): DockerRun {
  const options: RunOption[] = [];
  let i = 0;
  let lastOptionEnd = words[0]?.start ?? 0;
  for (; i < words.length; i++) {
    const w = words[i];
    if (!w.text.startsWith('-') || w.text === '-') break;
    const eq = w.text.indexOf('=');
    const name = eq === -1 ? w.text : w.text.slice(0, eq);
    if (eq !== -1) {
      const v = { text: w.text.slice(eq + 1), start: w.start + eq + 1, end: w.end, dynamic: w.dynamic };
      options.push({ name, value: v, word: w });
    } else if (VALUE_OPTS.has(name) && i + 1 < words.length) {
      options.push({ name, value: words[i + 1], word: w });
      i++;
    } else {
      options.push({ name, word: w });
    }
    lastOptionEnd = (options[options.length - 1].value ?? w).end;
  }
  return { options, image: words[i], command: words.slice(i + 1), lastOptionEnd };
}

/** A zero-width edit at an offset of the logical line (rangeOf always covers at least one character). */
function insertAt(line: LogicalLine, at: number, newText: string): TextEdit {
  const pos = { line: line.lines[at], column: line.columns[at] };
  return { range: { startLine: pos.line, startColumn: pos.column, endLine: pos.line, endColumn: pos.column }, newText };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const dockerRunAscend: CommandRule = (line: LogicalLine) => {
  const out: Finding[] = [];
  for (const m of matchesOf(/\bdocker\s+(?:container\s+)?(?:run|create)(?=\s)/, line.text)) {
    const run = parseRun(shellWords(line.text, m.index + m[0].length, commandEnd(line.text, m.index)));
    const opt = (...names: string[]): RunOption[] => run.options.filter((o) => names.includes(o.name));
    const privileged = run.options.some((o) => o.name === '--privileged' && (o.value === undefined || o.value.text !== 'false'));
    const devices = opt('--device').map((o) => o.value?.text.split(':')[0] ?? '');
    const npus = devices.filter((d) => /^\/dev\/davinci\d+$/.test(d));
    if (npus.length && !privileged) {
      // Atlas 950 (A5) containers map /dev/ummu and /dev/uburma instead of /dev/devmm_svm (vllm-ascend's A5 tutorials).
      const a5 = devices.includes('/dev/ummu') || devices.includes('/dev/uburma');
      const needed = a5 ? ['/dev/davinci_manager', '/dev/hisi_hdc'] : ['/dev/davinci_manager', '/dev/devmm_svm', '/dev/hisi_hdc'];
      const missing = needed.filter((d) => !devices.includes(d));
      if (missing.length) {
        const add = missing.map((d) => ` --device ${d}`).join('');
        out.push({
          range: rangeOf(line, m.index, m.index + m[0].length),
          severity: missing.includes('/dev/davinci_manager') ? 'error' : 'warning',
          code: 'ASC533',
          message: t('docker run maps NPUs ({0}) but not {1}: the Ascend runtime in the container needs {2} to open them.', npus.join(', '), missing.join(', '), needed.join(', ')),
          docUrl: DOCS.installation,
          fixes: [{ title: t('Add {0}', add.trim()), edits: [insertAt(line, run.lastOptionEnd, add)] }],
        });
      }
      for (const e of opt('-e', '--env')) {
        const v = e.value;
        const mm = v && !v.dynamic ? /^ASCEND_RT_VISIBLE_DEVICES=(.*)$/.exec(v.text) : null;
        if (!v || !mm) continue;
        const ids = mm[1].split(',').map((s) => s.trim()).filter(Boolean);
        const bad = ids.filter((s) => !/^\d+$/.test(s) || Number(s) >= npus.length);
        if (!bad.length) continue;
        const right = Array.from({ length: npus.length }, (_, k) => k).join(',');
        out.push({
          range: rangeOf(line, v.start, v.end),
          severity: 'error',
          code: 'ASC534',
          message: t('ASCEND_RT_VISIBLE_DEVICES={0} names devices this container does not have: it maps {1} NPU(s), and inside it their ids restart at 0 ({2}).', mm[1], String(npus.length), right),
          docUrl: DOCS.installation,
          fixes: [{ title: t('Change to "{0}"', `ASCEND_RT_VISIBLE_DEVICES=${right}`), edits: [editOf(line, v.start, v.end, `ASCEND_RT_VISIBLE_DEVICES=${right}`)] }],
        });
      }
    }
    const published = opt('-p', '--publish', '-P', '--publish-all').length > 0;
    const hostNet = opt('--net', '--network').some((o) => o.value?.text === 'host');
    if (!published || hostNet) continue;
    const serveAt = run.command.findIndex((w, k) => w.text === 'serve' && run.command[k - 1]?.text === 'vllm');
    if (serveAt === -1) continue;
    const cmd = run.command.slice(serveAt + 1);
    for (let k = 0; k < cmd.length; k++) {
      const w = cmd[k];
      const inline = /^--host=(.*)$/.exec(w.text);
      const value = inline ? { ...w, text: inline[1], start: w.start + 7 } : w.text === '--host' ? cmd[k + 1] : undefined;
      if (!value || value.dynamic || !LOOPBACK.has(value.text)) continue;
      out.push({
        range: rangeOf(line, value.start, value.end),
        severity: 'error',
        code: 'ASC535',
        message: t('vllm serve --host {0} inside a container with published ports cannot be reached: docker forwards to the container\'s own address. Listen on 0.0.0.0 and choose the host side with -p 127.0.0.1:PORT:PORT.', value.text),
        docUrl: DOCS.installation,
        fixes: [{ title: t('Change to "{0}"', '0.0.0.0'), edits: [editOf(line, value.start, value.end, '0.0.0.0')] }],
      });
    }
  }
  return out;
};
