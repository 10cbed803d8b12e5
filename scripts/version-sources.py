#!/usr/bin/env python3
"""Version catalogue, step 1 and 2 (step 3 is scripts/gen-schemas.mjs).

  extract  --vllm-git DIR --va-git DIR   copy, for each release line in schemas/source/release-lines.json, the
                                         source statements the catalogue is built from into
                                         schemas/source/<line>/*.py.txt (data only: field declarations, their
                                         docstrings, the add_argument calls, the additional_config reads)
  catalog  [--check]                     parse those excerpts (Python's own ast) into schemas/source/<line>/catalog.json:
                                         every `vllm serve` option with its type, enforced choices, default,
                                         aliases and BooleanOptionalAction form, and the additional_config keys

Types follow vLLM's `_compute_kwargs` (vllm/engine/arg_utils.py), as docs/versions.md describes.
Needs only the Python standard library and git.
"""
import ast
import json
import os
import re
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
SRC = os.path.join(ROOT, 'schemas', 'source')


def lines_cfg():
    with open(os.path.join(SRC, 'release-lines.json'), encoding='utf8') as f:
        return json.load(f)


def git_show(git_dir, commit, path):
    r = subprocess.run(['git', '--git-dir', git_dir, 'show', f'{commit}:{path}'], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


def git_ls(git_dir, commit, path):
    r = subprocess.run(['git', '--git-dir', git_dir, 'ls-tree', '-r', '--name-only', commit, path], capture_output=True, text=True)
    return [p for p in r.stdout.split('\n') if p.endswith('.py')]


# ---------------------------------------------------------------------------------------------------- extract
def seg(text, node):
    lines = text.split('\n')
    start = node.lineno
    if getattr(node, 'decorator_list', None):
        start = min([d.lineno for d in node.decorator_list] + [start])
    return start, node.end_lineno, '\n'.join(lines[start - 1:node.end_lineno])


def is_typeish(value):
    return isinstance(value, (ast.Subscript, ast.BinOp, ast.Name, ast.Attribute)) or (
        isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ('TypeVar', 'NewType'))


def class_fields_excerpt(text, cls):
    """The class line, its docstring, and its field declarations with their docstrings; methods dropped."""
    lines = text.split('\n')
    bases = ', '.join(ast.get_source_segment(text, b) or '' for b in cls.bases)
    decos = [f'@{ast.get_source_segment(text, d)}' for d in cls.decorator_list]
    out = [f'# L{cls.lineno}', *decos, f'class {cls.name}({bases}):' if bases else f'class {cls.name}:']
    body = cls.body
    kept = 0
    for i, st in enumerate(body):
        keep = False
        if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name):
            keep = True
        elif isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str):
            keep = i == 0 or isinstance(body[i - 1], ast.AnnAssign)
        elif isinstance(st, ast.Assign) and i == 0:
            keep = False
        if keep:
            out.append(f'    # L{st.lineno}')
            out.append('\n'.join(lines[st.lineno - 1:st.end_lineno]))
            kept += 1
    if not kept:
        out.append('    pass')
    return '\n'.join(out)


def module_excerpt(text, path, want_classes, want_funcs=(), want_methods=()):
    """Type aliases at module level, the wanted classes' fields, and wanted functions/methods whole."""
    tree = ast.parse(text)
    parts = []
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name) and is_typeish(st.value):
            a, b, s = seg(text, st)
            parts.append(f'# L{a}\n{s}')
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None and 'TypeAlias' in (ast.get_source_segment(text, st.annotation) or ''):
            a, b, s = seg(text, st)
            parts.append(f'# L{a}\n{s}')
        elif isinstance(st, ast.ClassDef):
            if st.name in want_classes or want_classes == '*':
                parts.append(class_fields_excerpt(text, st))
            for m in st.body:
                if isinstance(m, ast.FunctionDef) and (st.name, m.name) in want_methods:
                    a, b, s = seg(text, m)
                    parts.append(f'# L{a}-{b} {st.name}.{m.name}\nclass {st.name}__{m.name}:\n{s}')
        elif isinstance(st, ast.FunctionDef) and st.name in want_funcs:
            a, b, s = seg(text, st)
            parts.append(f'# L{a}-{b}\n{s}')
    return parts


