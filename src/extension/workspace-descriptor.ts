import { homedir } from 'node:os';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { loadDescriptor, type DeployDescriptor } from '../core/descriptor/index';

export interface WorkspaceDescriptor {
  uri: vscode.Uri;
  descriptor: DeployDescriptor;
}

/**
 * Finds and loads the workspace's deploy descriptor (`ascend-deploy.yaml`, docs/contracts.md §1), following a
 * `serve.config` reference. Returns undefined when there is none; throws DescriptorError when it is invalid, and
 * LocalPathRefusedError when it names a local file outside the workspace folder.
 */
export async function findWorkspaceDescriptor(): Promise<WorkspaceDescriptor | undefined> {
  const [uri] = await vscode.workspace.findFiles('**/ascend-deploy.{yaml,yml}', '**/node_modules/**', 1);
  if (!uri) return undefined;
  const read = async (path: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
  const text = await read(uri.fsPath);
  // Every local file the descriptor names must lie inside its workspace folder (src/core/descriptor/local-paths.ts).
  const confine = { workspaceDir: vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath), home: homedir() };
  return { uri, descriptor: await loadDescriptor(text, uri.fsPath, read, confine) };
}
