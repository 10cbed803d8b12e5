/**
 * Small typed readers for one descriptor section: each pushes a localized problem and returns undefined when
 * the value has the wrong type, so the loader reports every problem at once.
 */
import { t } from '../l10n/index';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function label(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export class FieldReader {
  readonly problems: string[] = [];

  section(root: Obj, key: string, required: boolean): Obj | undefined {
    const v = root[key];
    if (v === undefined || v === null) {
      if (required) this.problems.push(t('"{0}" is required.', key));
      return undefined;
    }
    if (!isObj(v)) {
      this.problems.push(t('"{0}" must be a mapping.', key));
      return undefined;
    }
    return v;
  }

  str(obj: Obj | undefined, path: string, key: string, required = false): string | undefined {
    const v = obj?.[key];
    if (v === undefined || v === null) {
      if (required) this.problems.push(t('"{0}" is required.', label(path, key)));
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.problems.push(t('"{0}" must be a non-empty string.', label(path, key)));
      return undefined;
    }
    return v.trim();
  }

  /**
   * A local file or folder path (relative to the descriptor, or absolute). It only ever reaches local file
   * system calls, never a shell; control characters (NUL, newline, …) are refused so that what the user sees
   * is what is read.
   */
  localPath(obj: Obj | undefined, path: string, key: string): string | undefined {
    const v = this.str(obj, path, key);
    if (v === undefined) return undefined;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(v)) {
      this.problems.push(t('"{0}" must be a plain file path without control characters.', label(path, key)));
      return undefined;
    }
    return v;
  }

  int(obj: Obj | undefined, path: string, key: string, min: number, max: number): number | undefined {
    const v = obj?.[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.problems.push(t('"{0}" must be a whole number from {1} to {2}.', label(path, key), min, max));
      return undefined;
    }
    return v;
  }

  bool(obj: Obj | undefined, path: string, key: string): boolean | undefined {
    const v = obj?.[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.problems.push(t('"{0}" must be true or false.', label(path, key)));
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(obj: Obj | undefined, path: string, key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(obj, path, key);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(t('"{0}" must be one of: {1}.', label(path, key), allowed.join(', ')));
      return undefined;
    }
    return v as T;
  }
}