def extract_vllm(git_dir, commit, out_dir, header):
    files = {}
    au = git_show(git_dir, commit, 'vllm/engine/arg_utils.py')
    cli = git_show(git_dir, commit, 'vllm/entrypoints/openai/cli_args.py')
    # Which config classes the parser reads: get_kwargs(X) anywhere in arg_utils / cli_args.
    wanted = set(re.findall(r'get_kwargs\((\w+)\)', au + cli)) - {'cls'}
    files['vllm/engine/arg_utils.py'] = module_excerpt(au, 'arg_utils', set(), (), {('EngineArgs', 'add_cli_args'), ('AsyncEngineArgs', 'add_cli_args')})
    cli_classes = {'FrontendArgs', 'BaseFrontendArgs'}
    files['vllm/entrypoints/openai/cli_args.py'] = module_excerpt(cli, 'cli_args', cli_classes, ('make_arg_parser',), {('BaseFrontendArgs', 'add_cli_args'), ('FrontendArgs', 'add_cli_args'), ('BaseFrontendArgs', '_customize_cli_kwargs'), ('FrontendArgs', '_customize_cli_kwargs')})
    found = set(cli_classes)
    config_paths = git_ls(git_dir, commit, 'vllm/config/')
    extra = ['vllm/entrypoints/chat_utils.py', 'vllm/v1/attention/backends/registry.py', 'vllm/attention/backends/registry.py', 'vllm/model_executor/layers/quantization/__init__.py']
    for p in config_paths + extra:
        text = git_show(git_dir, commit, p)
        if text is None:
            continue
        tree = ast.parse(text)
        names = {st.name for st in tree.body if isinstance(st, ast.ClassDef)}
        # Every class of vllm/config (whether a field's type is a config dataclass decides JSON vs str).
        classes = set(names) if p.startswith('vllm/config/') else set()
        # Base classes of wanted ones in the same file (fields are inherited).
        for st in tree.body:
            if isinstance(st, ast.ClassDef) and st.name in classes:
                for b in st.bases:
                    if isinstance(b, ast.Name) and b.id in names:
                        classes.add(b.id)
        found |= classes
        parts = module_excerpt(text, p, classes)
        if parts:
            files[p] = parts
    missing = wanted - found
    write_excerpt(os.path.join(out_dir, 'vllm.py.txt'), header, files)
    return missing


def snake(name):
    s = re.sub(r'([a-z0-9])([A-Z])', r'\1_\2', name)
    return re.sub(r'([A-Z]+)([A-Z][a-z])', r'\1_\2', s).lower()


READS = re.compile(r'''(\.get\(\s*|\[\s*)["']\w+["']|_get_config_value\(|["']\w+["']\s+in\s+\w+''')


