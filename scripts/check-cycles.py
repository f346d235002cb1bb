#!/usr/bin/env python3
"""Fails when modules import each other in a circle.

Rust: every file of every crate under `crates/` is a module; an edge A -> B is a path in A
(`use` declarations, and paths written in code such as `crate::x::y()` or `super::z`) that
names module B or an item of it. Declaring a child (`mod x;`) and re-exporting its names
(`pub use`, a module's face) are not edges.
PWA: every `.ts` and `.svelte` file under `frontend/src` is a module; an edge is a relative
`import` or `export … from`.

Prints each circle (its modules, and for each edge the line that makes it) and exits 1 when
there is one. Strongly connected components are found with Tarjan's algorithm.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# --- Rust -------------------------------------------------------------------------------

USE_RE = re.compile(r"^\s*(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", re.M | re.S)
PATH_RE = re.compile(r"(?<![\w:])((?:crate|super|self)(?:::\w+)+)")


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    src = re.sub(r"//[^\n]*", "", src)
    # String literals can hold `crate::` in messages; blank them (escapes kept simple).
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', src)


def expand_use(tree):
    """`a::{b, c::{d, e}}` -> ['a::b', 'a::c::d', 'a::c::e']."""
    tree = re.sub(r"\s+", "", tree)
    out = []

    def walk(prefix, s):
        depth, start, parts = 0, 0, []
        for i, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(s[start:i])
                start = i + 1
        parts.append(s[start:])
        for part in parts:
            if not part:
                continue
            m = re.match(r"^(.*?)::\{(.*)\}$", part, re.S)
            if m:
                walk(prefix + m.group(1) + "::", m.group(2))
            elif part.startswith("{") and part.endswith("}"):
                walk(prefix, part[1:-1])
            else:
                out.append(prefix + re.sub(r"\bas\w+$", "", part.split(" as ")[0]))

    walk("", tree)
    return out


def rust_modules(src_dir):
    """Module path (tuple) -> file, for one crate's `src`."""
    mods = {}
    for dirpath, _, files in os.walk(src_dir):
        for f in files:
            if not f.endswith(".rs"):
                continue
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, src_dir)[:-3].split(os.sep)
            if rel in (["lib"], ["main"]):
                path = ()
            elif rel[-1] == "mod":
                path = tuple(rel[:-1])
            else:
                path = tuple(rel)
            mods[path] = full
    return mods


def rust_graph():
    graph, why = {}, {}
    for base in ("crates", "migrations"):
        base_dir = os.path.join(ROOT, base)
        src_dirs = [os.path.join(base_dir, "src")] if base == "migrations" else [
            os.path.join(base_dir, c, "src") for c in sorted(os.listdir(base_dir))]
        for src_dir in src_dirs:
            if not os.path.isdir(src_dir):
                continue
            mods = rust_modules(src_dir)
            for path, file in mods.items():
                graph.setdefault(file, set())
                text = strip_comments(open(file, encoding="utf-8").read())
                # Inline `mod tests { … }` blocks are their own modules; leave them out.
                text = re.split(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)[0]
                refs = []
                for m in USE_RE.finditer(text):
                    # `pub use` re-exports (a module's face) hand names on; they are not use.
                    if not m.group(1):
                        refs.extend(expand_use(m.group(2)))
                refs.extend(PATH_RE.findall(USE_RE.sub("", text)))
                # `use x::y` where x is a child module declared here also names a module.
                children = {p[-1] for p in mods if len(p) == len(path) + 1 and p[:-1] == path}
                for ref in refs:
                    segs = ref.split("::")
                    if segs[0] in children:
                        segs = ["self"] + segs
                    if segs[0] == "crate":
                        target, rest = (), segs[1:]
                    elif segs[0] in ("self", "super"):
                        target = path
                        rest = segs
                        while rest and rest[0] in ("self", "super"):
                            if rest[0] == "super":
                                target = target[:-1]
                            rest = rest[1:]
                    else:
                        continue
                    # The deepest module the path names.
                    resolved = target
                    for seg in rest:
                        if resolved + (seg,) in mods:
                            resolved = resolved + (seg,)
                        else:
                            break
                    dest = mods.get(resolved)
                    if dest is None or dest == file:
                        continue
                    # A parent naming its own child module only to declare or re-export
                    # it is structure, not use; anything else counts.
                    graph[file].add(dest)
                    why.setdefault((file, dest), ref)
    return graph, why


# --- PWA --------------------------------------------------------------------------------

IMPORT_RE = re.compile(r"""(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)""")


def pwa_graph():
    src = os.path.join(ROOT, "frontend", "src")
    graph, why = {}, {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not (f.endswith(".ts") or f.endswith(".svelte")) or f.endswith(".d.ts"):
                continue
            if ".test." in f:
                continue
            full = os.path.join(dirpath, f)
            graph.setdefault(full, set())
            text = open(full, encoding="utf-8").read()
            for m in IMPORT_RE.finditer(text):
                spec = m.group(1) or m.group(2)
                # Dynamic imports load lazily: a cycle through one is not an import cycle.
                if m.group(2):
                    continue
                base = os.path.normpath(os.path.join(dirpath, spec))
                for cand in (base, base + ".ts", base + ".svelte", os.path.join(base, "index.ts")):
                    if os.path.isfile(cand) and not cand.endswith(".d.ts"):
                        graph[full].add(cand)
                        why.setdefault((full, cand), spec)
                        break
    return graph, why


# --- Circles ----------------------------------------------------------------------------

def circles(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def report(name, graph, why):
    found = circles(graph)
    for comp in found:
        members = set(comp)
        print(f"{name}: modules import each other in a circle:")
        for a in comp:
            for b in sorted(graph[a] & members):
                print(f"  {os.path.relpath(a, ROOT)} -> {os.path.relpath(b, ROOT)}  ({why[(a, b)]})")
    return len(found)


def main():
    n = report("rust", *rust_graph()) + report("pwa", *pwa_graph())
    if n:
        print(f"{n} import circle(s)")
        return 1
    print("no import cycles between modules (Rust crates, PWA)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
