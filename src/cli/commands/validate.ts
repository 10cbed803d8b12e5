/**
 * `ascend-llm validate [--format text|json|sarif] [--target-version X] FILE...`: the editor's checks for CI.
 * The same analysis as the language server (analyzeFile, src/core/analysis): config files (vLLM serve YAML,
 * ascend-deploy.yaml, JSON meant for --config) go to the config engine, Dockerfiles, shell scripts and Python to
 * the document rules. Exit 1 when any error is found, 0 otherwise,
 * 2 on a usage error or an unreadable file.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { analyzeFile } from '../../core/analysis/analyze-file';
import { targetFromFolders } from '../../core/analysis/descriptor-target';
import { diskSource, siblingReader, type FileSource } from '../../core/analysis/file-source';
import type { Finding } from '../../core/diagnostics';
import { t } from '../../core/l10n/index';
import { ExitCode } from '../types';
import type { CliCommand, CliIO } from '../types';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

interface Options { format: 'text' | 'json' | 'sarif'; targetVersion?: string; files: string[] }

function parseArgs(args: string[]): Options | string {
  const o: Options = { format: 'text', files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    if (name === '--format') {
      const v = inline ?? args[++i];
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return t('--format must be text, json or sarif.');
      o.format = v;
    } else if (name === '--target-version') {
      const v = inline ?? args[++i];
      if (!v || !/^v?\d+\.\d+(\.\d+)?(rc\d*)?$/.test(v)) return t('--target-version needs a version such as v0.23.0.');
      o.targetVersion = v.startsWith('v') ? v : `v${v}`;
    } else if (a === '--') {
      o.files.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return t('Unknown option {0}.', a);
    } else o.files.push(a);
  }
  if (o.files.length === 0) return t('Name at least one file to validate.');
  return o;
}

function validateOne(file: string, io: CliIO, targetVersion: string | undefined): Finding[] | null | 'unreadable' {
  const abs = resolve(io.cwd, file);
  let source: FileSource;
  try {
    source = diskSource(abs);
  } catch {
    return 'unreadable';
  }
  const rel = isAbsolute(file) ? relative(io.cwd, abs) || file : file;
  const fileName = rel.split('\\').join('/');
  try {
    return analyzeFile({ fileName, source, targetVersion, readSibling: siblingReader({ base: io.cwd }) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) return 'unreadable';
    throw err;
  }
}

export function toJsonFindings(file: string, findings: Finding[]): JsonFinding[] {
  return findings.map((f) => ({
    file,
    line: f.range.startLine + 1,
    column: f.range.startColumn + 1,
    endLine: f.range.endLine + 1,
    endColumn: f.range.endColumn + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
  }));
}

export function toSarif(results: Array<{ file: string; findings: Finding[] }>): object {
  const rules = new Map<string, string | undefined>();
  for (const r of results) for (const f of r.findings) if (!rules.has(f.code)) rules.set(f.code, f.docUrl);
  const level = (s: Finding['severity']): string => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'ascend-llm',
          informationUri: 'https://github.com/vllm-project/vllm-ascend',
          rules: [...rules].sort((a, b) => a[0].localeCompare(b[0])).map(([id, help]) => ({ id, ...(help ? { helpUri: help } : {}) })),
        },
      },
      results: results.flatMap((r) => r.findings.map((f) => ({
        ruleId: f.code,
        level: level(f.severity),
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.file.split('\\').join('/') },
            region: { startLine: f.range.startLine + 1, startColumn: f.range.startColumn + 1, endLine: f.range.endLine + 1, endColumn: f.range.endColumn + 1 },
          },
        }],
      }))),
    }],
  };
}

export const command: CliCommand = {
  name: 'validate',
  summary: () => t('Check vLLM configs, deploy descriptors, Dockerfiles and scripts'),
  usage: () => [
    t('Usage: ascend-llm validate [--format text|json|sarif] [--target-version X] FILE...'),
    '',
    t('Checks vLLM serve configs (*.vllm.yaml, vllm-config.yaml), ascend-deploy.yaml, JSON meant for --config, Dockerfiles, *.sh and *.py.'),
    t('Without --target-version, the target.vllmAscend of ./ascend-deploy.yaml is used, as in the editor.'),
    t('Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable file.'),
    '',
  ].join('\n'),
  run: async (args, io) => {
    const o = parseArgs(args);
    if (typeof o === 'string') {
      io.stderr(`${o}\n${command.usage()}`);
      return ExitCode.usage;
    }
    const results: Array<{ file: string; findings: Finding[] }> = [];
    let unreadable = false;
    // As in the editor: the flag, else the ascend-deploy.yaml of the working directory, else the rules' default.
    const targetVersion = o.targetVersion ?? targetFromFolders([io.cwd]);
    for (const file of o.files) {
      const r = validateOne(file, io, targetVersion);
      if (r === 'unreadable') {
        io.stderr(`${t('Cannot read {0}.', file)}\n`);
        unreadable = true;
        continue;
      }
      if (r === null) {
        if (o.format === 'text') io.stderr(`${t('{0}: not a file ascend-llm checks; skipped.', file)}\n`);
        continue;
      }
      results.push({ file, findings: r });
    }
    if (o.format === 'json') io.stdout(`${JSON.stringify(results.flatMap((r) => toJsonFindings(r.file, r.findings)), null, 2)}\n`);
    else if (o.format === 'sarif') io.stdout(`${JSON.stringify(toSarif(results), null, 2)}\n`);
    else {
      for (const r of results) {
        for (const f of r.findings) {
          io.stdout(`${r.file}:${f.range.startLine + 1}:${f.range.startColumn + 1}: ${f.severity} ${f.code}: ${f.message}\n`);
        }
      }
      const count = (s: Finding['severity']): number => results.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
      io.stdout(`${t('{0} errors, {1} warnings, {2} notes in {3} files.', String(count('error')), String(count('warning')), String(count('info')), String(results.length))}\n`);
    }
    if (unreadable) return ExitCode.usage;
    return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? ExitCode.findings : ExitCode.ok;
  },
};
