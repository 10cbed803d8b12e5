/**
 * Localization for code that runs outside the extension host (core, CLI, language server, webview bundle).
 * The strings live in the same bundle files as `vscode.l10n` uses (l10n/bundle.l10n.<locale>.json), so a
 * string is translated once. Call `t()` exactly like `vscode.l10n.t()`.
 */
import * as l10n from '@vscode/l10n';

export const t = l10n.t;

/** Loads a bundle's contents (key -> translated text) for this process. Call once at start-up. */
export function useBundle(contents: Record<string, string> | undefined): void {
  if (contents && Object.keys(contents).length > 0) l10n.config({ contents });
}

/**
 * Picks the UI locale the way VS Code tells child processes (VSCODE_NLS_CONFIG), else from LANG/LC_ALL.
 * Returns e.g. "zh-cn" or "en".
 */
export function localeFromEnv(env: NodeJS.ProcessEnv): string {
  const nls = env.VSCODE_NLS_CONFIG;
  if (nls) {
    try {
      const parsed = JSON.parse(nls) as { locale?: string };
      if (parsed.locale) return parsed.locale.toLowerCase();
    } catch {
      // fall through to LANG
    }
  }
  const lang = (env.ASCEND_LLM_LOCALE || env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en').toLowerCase();
  if (lang.startsWith('zh')) return lang.includes('tw') || lang.includes('hk') ? 'zh-tw' : 'zh-cn';
  return 'en';
}