def extract_ascend(git_dir, commit, out_dir, header):
    """Each statement of vllm_ascend/ascend_config.py that reads a key (a .get("k"), ["k"], "k" in, a
    _get_config_value(.., "k"), a keyword parameter of a sub-config class's __init__, a _defaults table), verbatim,
    under a `--- L<a>-<b> <Owner> <kind>` line."""
    text = git_show(git_dir, commit, 'vllm_ascend/ascend_config.py')
    lines = text.split('\n')
    tree = ast.parse(text)
    groups = []
    compound = (ast.ClassDef, ast.FunctionDef, ast.If, ast.For, ast.While, ast.With, ast.Try)
    for top in [n for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))]:
        owner = top.name if isinstance(top, ast.ClassDef) else f'{top.name}()'
        for node in ast.walk(top):
            if isinstance(node, ast.FunctionDef) and node.name == '__init__' and isinstance(top, ast.ClassDef):
                if any(x.arg != 'self' and x.annotation is not None for x in node.args.args + node.args.kwonlyargs):
                    groups.append((node.lineno, node.body[0].lineno - 1, owner, 'signature'))
                continue
            if not isinstance(node, ast.stmt) or isinstance(node, compound):
                if isinstance(node, (ast.If, ast.While)):
                    src = '\n'.join(lines[node.test.lineno - 1:node.test.end_lineno])
                    if READS.search(src):
                        groups.append((node.test.lineno, node.test.end_lineno, owner, 'read'))
                continue
            src = '\n'.join(lines[node.lineno - 1:node.end_lineno])
            if READS.search(src) or (isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Dict) and '_defaults' in src):
                groups.append((node.lineno, node.end_lineno, owner, 'read'))
    groups = sorted(set(groups))
    out = [f'# {header} — vllm_ascend/ascend_config.py: the statements that read additional_config keys, verbatim']
    for a, b, owner, kind in groups:
        out.append(f'--- L{a}-{b} {owner} {kind}')
        out.append('\n'.join(lines[a - 1:b]))
    with open(os.path.join(out_dir, 'vllm-ascend.ascend_config.txt'), 'w', encoding='utf8') as f:
        f.write('\n'.join(out) + '\n')


def write_excerpt(path, header, files):
    out = [f'# {header}', '# Excerpt (data, not code to run): statements kept verbatim, each under "# L<line>" of its file.']
    for p, parts in files.items():
        out.append(f'\n#### FILE {p}')
        out.extend(parts)
    with open(path, 'w', encoding='utf8') as f:
        f.write('\n'.join(out) + '\n')


def cmd_extract(args):
    cfg = lines_cfg()
    vg = args[args.index('--vllm-git') + 1]
    ag = args[args.index('--va-git') + 1]
    for ln in cfg['lines']:
        d = os.path.join(SRC, ln['line'])
        os.makedirs(d, exist_ok=True)
        h = f"{cfg['vllmRepo']} commit {ln['vllmCommit']} (read from {cfg['vllmReadFrom']}), for vllm-ascend {ln['line']}"
        missing = extract_vllm(vg, ln['vllmCommit'], d, h)
        if missing:
            print(f"{ln['line']}: config classes not found: {sorted(missing)}", file=sys.stderr)
        extract_ascend(ag, ln['vllmAscendCommit'], d, f"{cfg['vllmAscendRepo']} {ln['vllmAscendRef']} commit {ln['vllmAscendCommit']}")
        print(f"extracted {ln['line']}")


# ---------------------------------------------------------------------------------------------------- catalog
def split_files(text):
    files = {}
    cur = None
    buf = []
    for l in text.split('\n'):
        m = re.match(r'^#### FILE (\S+)$', l)
        if m:
            if cur:
                files[cur] = '\n'.join(buf)
            cur, buf = m.group(1), []
        elif cur:
            buf.append(l)
    if cur:
        files[cur] = '\n'.join(buf)
    return files


def line_of(src_lines, node):
    """The `# L<n>` marker at or above a node: the line number in the original file."""
    for i in range(node.lineno - 1, -1, -1):
        m = re.match(r'^\s*# L(\d+)', src_lines[i])
        if m:
            return int(m.group(1)) + (node.lineno - 1 - i - 1 if i < node.lineno - 1 else 0)
    return None


class TypeInfo:
    def __init__(self):
        self.hints = []  # list of ('name', str) | ('literal', [..]) | ('list', elem) | ('dict',) | ('none',)


