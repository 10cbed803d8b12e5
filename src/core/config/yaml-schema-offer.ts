/**
 * Which of our schemas another YAML tool (Red Hat YAML's schema-contributor API) may use for a document.
 *
 * Our language server owns the config files (files.ts) of every `file:` YAML document while it runs; a second
 * schema validator there would double every diagnostic, so the extension contributes no `yamlValidation`. The
 * schemas are offered only where our server is not active: it is not running (bundle missing, failed to start,
 * stopped or crashed), or the document is not a `file:` one (untitled editors, git/diff views, other schemes),
 * which the client's document selector leaves out.
 */
import { kindByName, modelineKind } from './files';

export type OfferedSchema = 'vllm-serve' | 'ascend-deploy';

/** URI scheme of the schemas we hand out; Red Hat YAML routes content requests by it. */
export const OFFER_SCHEME = 'ascendllm';

/** The schemes our language client sends to the server (src/extension/language-client.ts DOCUMENT_SELECTOR). */
export const SERVER_SCHEMES: readonly string[] = ['file'];

export interface OfferInput {
  /** The document, as Red Hat YAML names it (a URI string). */
  resource: string;
  /** Its text when it is open (for the `# ascend-llm: ...` modeline); undefined otherwise. */
  text: string | undefined;
  /** Whether our language server is starting or running (not stopped, crashed, failed or absent). */
  serverActive: boolean;
}

function schemeAndPath(resource: string): { scheme: string; path: string } {
  const m = /^([a-zA-Z][\w+.-]*):(.*)$/.exec(resource);
  // A bare path (no scheme) is a file path.
  if (!m || m[1].length === 1) return { scheme: 'file', path: resource };
  let path = m[2].replace(/[?#].*$/, '');
  try { path = decodeURIComponent(path); } catch { /* keep it encoded */ }
  return { scheme: m[1].toLowerCase(), path };
}

/** The schema to offer for this document, or undefined where our server checks it (or it is not ours). */
export function schemaToOffer(input: OfferInput): OfferedSchema | undefined {
  const { scheme, path } = schemeAndPath(input.resource);
  if (input.serverActive && SERVER_SCHEMES.includes(scheme)) return undefined;
  // Red Hat YAML asks only about YAML documents, so the modeline counts whatever the name (`untitled:Untitled-1`).
  const kind = kindByName(path) ?? modelineKind(input.text ?? '');
  if (kind === 'vllm-serve') return 'vllm-serve';
  if (kind === 'deploy') return 'ascend-deploy';
  return undefined; // vllm-json is JSON: VS Code's jsonValidation covers it
}

/** `ascendllm://schemas/vllm-serve.schema.zh-cn.json`: the schema URI for a locale. */
export function offerUri(schema: OfferedSchema, locale: string): string {
  const zh = locale.toLowerCase().startsWith('zh'); // as schemas.ts picks the zh-cn schema
  return `${OFFER_SCHEME}://schemas/${schema}.schema${zh ? '.zh-cn' : ''}.json`;
}

/** The schema file a URI from offerUri names (a file in schemas/), or undefined for anything else. */
export function offeredFile(uri: string): string | undefined {
  const m = new RegExp(`^${OFFER_SCHEME}://schemas/((?:vllm-serve|ascend-deploy)\\.schema(?:\\.zh-cn)?\\.json)$`).exec(uri);
  return m?.[1];
}
