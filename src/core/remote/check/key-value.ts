/** `key=value` files: driver/firmware version.info, ascend_install.info, toolkit install info, os-release. */
export function parseKeyValue(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let v = line.slice(eq + 1).trim();
    if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) v = v.slice(1, -1);
    out.set(line.slice(0, eq).trim(), v);
  }
  return out;
}

/** `[a],[b,c]` → [['a'], ['b','c']] (the compatible_version fields). */
export function bracketLists(value: string | undefined): string[][] {
  if (!value) return [];
  return [...value.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1].split(',').map((s) => s.trim()).filter(Boolean));
}

/** Compares dotted versions numerically by their leading numeric parts (`7.7.0.1.231` vs `7.7.99`). */
export function compareDotted(a: string, b: string, parts = 3): number {
  const na = a.split('.').slice(0, parts).map((x) => parseInt(x, 10));
  const nb = b.split('.').slice(0, parts).map((x) => parseInt(x, 10));
  for (let i = 0; i < parts; i++) {
    const d = (Number.isNaN(na[i]) ? 0 : na[i] ?? 0) - (Number.isNaN(nb[i]) ? 0 : nb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