def flatten(node, aliases, depth=0):
    """Annotation → set of simple hints, as typing.get_type_hints + vLLM's get_type_hints would give."""
    if depth > 12 or node is None:
        return [('any',)]
    if isinstance(node, ast.Constant) and node.value is None:
        return [('none',)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return flatten(ast.parse(node.value, mode='eval').body, aliases, depth + 1)
        except SyntaxError:
            return [('name', node.value)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return flatten(node.left, aliases, depth + 1) + flatten(node.right, aliases, depth + 1)
    if isinstance(node, ast.Subscript):
        base = node.value.id if isinstance(node.value, ast.Name) else node.value.attr if isinstance(node.value, ast.Attribute) else ''
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base in ('Optional',):
            return flatten(args[0], aliases, depth + 1) + [('none',)]
        if base == 'Union':
            return [h for a in args for h in flatten(a, aliases, depth + 1)]
        if base == 'Annotated':
            return flatten(args[0], aliases, depth + 1)
        if base == 'Literal':
            vals = []
            for a in args:
                if isinstance(a, ast.Constant):
                    vals.append(a.value)
                else:
                    for h in flatten(a, aliases, depth + 1):
                        if h[0] == 'literal':
                            vals.extend(h[1])
            return [('literal', vals)]
        if base in ('list', 'List', 'tuple', 'Tuple', 'set', 'Set', 'Sequence'):
            elem = [h for h in flatten(args[0], aliases, depth + 1) if h[0] != 'none']
            return [('list', elem)]
        if base in ('dict', 'Dict', 'Mapping'):
            return [('dict',)]
        if base in ('type', 'Type', 'Callable'):
            return [('name', 'object')]
        return [('name', base)]
    if isinstance(node, ast.Name) or isinstance(node, ast.Attribute):
        name = node.id if isinstance(node, ast.Name) else node.attr
        if name in aliases:
            return flatten(aliases[name], aliases, depth + 1)
        if name in ('dict', 'Dict'):
            return [('dict',)]
        if name in ('list', 'List'):
            return [('list', [('name', 'str')])]
        return [('name', name)]
    return [('any',)]


def literal_value(node):
    try:
        return ast.literal_eval(node), True
    except Exception:
        return None, False


def field_default(st, text):
    v = st.value
    if v is None:
        return {'required': True}
    if isinstance(v, ast.Call) and (getattr(v.func, 'id', None) == 'field' or getattr(v.func, 'attr', None) in ('field', 'Field') or getattr(v.func, 'id', None) == 'Field'):
        for kw in v.keywords:
            if kw.arg == 'default':
                val, ok = literal_value(kw.value)
                return {'value': val} if ok else {'note': ast.get_source_segment(text, kw.value)}
            if kw.arg == 'default_factory':
                src = ast.get_source_segment(text, kw.value)
                if src in ('list', 'dict', 'set', 'tuple'):
                    return {'value': [] if src != 'dict' else {}}
                if src and src.startswith('lambda:'):
                    val, ok = literal_value(kw.value.body)
                    if ok:
                        return {'value': list(val) if isinstance(val, (set, tuple)) else val}
                return {'note': f'{src}()'}
        if v.args:
            val, ok = literal_value(v.args[0])
            return {'value': val} if ok else {'note': ast.get_source_segment(text, v.args[0])}
        return {'note': 'field()'}
    val, ok = literal_value(v)
    if ok:
        return {'value': list(val) if isinstance(val, (set, tuple)) else val}
    return {'note': ast.get_source_segment(text, v)}


def classify(hints, config_classes, name, explicit):
    """vLLM `_compute_kwargs` on a set of hints → (type, choices, hasNoForm, nullable)."""
    names = {h[1] for h in hints if h[0] == 'name'}
    kinds = {h[0] for h in hints}
    nullable = 'none' in kinds
    choices = None
    no_form = False
    if names & config_classes:
        t = 'json'
    elif names == {'bool', 'str'} or (names >= {'bool', 'str'} and kinds <= {'name', 'none'}):
        t = 'bool|str'
    elif 'bool' in names:
        t = 'bool'
        no_form = True
    elif 'literal' in kinds:
        lits = [v for h in hints if h[0] == 'literal' for v in h[1]]
        if all(isinstance(v, bool) for v in lits):
            t = 'bool'
        elif all(isinstance(v, int) for v in lits):
            t = 'int'
        else:
            t = 'str'
        if 'str' not in names:
            choices = sorted(set(str(v) for v in lits), key=lambda c: (not c.lstrip('-').isdigit(), int(c) if c.lstrip('-').isdigit() else 0, c))
    elif 'list' in kinds:
        elem = [h for h in hints if h[0] == 'list'][0][1]
        en = {h[1] for h in elem if h[0] == 'name'}
        ek = {h[0] for h in elem}
        if 'literal' in ek and 'str' not in en:
            choices = sorted(set(str(v) for h in elem if h[0] == 'literal' for v in h[1]))
        t = 'list[int]' if en == {'int'} else 'list[str]'
    elif 'int' in names:
        t = 'int'
    elif 'float' in names:
        t = 'float'
    elif 'dict' in kinds:
        t = 'json|str' if ('str' in names or any(n not in ('str', 'int', 'float', 'bool') for n in names)) else 'json'
    else:
        t = 'str'
    if nullable and choices and t != 'bool':
        choices = choices + ['None']
    # Explicit add_argument keywords win.
    if explicit.get('action') == 'store_true':
        t, no_form, choices = 'bool', False, None
    elif explicit.get('action') == 'BooleanOptionalAction':
        t, no_form = 'bool', True
    elif explicit.get('action') == 'append':
        t, choices = 'list[str]', None
    if 'type' in explicit and t != 'bool':
        et = explicit['type']
        if et == 'json':
            t = 'json'
        if et in ('int',):
            t = 'int'
        elif et in ('float',):
            t = 'float'
        elif et == 'str':
            t = 'str'
        elif et == 'lambda' and explicit.get('nargs') is None:
            t = 'str'
    if 'choices' in explicit:
        choices = explicit['choices']
    if explicit.get('nargs') in ('+', '*') and not t.startswith('list'):
        t = 'list[int]' if t == 'int' else 'list[str]'
    return t, choices, no_form, nullable


def parse_vllm(text):
    files = split_files(text)
    aliases = {}
    classes = {}  # name -> (file, ClassDef, src_lines)
    methods = []  # (file, FunctionDef, src_lines, text)
    funcs = []
    for p, body in files.items():
        tree = ast.parse(body)
        src_lines = body.split('\n')
        for st in tree.body:
            if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name):
                aliases[st.targets[0].id] = st.value
            elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
                aliases[st.target.id] = st.value
            elif isinstance(st, ast.ClassDef) and '__' in st.name:
                for m in st.body:
                    if isinstance(m, ast.FunctionDef):
                        methods.append((p, m, src_lines, body, st.name.split('__')[0]))
            elif isinstance(st, ast.ClassDef):
                classes[st.name] = (p, st, src_lines, body)
            elif isinstance(st, ast.FunctionDef):
                funcs.append((p, st, src_lines, body, None))
    def is_dataclass(c):
        p, cls, sl, body = classes[c]
        decos = ' '.join(ast.get_source_segment(body, d) or '' for d in cls.decorator_list)
        bases = ' '.join(ast.get_source_segment(body, b) or '' for b in cls.bases)
        return bool(re.search(r'dataclass|\bconfig\b', decos)) or 'BaseModel' in bases
    config_classes = {c for c in classes if is_dataclass(c)}

    def fields_of(cname, seen=()):
        if cname not in classes or cname in seen:
            return {}
        p, cls, sl, body = classes[cname]
        out = {}
        for b in cls.bases:
            if isinstance(b, ast.Name):
                out.update(fields_of(b.id, seen + (cname,)))
        for i, st in enumerate(cls.body):
            if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name):
                if 'ClassVar' in (ast.get_source_segment(body, st.annotation) or '') or 'InitVar' in (ast.get_source_segment(body, st.annotation) or ''):
                    continue
                if st.target.id.startswith('_'):
                    continue
                doc = ''
                if i + 1 < len(cls.body) and isinstance(cls.body[i + 1], ast.Expr) and isinstance(getattr(cls.body[i + 1], 'value', None), ast.Constant):
                    doc = str(cls.body[i + 1].value.value)
                out[st.target.id] = {
                    'hints': flatten(st.annotation, aliases),
                    'annotation': ast.get_source_segment(body, st.annotation),
                    'default': field_default(st, body),
                    'doc': doc,
                    'source': f'{p}:{line_of(sl, st)}',
                    'class': cname,
                }
        return out

    args = {}

    def add(flag, aliases_, fld, explicit, group, source):
        name = flag[2:]
        hints = fld['hints'] if fld else [('name', 'str')]
        t, choices, no_form, nullable = classify(hints, config_classes, name, explicit)
        if fld is None and explicit.get('action') is None and explicit.get('type') is None and 'choices' not in explicit:
            t = 'str'
        default = fld['default'] if fld else ({'value': explicit['default']} if 'default' in explicit else {'value': None})
        if 'default' in explicit and fld is not None:
            default = {'value': explicit['default']}
        entry = {
            'flag': flag, 'aliases': aliases_, 'type': t, 'choices': choices, 'hasNoForm': no_form,
            'nullable': nullable or default.get('value', 0) is None,
            'default': default, 'group': group, 'doc': (fld or {}).get('doc', '') or explicit.get('help', ''),
            'annotation': (fld or {}).get('annotation'), 'source': source + (f"; {fld['source']}" if fld else ''),
        }
        args[name] = entry

    # FrontendArgs._customize_cli_kwargs: frontend_kwargs["f"]["type"|"action"|"flags"] = ..., del ...["nargs"]
    custom = {}
    for (p, fn, sl, body, owner) in methods:
        for node in ast.walk(fn):
            tgts = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else []
            for tg in tgts:
                if isinstance(tg, ast.Subscript) and isinstance(tg.value, ast.Subscript):
                    f, ok1 = literal_value(tg.value.slice)
                    k, ok2 = literal_value(tg.slice)
                    if not (ok1 and ok2):
                        continue
                    c = custom.setdefault(f, {})
                    if isinstance(node, ast.Delete):
                        c['del_' + k] = True
                    elif k == 'type':
                        c['type'] = ast.get_source_segment(body, node.value)
                    elif k == 'action':
                        v, ok = literal_value(node.value)
                        c['action'] = v if ok else 'custom'
                    elif k == 'flags':
                        v, ok = literal_value(node.value)
                        if ok:
                            c['flags'] = list(v)
                    elif k == 'default':
                        v, ok = literal_value(node.value)
                        if ok:
                            c['default'] = v

    def customized(key, f):
        c = custom.get(key, {})
        ex = {}
        if c.get('action') == 'append':
            ex['action'] = 'append'
        if c.get('type') == 'json.loads':
            ex['type'] = 'json'
        if 'default' in c:
            ex['default'] = c['default']
        return ex, c.get('flags', [])

    for (p, fn, sl, body, owner) in methods + funcs:
        kw_vars = {}
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and getattr(node.value.func, 'id', None) == 'get_kwargs' and node.value.args:
                a0 = node.value.args[0]
                cname = a0.id if isinstance(a0, ast.Name) else (owner if isinstance(a0, ast.Name) and a0.id == 'cls' else None)
                if isinstance(a0, ast.Name) and a0.id == 'cls':
                    cname = 'FrontendArgs' if 'FrontendArgs' in classes else owner
                for tg in node.targets:
                    if isinstance(tg, ast.Name):
                        kw_vars[tg.id] = cname
        field_vars = {}
        for node in ast.walk(fn):
            # linear_backend_kwargs = kernel_kwargs["linear_backend"]
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript) and isinstance(node.value.value, ast.Name) and node.value.value.id in kw_vars:
                key, ok = literal_value(node.value.slice)
                for tg in node.targets:
                    if ok and isinstance(tg, ast.Name):
                        field_vars[tg.id] = (kw_vars[node.value.value.id], key)
        loops = {}
        for node in ast.walk(fn):
            if isinstance(node, ast.For) and isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Attribute) and node.iter.func.attr == 'items' and isinstance(node.iter.func.value, ast.Name):
                for sub in ast.walk(node):
                    loops[id(sub)] = node.iter.func.value.id
        for node in ast.walk(fn):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'add_argument'):
                continue
            strs = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            explicit = {}
            fld = None
            group = owner or fn.name
            kws = list(node.keywords)
            for kw in list(kws):
                # **{**scheduler_kwargs["max_num_seqs"], "default": None}
                if kw.arg is None and isinstance(kw.value, ast.Dict):
                    kws.remove(kw)
                    for k, v in zip(kw.value.keys, kw.value.values):
                        kws.append(ast.keyword(arg=None if k is None else k.value, value=v))
            for kw in kws:
                if kw.arg is None and isinstance(kw.value, ast.Name) and kw.value.id in field_vars:
                    cname, key = field_vars[kw.value.id]
                    fld = fields_of(cname).get(key)
                    group = cname
                elif kw.arg is None and isinstance(kw.value, ast.Subscript) and isinstance(kw.value.value, ast.Name):
                    var = kw.value.value.id
                    key, ok = literal_value(kw.value.slice)
                    cname = kw_vars.get(var)
                    if ok and cname:
                        fld = fields_of(cname).get(key)
                        group = cname
                elif kw.arg == 'action':
                    explicit['action'] = kw.value.value if isinstance(kw.value, ast.Constant) else getattr(kw.value, 'attr', getattr(kw.value, 'id', 'custom'))
                elif kw.arg == 'type':
                    explicit['type'] = 'lambda' if isinstance(kw.value, ast.Lambda) else getattr(kw.value, 'id', getattr(kw.value, 'attr', 'custom'))
                elif kw.arg == 'choices':
                    val, ok = literal_value(kw.value)
                    if ok:
                        explicit['choices'] = [str(v) for v in val]
                elif kw.arg == 'default':
                    val, ok = literal_value(kw.value)
                    explicit['default'] = val if ok else None
                elif kw.arg == 'nargs':
                    val, ok = literal_value(kw.value)
                    explicit['nargs'] = val if ok else None
                elif kw.arg == 'help':
                    val, ok = literal_value(kw.value)
                    if ok and isinstance(val, str):
                        explicit['help'] = val
            src = f'{p}:{line_of(sl, node)}'
            if not strs and any(isinstance(x, ast.JoinedStr) for x in node.args) and id(node) in loops:
                cname = kw_vars.get(loops[id(node)])
                for key, f in fields_of(cname).items():
                    ex, flags = customized(key, f)
                    add('--' + key.replace('_', '-'), flags, f, ex, cname, src)
                continue
            if not strs:
                continue
            longs = [s for s in strs if s.startswith('--')]
            if not longs:
                if not strs[0].startswith('-'):
                    continue  # positional (model_tag): in a file the key is `model`
                continue
            add(longs[0], [s for s in strs if s != longs[0]], fld, explicit, group, src)
    return args


