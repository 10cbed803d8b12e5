/** Loads the l10n bundle the client names in initializationOptions, before any message is made. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useBundle } from '../core/l10n/index';

export interface InitOptions {
  l10nBundleUri?: string;
  locale?: string;
}

/** Returns true when a bundle was loaded. English (no bundle) is the default. */
export function loadBundle(options: InitOptions | undefined): boolean {
  const uri = options?.l10nBundleUri;
  if (!uri) return false;
  try {
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    const contents = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    useBundle(contents);
    return true;
  } catch {
    return false;
  }
}
