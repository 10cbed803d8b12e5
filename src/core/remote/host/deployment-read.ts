/** Reads the deployment record the host keeps for a descriptor name (`~/.ascend-llm/deployments/<name>.json`). */
import { deploymentRecordPath, parseDeploymentRecord, type DeploymentRecord } from '../../deployment/record';
import { requireValid } from '../../host-command/validate-input';
import { readHostFile } from './remote-io';
import type { RunContext } from './run-context';

export async function readDeployment(ctx: RunContext, name: string): Promise<DeploymentRecord | undefined> {
  const text = await readHostFile(ctx, deploymentRecordPath(requireValid('deploymentName', name)));
  if (text === undefined) return undefined;
  try {
    return parseDeploymentRecord(text);
  } catch {
    return undefined;
  }
}