def parse_ascend(text):
    """additional_config keys: top-level reads of additional_config, and sub-keys read inside the sub-config classes
    (class FooBarConfig reads the sub-keys of additional_config["foo_bar_config"])."""
    keys = {}
    parsed = []
    for g in re.split(r'^--- ', text, flags=re.M)[1:]:
        head, _, body = g.partition('\n')
        m = re.match(r'L(\d+)-(\d+) (\S+) (\w+)', head)
        parsed.append((int(m.group(1)), m.group(3), m.group(4), re.sub(r'\s+', ' ', body)))
    sub_vars = {}
    for n, owner, kind, flat in parsed:
        for mm in re.finditer(r'''(\w+)\s*=\s*additional_config\.get\(\s*["'](\w+)["']''', flat):
            sub_vars[mm.group(1)] = mm.group(2)
    for n, owner, kind, flat in parsed:
        src = f'vllm_ascend/ascend_config.py:{n}'
        if owner == 'AscendConfig' or owner.endswith('()'):
            for mm in re.finditer(r'''additional_config(?:\.get\(\s*|\[\s*)["'](\w+)["']|_get_config_value\(\s*additional_config\s*,\s*["'](\w+)["']|["'](\w+)["']\s+in\s+additional_config''', flat):
                keys.setdefault(mm.group(1) or mm.group(2) or mm.group(3), src)
            for mm in re.finditer(r'''self\.(\w+)\[\s*["'](\w+)["']\s*\]''', flat):
                if mm.group(1) in keys:
                    keys.setdefault(f'{mm.group(1)}.{mm.group(2)}', src)
            for mm in re.finditer(r'''\b(\w+)\.get\(\s*["'](\w+)["']''', flat):
                if mm.group(1) in sub_vars:
                    keys.setdefault(f'{sub_vars[mm.group(1)]}.{mm.group(2)}', src)
            continue
        parent = snake(owner)
        if kind == 'signature':
            for mm in re.finditer(r'(\w+)\s*:\s*([^=,()]+)=', flat):
                if 'dict' not in mm.group(2):
                    keys.setdefault(f'{parent}.{mm.group(1)}', src)
        elif re.search(r'_defaults\s*(:[^=]+)?=', flat):
            for mm in re.finditer(r'''["'](\w+)["']\s*:''', flat):
                keys.setdefault(f'{parent}.{mm.group(1)}', src)
        else:
            for mm in re.finditer(r'''\b(\w+)\.get\(\s*["'](\w+)["']''', flat):
                if mm.group(1) != 'additional_config':
                    keys.setdefault(f'{parent}.{mm.group(2)}', src)
    return keys


