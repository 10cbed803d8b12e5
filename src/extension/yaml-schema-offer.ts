/**
 * Offers our vLLM-config and deploy-descriptor schemas to Red Hat YAML only where our language server is not active
 * (the decision is src/core/config/yaml-schema-offer.ts). No `yamlValidation` contribution: with Red Hat YAML
 * installed it would validate the files our server owns a second time.
 *
 * Mechanism: Red Hat YAML's documented extension API, `registerContributor(schema, requestSchema,
 * requestSchemaContent)` (vscode-yaml wiki "Extension API", src/schema-extension-api.ts): it asks every contributor
 * for each YAML document it validates, and fetches the content of `<schema>://...` URIs from the contributor.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { OFFER_SCHEME, offerUri, offeredFile, schemaToOffer } from '../core/config/yaml-schema-offer';

const RED_HAT_YAML_ID = 'redhat.vscode-yaml';

/** The part of Red Hat YAML's exported API used here. */
interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
  ): boolean;
}

/** Registers the contributor once Red Hat YAML is installed and a YAML document is open (it activates then anyway). */
export function offerSchemasToYamlTools(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  serverActive: () => boolean,
): void {
  let registered = false;
  const requestSchema = (resource: string): string | undefined => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
    const head = doc?.getText(new vscode.Range(0, 0, 5, 0)); // the modeline lives in the first 5 lines
    const schema = schemaToOffer({ resource, text: head, serverActive: serverActive() });
    return schema ? offerUri(schema, vscode.env.language) : undefined;
  };
  const requestSchemaContent = (uri: string): string | undefined => {
    const file = offeredFile(uri);
    return file ? readFileSync(context.asAbsolutePath(`schemas/${file}`), 'utf8') : undefined;
  };
  const register = async (): Promise<void> => {
    const ext = vscode.extensions.getExtension<YamlExtensionApi>(RED_HAT_YAML_ID);
    if (registered || !ext) return;
    registered = true;
    try {
      const api = ext.isActive ? ext.exports : await ext.activate();
      if (typeof api?.registerContributor !== 'function') {
        log.warn(`${RED_HAT_YAML_ID} has no registerContributor API; schemas not offered`);
        return;
      }
      api.registerContributor(OFFER_SCHEME, requestSchema, requestSchemaContent);
      log.info(`schemas offered to ${RED_HAT_YAML_ID} where the language server is not active`);
    } catch (err) {
      log.warn(`could not offer schemas to ${RED_HAT_YAML_ID}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const yamlOpen = (): boolean => vscode.workspace.textDocuments.some((d) => d.languageId === 'yaml');
  if (yamlOpen()) void register();
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => { if (d.languageId === 'yaml') void register(); }),
    vscode.extensions.onDidChange(() => { if (yamlOpen()) void register(); }),
  );
}
