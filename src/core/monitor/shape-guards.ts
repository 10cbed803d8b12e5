/**
 * Small readers for untrusted JSON-like values. Each returns the value it accepted (rebuilt, so unknown keys
 * never travel further) or throws a ShapeError naming the path that was wrong.
 */
export class ShapeError extends Error {}

export type Obj = Record<string, unknown>;

export function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(`${path}: expected an object`);
  return v as Obj;
}

export function arr(v: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${path}: expected an array`);
  if (v.length > max) throw new ShapeError(`${path}: more than ${max} items`);
  return v;
}

export function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(`${path}: expected a finite number`);
  return v;
}

export function int(v: unknown, path: string, min = 0): number {
  const n = num(v, path);
  if (!Number.isSafeInteger(n) || n < min) throw new ShapeError(`${path}: expected an integer >= ${min}`);
  return n;
}

export function numOrNull(v: unknown, path: string): number | null {
  return v === null ? null : num(v, path);
}

export function intOrNull(v: unknown, path: string): number | null {
  return v === null ? null : int(v, path);
}

export function str(v: unknown, path: string, max: number): string {
  if (typeof v !== 'string') throw new ShapeError(`${path}: expected a string`);
  if (v.length > max) throw new ShapeError(`${path}: longer than ${max} characters`);
  return v;
}

export function strOrNull(v: unknown, path: string, max: number): string | null {
  return v === null ? null : str(v, path, max);
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ShapeError(`${path}: expected a boolean`);
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new ShapeError(`${path}: expected one of ${allowed.join(', ')}`);
  }
  return v as T;
}

/** Keys that would poison a plain object if copied into one. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A string → string map, rebuilt without a prototype so hostile keys cannot reach Object.prototype. */
export function stringMap(v: unknown, path: string, maxKeys: number, maxText: number): Record<string, string> {
  const o = obj(v, path);
  const keys = Object.keys(o);
  if (keys.length > maxKeys) throw new ShapeError(`${path}: more than ${maxKeys} keys`);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k)) throw new ShapeError(`${path}: forbidden key ${k}`);
    str(k, `${path} key`, maxText);
    out[k] = str(o[k], `${path}.${k}`, maxText);
  }
  return out;
}

export function isForbiddenKey(k: string): boolean {
  return FORBIDDEN_KEYS.has(k);
}
