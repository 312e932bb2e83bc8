"""A sampled mutation run over the lines of ganeq that carry mathematics.

Usage: ``python tools/mutation.py [--mutants N] [--seed S] [--timeout SEC] [--out FILE]``
(``make mutation``). Each mutant changes one arithmetic operator (``+``↔``-``,
``*``↔``/``, ``**``→``*``), one comparison (``<``↔``<=``, ``>``↔``>=``), one
``min``↔``max`` or one float constant (× 1.001) inside a function of
``theory/`` or of the checkers (``verifiers/claims``, ``verifiers/{nash,
proximal,mixed,dirac,dynamics}``); docstrings, messages and f-strings are not
mutated. The mutant is written into a copy of the working tree and the tests
of its topic run there (``pytest -x``); it is *killed* when they fail or time
out. Survivors are listed with their line so each can be explained in
``docs/mutation.md``.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("theory", "verifiers/claims", "verifiers/nash", "verifiers/proximal",
           "verifiers/mixed", "verifiers/dirac", "verifiers/dynamics")
TOPICS = {  # path fragment -> test folders
    "dirac": ("tests/dirac", "tests/dirac_dynamics"), "dynamics": ("tests/dirac_dynamics",),
    "mescheder2018": ("tests/dirac", "tests/dirac_dynamics"),
    "fdiv": ("tests/nash",), "gaussian_games": ("tests/nash",), "nash": ("tests/nash",),
    "uniform_gap": ("tests/nash",), "farnia2020/theorem1": ("tests/nash",),
    "farnia2020/existence": ("tests/nash",), "farnia2020/printed": ("tests/nash",),
    "farnia2020/symbols": ("tests/nash", "tests/proximal"),
    "proximal": ("tests/proximal",), "gaussian_ot": ("tests/proximal",),
    "sobolev": ("tests/proximal",), "farnia2020": ("tests/proximal",),
    "bilinear": ("tests/mixed",), "mixed": ("tests/mixed",), "hsieh2019": ("tests/mixed",),
}
SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
         ast.Pow: ast.Mult, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}


@dataclass(frozen=True)
class Site:
    """One mutation: file, line, the index of the node in ``ast.walk`` order, what changes."""

    path: str
    line: int
    node: int
    change: str


def _math_nodes(tree: ast.Module):
    """``(index, node)`` of mutable nodes inside functions, outside strings and ``raise``."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.JoinedStr, ast.Raise, ast.Assert)):
            skip.update(id(n) for n in ast.walk(node))
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            inside.update(id(n) for n in ast.walk(node))
    for i, node in enumerate(ast.walk(tree)):
        if id(node) in skip or id(node) not in inside:
            continue
        if _change(node):
            yield i, node


def _change(node: ast.AST) -> str:
    if isinstance(node, ast.BinOp) and type(node.op) in SWAPS:
        return f"{type(node.op).__name__}->{SWAPS[type(node.op)].__name__}"
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in SWAPS:
        return f"{type(node.ops[0]).__name__}->{SWAPS[type(node.ops[0])].__name__}"
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("min", "max"):
        return "min<->max"
    if isinstance(node, ast.Constant) and type(node.value) is float and node.value not in (0.0,):
        return "constant*1.001"
    return ""


def sites() -> list[Site]:
    """Every mutation site of the target folders."""
    found = []
    for target in TARGETS:
        for path in sorted((ROOT / target).rglob("*.py")):
            tree = ast.parse(path.read_text())
            rel = path.relative_to(ROOT).as_posix()
            found += [Site(rel, n.lineno, i, _change(n)) for i, n in _math_nodes(tree)]
    return found


def mutate(source: str, site: Site) -> str:
    """The source with ``site`` applied."""
    tree = ast.parse(source)
    node = list(ast.walk(tree))[site.node]
    if isinstance(node, ast.BinOp):
        node.op = SWAPS[type(node.op)]()
    elif isinstance(node, ast.Compare):
        node.ops = [SWAPS[type(node.ops[0])]()]
    elif isinstance(node, ast.Call):
        node.func.id = "max" if node.func.id == "min" else "min"
    else:
        node.value = node.value * 1.001
    return ast.unparse(tree)


def tests_for(path: str) -> tuple[str, ...]:
    """The test folders of the topic ``path`` belongs to (longest matching fragment)."""
    keys = sorted((k for k in TOPICS if k in path), key=len, reverse=True)
    return TOPICS[keys[0]] if keys else ("tests",)


def run_mutant(site: Site, tree: Path, timeout: float) -> str:
    """``killed``, ``survived`` or ``timeout`` (the tests did not finish: neither killed nor
    survived, reported apart)."""
    target = tree / site.path
    original = target.read_text()
    target.write_text(mutate(original, site))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
             "--no-header", *tests_for(site.path)],
            cwd=tree, capture_output=True, timeout=timeout,
            env={**os.environ, "HYPOTHESIS_PROFILE": "ci"})
        return "survived" if proc.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        target.write_text(original)


def copy_tree(dest: Path) -> Path:
    """A copy of the sources and tests (mutants never touch the working tree)."""
    for name in ("theory", "verifiers", "tests", "pyproject.toml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    return dest


def write_results(out: Path, seed: int, results: list[dict]) -> None:
    """The run so far as JSON (rewritten after every mutant, so a stopped run keeps them)."""
    counts = {k: sum(r["outcome"] == k for r in results) for k in ("killed", "survived",
                                                                    "timeout")}
    out.write_text(json.dumps({"seed": seed, **counts, "total": len(results),
                               "mutants": results}, indent=1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mutants", type=int, default=60)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--timeout", type=float, default=600.0)
    p.add_argument("--out", type=Path, default=ROOT / "mutation.json")
    args = p.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    chosen = random.Random(args.seed).sample(sites(), args.mutants)
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="ganeq-mutation-") as tmp:
        tree = copy_tree(Path(tmp))
        for k, site in enumerate(chosen, 1):
            results.append({**site.__dict__, "outcome": run_mutant(site, tree, args.timeout)})
            print(f"[{k}/{len(chosen)}] {results[-1]['outcome']:8s} {site.path}:{site.line} "
                  f"{site.change}", flush=True)
            write_results(args.out, args.seed, results)
    killed = sum(r["outcome"] == "killed" for r in results)
    print(f"killed {killed}/{len(results)} ({100 * killed / max(len(results), 1):.0f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
