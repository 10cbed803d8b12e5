/**
 * Where the cursor is in a YAML config, read from the text alone (it works while the document is broken, as it
 * is during typing): the path of the enclosing mapping, the key on the line, and whether the cursor is on the
 * key or in the value.
 */
export interface CursorInfo {
  /** Keys of the enclosing mappings, outermost first. */
  path: string[];
  /** Key written on the cursor's line, if any. */
  key?: string;
  onKey: boolean;
  inValue: boolean;
  /** Text typed so far (key fragment, or value fragment). */
  prefix: string;
  /** Indentation of the line (columns). */
  indent: number;
  keyStart: number;
  keyEnd: number;
}

const KEY_LINE = /^(\s*)((?:-\s+)?)(["']?)([^\s:#"'][^:#"']*?)\3\s*:(?:\s+|$)/;
const PARENT_LINE = /^(\s*)(?:-\s+)?(["']?)([^\s:#"'][^:#"']*?)\2\s*:\s*(#.*)?$/;

function indentOf(line: string): number {
  const m = /^(\s*)((?:-\s+)?)/.exec(line);
  return m ? m[1].length + m[2].length : 0;
}

export function cursorAt(text: string, line: number, column: number): CursorInfo {
  const lines = text.split('\n');
  const cur = (lines[line] ?? '').replace(/\r$/, '');
  const before = cur.slice(0, column);
  let info: CursorInfo = { path: [], onKey: false, inValue: false, prefix: '', indent: indentOf(cur), keyStart: 0, keyEnd: 0 };
  const km = KEY_LINE.exec(cur);
  if (km) {
    const keyStart = km[1].length + km[2].length + km[3].length;
    const keyEnd = keyStart + km[4].length;
    const colon = cur.indexOf(':', keyEnd);
    const onKey = column <= keyEnd;
    const valueStart = km[0].length;
    info = {
      path: [], key: km[4], onKey, inValue: !onKey && column > colon, indent: km[1].length + km[2].length, keyStart, keyEnd,
      prefix: onKey ? cur.slice(keyStart, column) : cur.slice(valueStart, Math.max(valueStart, column)).trim(),
    };
  } else {
    const tm = /^(\s*)((?:-\s+)?)([\w.$-]*)$/.exec(before);
    if (tm) {
      const keyStart = tm[1].length + tm[2].length;
      info = { path: [], onKey: true, inValue: false, prefix: tm[3], indent: keyStart, keyStart, keyEnd: column };
    }
  }
  // Walk up to the enclosing mappings.
  let want = info.indent;
  const path: string[] = [];
  for (let i = line - 1; i >= 0 && want > 0; i--) {
    const l = lines[i].replace(/\r$/, '');
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const ind = indentOf(l);
    if (ind >= want) continue;
    const pm = PARENT_LINE.exec(l);
    if (pm) path.unshift(pm[3]);
    else if (!/^\s*-\s*$/.test(l)) break;
    want = ind;
  }
  info.path = path;
  return info;
}
