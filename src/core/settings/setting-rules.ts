/**
 * The rules behind the extension's settings facade (src/extension/settings.ts), kept here so they are tested
 * without VS Code:
 * - which settings a workspace may not set in Restricted Mode, and what such a setting's value is then;
 * - which features a settings change (or granting workspace trust) must reload.
 */

/** Settings that a workspace may not set in Restricted Mode; package.json's restrictedConfigurations lists the same. */
export const RESTRICTED_SETTINGS: readonly string[] = [
  'ascend.hosts',
  'ascend.completion.endpoint',
  'ascend.models.mirror',
  'ascend.images.mirror',
];

/** What VS Code's `WorkspaceConfiguration.inspect` reports for one setting (the parts used here). */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
}

/**
 * The value a feature may use. In a trusted workspace it is VS Code's merged value; in an untrusted one a
 * restricted setting counts only the user's own value (or the default), never the workspace's, even where
 * VS Code would merge it.
 */
export function effectiveSetting<T>(
  key: string,
  trusted: boolean,
  merged: () => T | undefined,
  inspect: () => InspectedSetting<T> | undefined,
  fallback: T,
): T {
  if (!trusted && RESTRICTED_SETTINGS.includes(key)) {
    const i = inspect();
    return i?.globalValue ?? i?.defaultValue ?? fallback;
  }
  return merged() ?? fallback;
}

/** Feature → the setting keys (or sections, e.g. `ascend.monitor`) whose change means it must reload. */
export type ReloadTable<A extends string> = Readonly<Record<A, readonly string[]>>;

/** True when `key` is `section` or lies inside it (`ascend.monitor` covers `ascend.monitor.intervalMs`). */
const within = (key: string, section: string): boolean => key === section || key.startsWith(`${section}.`) || section.startsWith(`${key}.`);

/**
 * The features to reload after a configuration change; `affects(section)` is VS Code's
 * `ConfigurationChangeEvent.affectsConfiguration`.
 */
export function reloadsForChange<A extends string>(table: ReloadTable<A>, affects: (section: string) => boolean): A[] {
  return (Object.keys(table) as A[]).filter((area) => table[area].some((section) => affects(section)));
}

/** The features to reload once the workspace is trusted: those reading a restricted setting, whose value changes. */
export function reloadsOnTrust<A extends string>(table: ReloadTable<A>): A[] {
  return (Object.keys(table) as A[]).filter((area) => table[area].some((section) => RESTRICTED_SETTINGS.some((r) => within(r, section))));
}
