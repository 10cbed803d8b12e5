/**
 * Allow-list checks for every value that ends up on a remote command line. Quoting (quote.ts) already keeps a
 * value from executing; these checks refuse values that are not what they claim to be (a model id that is a
 * shell snippet, a path with `..`, a tag that starts with `-` and would read as an option), with a clear,
 * localized message. Each check returns the message, or undefined when the value is fine.
 */
import { t } from '../l10n/index';

export type InputKind = 'modelId' | 'imageTag' | 'containerName' | 'deploymentName' | 'remotePath';

/** Thrown by {@link requireValid}; the CLI maps it to exit code 3 ("refused: hostile input"). */
export class InputRefusedError extends Error {
  constructor(readonly kind: InputKind, readonly value: string, message: string) {
    super(message);
    this.name = 'InputRefusedError';
  }
}

/** Shows a value safely inside a message: control characters made visible, long values cut. */
export function showValue(value: string): string {
  const visible = JSON.stringify(value);
  return visible.length > 80 ? `${visible.slice(0, 77)}…"` : visible;
}

// Hugging Face / ModelScope repo ids: `org/name`, each part letters, digits, `.`, `_`, `-`, starting with a
// letter or digit, at most 96 characters (the Hub's limit), no `..` and no `--` (the Hub refuses both).
const MODEL_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

export function checkModelId(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length !== 2 || !parts.every((p) => MODEL_PART.test(p)) || /\.\.|--/.test(value)) {
    return t('Invalid model id {0}: expected organization/name with letters, digits, ".", "_" or "-" only (e.g. deepseek-ai/deepseek-coder-6.7b-base).', showValue(value));
  }
  return undefined;
}

// Docker image references (distribution/reference grammar): [domain[:port]/]path[:tag][@digest].
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_REF = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

export function checkImageTag(value: string): string | undefined {
  if (value.length > 255 || !IMAGE_REF.test(value)) {
    return t('Invalid image reference {0}: expected [registry/]name[:tag] in lower case (e.g. quay.io/ascend/vllm-ascend:v0.23.0).', showValue(value));
  }
  return undefined;
}

// Docker's own rule for container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (we cap the length at 128).
const CONTAINER = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

export function checkContainerName(value: string): string | undefined {
  if (!CONTAINER.test(value)) {
    return t('Invalid container name {0}: expected letters, digits, "_", "." or "-", starting with a letter or digit.', showValue(value));
  }
  return undefined;
}

// docs/contracts.md §1: deployment names are [a-z0-9-]{1,40}. We also refuse a leading "-", so a name can never be
// read as an option by docker or any other program.
const DEPLOYMENT = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function checkDeploymentName(value: string): string | undefined {
  if (!DEPLOYMENT.test(value)) {
    return t('Invalid deployment name {0}: expected 1 to 40 lower-case letters, digits or "-", not starting with "-".', showValue(value));
  }
  return undefined;
}

// Remote paths: absolute, at most 4096 bytes, no `.`/`..` segments, and only characters that real model,
// image and data folders use (letters, digits, space and `._-+@=,:~/`). No quotes, `$`, backticks, `;`, or
// control characters (NUL, newline), so the path means the same thing in every tool it reaches.
const PATH_CHARS = /^[A-Za-z0-9 ._\-+@=,:~/]+$/;

export function checkRemotePath(value: string): string | undefined {
  if (!value.startsWith('/')) {
    return t('Invalid remote path {0}: it must be absolute (start with "/").', showValue(value));
  }
  if (value.length > 4096 || !PATH_CHARS.test(value)) {
    return t('Invalid remote path {0}: only letters, digits, spaces and ._-+@=,:~/ are allowed.', showValue(value));
  }
  if (value.split('/').some((seg) => seg === '..' || seg === '.')) {
    return t('Invalid remote path {0}: "." and ".." segments are not allowed.', showValue(value));
  }
  return undefined;
}

const CHECKS: Record<InputKind, (value: string) => string | undefined> = {
  modelId: checkModelId,
  imageTag: checkImageTag,
  containerName: checkContainerName,
  deploymentName: checkDeploymentName,
  remotePath: checkRemotePath,
};

/** Returns the message for an invalid value, or undefined. */
export function checkInput(kind: InputKind, value: string): string | undefined {
  return CHECKS[kind](value);
}

/** Returns the value unchanged when valid; throws {@link InputRefusedError} otherwise. */
export function requireValid(kind: InputKind, value: string): string {
  const message = CHECKS[kind](value);
  if (message !== undefined) throw new InputRefusedError(kind, value, message);
  return value;
}
