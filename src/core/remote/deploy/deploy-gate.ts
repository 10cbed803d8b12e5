/**
 * The pre-deploy gate: before anything touches the host, the descriptor and its serve config are checked by the
 * same validator the editor and `ascend-llm validate` run (src/core/config, for the descriptor's target
 * version), and a deploy with errors is refused, listing them; `force` (the CLI's --force, the extension's
 * "Deploy anyway") deploys all the same, saying so in the log. Warnings never stop a deploy.
 */
import { basename, dirname, join, relative } from 'node:path';
import { t } from '../../l10n/index';
import { validateConfigFile } from '../../config/index';
import type { Finding } from '../../diagnostics';
import type { DeployDescriptor } from '../../descriptor/types';

export interface GateFinding {
  /** The file, as the user named it. */
  file: string;
  /** 1-based. */
  line: number;
  code: string;
  message: string;
}

export interface DeployGate {
  /** The descriptor file (absolute). */
  descriptorFile: string;
  /** Reads a local file by absolute path; undefined when it cannot. */
  read: (path: string) => string | undefined;
  /** Deploy even with errors. */
  force?: boolean;
}

export class DeployRefusedError extends Error {
  constructor(readonly findings: GateFinding[]) {
    super(`${t('Not deploying: the validator found {0} error(s) that vLLM would refuse or fail on (pass --force, or choose "Deploy anyway", to deploy all the same):', findings.length)}\n${formatGateFindings(findings)}`);
    this.name = 'DeployRefusedError';
  }
}

export function formatGateFindings(findings: readonly GateFinding[]): string {
  return findings.map((f) => `  ${f.file}:${f.line}: ${f.code} ${f.message}`).join('\n');
}

const DESCRIPTOR_NAME = 'ascend-deploy.yaml';

const errorsOf = (file: string, findings: Finding[] | null): GateFinding[] =>
  (findings ?? []).filter((f) => f.severity === 'error').map((f) => ({ file, line: f.range.startLine + 1, code: f.code, message: f.message }));

/**
 * The validator's errors for the descriptor and its serve config. The descriptor is checked under the name the
 * validator knows it by (ascend-deploy.yaml in its folder), whatever its file is called, and the serve config as
 * the vLLM config it names, so the cross-file rules (model facts, the target version) see both.
 */
export function preDeployErrors(d: DeployDescriptor, gate: Pick<DeployGate, 'descriptorFile' | 'read'>): GateFinding[] {
  const dir = dirname(gate.descriptorFile);
  const text = gate.read(gate.descriptorFile);
  if (text === undefined) return [{ file: gate.descriptorFile, line: 1, code: 'read', message: t('Cannot read {0}.', gate.descriptorFile) }];
  const workspaceFiles = (rel: string): string | undefined => (rel.replace(/^\.\//, '') === DESCRIPTOR_NAME ? text : gate.read(join(dir, rel)));
  const targetVersion = d.target.vllmAscend;
  const out = errorsOf(basename(gate.descriptorFile), validateConfigFile({ fileName: DESCRIPTOR_NAME, text, targetVersion, workspaceFiles }));
  if (d.serveConfigPath) {
    const serveText = gate.read(d.serveConfigPath);
    const rel = relative(dir, d.serveConfigPath).split('\\').join('/');
    if (serveText !== undefined) {
      // Under its own name when the validator recognises it (beside the descriptor, with its model facts), else
      // as a *.vllm.yaml: the validator reads a descriptor's facts only for a serve config in the same folder.
      const found = validateConfigFile({ fileName: rel, text: serveText, targetVersion, workspaceFiles })
        ?? validateConfigFile({ fileName: `${basename(rel).replace(/\.ya?ml$/, '')}.vllm.yaml`, text: serveText, targetVersion, workspaceFiles });
      out.push(...errorsOf(rel, found));
    }
  }
  return out;
}

/** Runs the gate: throws DeployRefusedError on errors unless forced; returns what a forced deploy goes past. */
export function runGate(d: DeployDescriptor, gate: DeployGate, log: (message: string) => void): GateFinding[] {
  const errors = preDeployErrors(d, gate);
  if (errors.length === 0) return [];
  if (!gate.force) throw new DeployRefusedError(errors);
  log(`${t('Deploying despite {0} validator error(s) (forced):', errors.length)}\n${formatGateFindings(errors)}`);
  return errors;
}