def cmd_catalog(args):
    cfg = lines_cfg()
    stale = 0
    for ln in cfg['lines']:
        d = os.path.join(SRC, ln['line'])
        with open(os.path.join(d, 'vllm.py.txt'), encoding='utf8') as f:
            vtext = f.read()
        with open(os.path.join(d, 'vllm-ascend.ascend_config.txt'), encoding='utf8') as f:
            atext = f.read()
        cat = {
            'line': ln['line'],
            'vllm': {'repo': cfg['vllmRepo'], 'tag': ln['vllmTag'], 'commit': ln['vllmCommit'], 'why': ln['vllmCommitWhy'], 'readFrom': cfg['vllmReadFrom']},
            'vllmAscend': {'repo': cfg['vllmAscendRepo'], 'ref': ln['vllmAscendRef'], 'commit': ln['vllmAscendCommit']},
            'args': dict(sorted(parse_vllm(vtext).items())),
            'additionalConfig': dict(sorted(parse_ascend(atext).items())),
        }
        text = json.dumps(cat, indent=1, ensure_ascii=False, default=str) + '\n'
        path = os.path.join(d, 'catalog.json')
        if '--check' in args:
            old = open(path, encoding='utf8').read() if os.path.exists(path) else ''
            if old != text:
                print(f'stale: {path}', file=sys.stderr)
                stale += 1
        else:
            with open(path, 'w', encoding='utf8') as f:
                f.write(text)
            print(f"{ln['line']}: {len(cat['args'])} options, {len(cat['additionalConfig'])} additional_config keys")
    sys.exit(1 if stale else 0)


if __name__ == '__main__':
    a = sys.argv[1:]
    if a and a[0] == 'extract':
        cmd_extract(a[1:])
    elif a and a[0] == 'catalog':
        cmd_catalog(a[1:])
    else:
        print(__doc__)
        sys.exit(2)
