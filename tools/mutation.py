"""A sampled mutation run over the lines of ganeq that carry mathematics.

Usage (``make mutation``)::

    python tools/mutation.py map                      # snapshot the tree, map lines to tests
    python tools/mutation.py run [--mutants N] [--seed S] [--out FILE]
    python tools/mutation.py run --files PATH ... [--out FILE]  # every site of those files
    python tools/mutation.py refresh FILE [--every]  # survivors again, on a fuller map
    python tools/mutation.py recheck FILE [--tests PATH ...]   # survivors vs. new tests

Every subcommand takes ``--work DIR`` (default ``build/mutation``): the snapshot and its map,
so a new map need not delete the one an earlier run's ``recheck`` still needs.

Each mutant changes one arithmetic operator (``+``↔``-``, ``*``↔``/``, ``**``→``*``), one
comparison (``<``↔``<=``, ``>``↔``>=``), one ``min``↔``max`` or one float constant (× 1.001)
inside a function of ``theory/`` or of the checkers (``verifiers/claims``, ``verifiers/{nash,
proximal,mixed,dirac,dynamics}``); docstrings, messages, f-strings, ``raise``, ``assert`` and
decorator arguments (a claim's declaration: parameter boxes, evaluated at import, so never
mapped to a test) are not mutated. The change is made in the text itself (one token), so
line numbers and every other byte of the file stay as they were.

``map`` copies the sources and tests into ``build/mutation/tree`` and runs the default test
suite there once, folder by folder, under coverage.py with one context per test
(``tools/mutation_plugin.py``): for every line of the target folders, the tests that execute
it. Tests that fail, skip or xfail on the unmutated tree are left out of the map.

``run`` samples mutants uniformly from the sites of that snapshot and runs, in a copy of it,
for each only the tests that execute its line(s), fastest first, with ``pytest -x``
(``map --resume`` may still be adding folders: the map is read again before each mutant, and
``refresh`` re-runs the mutants not killed on a map that lacked some folders); ``run --files``
takes every site of the files named instead (a search for gaps there, not a sample). A
mutant is

- ``killed``: a selected test fails;
- ``survived``: they all pass, or *no test executes the line* (``no-test``: a real gap);
- ``timeout``: they do not finish within ``60 s + 5 ×`` their time in the map run (which ran
  under coverage, itself slower than a plain run), nor in a second run with
  :data:`LONG_BUDGET` seconds more (stage ``…-long``: a test that fails within it is a kill). A
  timeout is **not** counted as a kill.

A mutant that survives its selected tests is run once more against every passing test of the
*files* those tests are in (``--no-confirm`` skips this): a line reached only through a value
cached by an earlier test (``jax.jit`` traces, ``functools.cache``) is executed, and so mapped,
only in the first test that needs it. A kill there is reported as ``killed`` with
``stage: files``. The map clears JAX's caches before each test (``tools/mutation_plugin.py``),
so a jitted function's lines are mapped to every test that calls it. A default argument is
evaluated at import, under no test: its mutant runs the tests of its function's body
(:func:`use_lines`). The score is ``killed / mutants``.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import hashlib
import importlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"
TARGETS = ("theory", "verifiers/claims", "verifiers/nash", "verifiers/proximal",
           "verifiers/mixed", "verifiers/dirac", "verifiers/dynamics")
SOURCES = ("theory", "verifiers")
SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
         ast.Pow: ast.Mult, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
TOKENS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
          ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
PYTEST = ("-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--no-header")


@dataclass(frozen=True)
class Site:
    """One mutation: file, first and last line, the node's index in ``ast.walk`` order, change."""

    path: str
    line: int
    end_line: int
    node: int
    change: str


# --- sites and mutants -------------------------------------------------------------------

def _math_nodes(tree: ast.Module):
    """``(index, node)`` of mutable nodes inside functions, outside strings and ``raise``."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.JoinedStr, ast.Raise, ast.Assert)):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.FunctionDef):  # a claim's declaration, run at import
            skip.update(id(n) for d in node.decorator_list for n in ast.walk(d))
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


def sites(tree: Path = ROOT) -> list[Site]:
    """Every mutation site of the target folders under ``tree``."""
    found = []
    for target in TARGETS:
        for path in sorted((tree / target).rglob("*.py")):
            parsed = ast.parse(path.read_text())
            rel = path.relative_to(tree).as_posix()
            found += [Site(rel, n.lineno, n.end_lineno, i, _change(n))
                      for i, n in _math_nodes(parsed)]
    return found


def _offset(lines: list[bytes], line: int, col: int) -> int:
    """Byte offset of (1-based ``line``, UTF-8 byte ``col``) in the joined ``lines``."""
    return sum(len(x) for x in lines[:line - 1]) + col


def _span(lines: list[bytes], node: ast.AST) -> tuple[int, int]:
    return (_offset(lines, node.lineno, node.col_offset),
            _offset(lines, node.end_lineno, node.end_col_offset))


def _operator_at(text: bytes, start: int, end: int, token: str) -> tuple[int, int]:
    """The span of the operator ``token`` between two operands (parentheses, blanks, line
    continuations and comments may surround it)."""
    gap = text[start:end].decode()
    blanked = re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), gap)
    if blanked.strip(" \t\r\n\\()") != token:
        raise ValueError(f"operator {token!r} not found alone in {gap!r}")
    at = start + len(blanked[:blanked.index(token)].encode())
    return at, at + len(token.encode())


def _old_token(site: Site) -> str:
    """The operator text a ``+``/``*``/``<``… site replaces (``"Add->Sub"`` -> ``"+"``)."""
    return TOKENS[getattr(ast, site.change.split("->")[0])]


def mutate(source: str, site: Site) -> str:
    """The source with ``site`` applied, changing one token of the text."""
    tree = ast.parse(source)
    node = list(ast.walk(tree))[site.node]
    if _change(node) != site.change or node.lineno != site.line:
        raise ValueError(f"{site.path}: node {site.node} is no longer {site.change} "
                         f"at line {site.line}")
    lines = source.encode().splitlines(keepends=True)
    text = b"".join(lines)
    if isinstance(node, ast.BinOp):
        node.op = SWAPS[type(node.op)]()
        at = _operator_at(text, _span(lines, node.left)[1], _span(lines, node.right)[0],
                          _old_token(site))
        new = TOKENS[type(node.op)]
    elif isinstance(node, ast.Compare):
        node.ops = [SWAPS[type(node.ops[0])]()]
        at = _operator_at(text, _span(lines, node.left)[1],
                          _span(lines, node.comparators[0])[0], _old_token(site))
        new = TOKENS[type(node.ops[0])]
    elif isinstance(node, ast.Call):
        node.func.id = new = "max" if node.func.id == "min" else "min"
        at = _span(lines, node.func)
    else:
        node.value = node.value * 1.001
        at, new = _span(lines, node), repr(node.value)
    out = (text[:at[0]] + new.encode() + text[at[1]:]).decode()
    if ast.dump(ast.parse(out)) != ast.dump(tree) and isinstance(node, ast.BinOp):
        # ``a / b ** 2`` -> ``a / (b * 2)``: the new operator binds less tightly
        start, end = _span(lines, node)
        out = (text[:start] + b"(" + text[start:at[0]] + new.encode() + text[at[1]:end] + b")"
               + text[end:]).decode()
    if ast.dump(ast.parse(out)) != ast.dump(tree):
        raise ValueError(f"{site.path}:{site.line}: the text edit does not give the mutant")
    return out


# --- the snapshot and its line -> tests map ------------------------------------------------

def copy_tree(dest: Path) -> Path:
    """A copy of the working tree's files that git tracks or would track (the tests read
    docs/, README.md, …); mutants never touch the working tree."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest


def _env(**extra: str) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT / "tools"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "HYPOTHESIS_PROFILE": "ci", "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": path, **extra}


def _digest(tree: Path, rel: str) -> str:
    return hashlib.sha256((tree / rel).read_bytes()).hexdigest()[:16]


def map_folder(tree: Path, folder: str, data: Path) -> None:
    """Run one test folder under coverage.py (one context per test) into ``data``."""
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, *PYTEST, "-p", "mutation_plugin", folder], cwd=tree,
                          capture_output=True, text=True,
                          env=_env(GANEQ_MUTATION_COVERAGE=str(data), GANEQ_MUTATION_SOURCE=(
                              os.pathsep.join(str(tree / s) for s in SOURCES))))
    if not (tests := Path(f"{data}.tests.json")).exists():  # e.g. coverage not installed
        raise SystemExit(f"map {folder}: pytest wrote no map:\n{done.stdout[-2000:]}")
    ran = json.loads(tests.read_text())
    print(f"map {folder}: {sum(t['passed'] for t in ran.values())}/{len(ran)} tests pass, "
          f"{time.monotonic() - t0:.0f} s", flush=True)


def build_map(work: Path = WORK, folders: list[str] | None = None,
              resume: bool = False) -> dict:
    """Snapshot the working tree into ``work/tree`` and map each target line to the passing
    tests that execute it (one pytest process per test folder). With ``resume`` the snapshot
    and the folders already mapped are kept, and a folder another ``map --resume`` process
    has claimed is left to it."""
    if not resume:
        if work.exists():
            shutil.rmtree(work)
        copy_tree(work / "tree")
    tree = work / "tree"
    (work / "coverage").mkdir(parents=True, exist_ok=True)
    folders = folders or sorted(p.relative_to(tree).as_posix()
                                for p in (tree / "tests").iterdir()
                                if p.is_dir() and any(p.glob("test_*.py")))
    for folder in folders:
        data = work / "coverage" / folder.replace("/", "_")
        try:
            os.close(os.open(f"{data}.claimed", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            continue
        map_folder(tree, folder, data)
    return assemble(work)


def assemble(work: Path = WORK) -> dict:
    """``work/map.json`` from every folder mapped so far."""
    import coverage  # only the map needs it (``make mutation`` installs it)

    tree = work / "tree"
    tests: dict[str, dict] = {}
    lines: dict[str, dict[int, set[str]]] = {}
    for done in sorted((work / "coverage").glob("*.tests.json")):
        ran = json.loads(done.read_text())
        tests.update(ran)
        cov = coverage.CoverageData(basename=str(done).removesuffix(".tests.json"))
        cov.read()
        for measured in cov.measured_files():
            rel = Path(measured).relative_to(tree).as_posix()
            if not rel.startswith(TARGETS):
                continue
            for line, contexts in cov.contexts_by_lineno(measured).items():
                passing = {c for c in contexts if ran.get(c, {}).get("passed")}
                lines.setdefault(rel, {}).setdefault(line, set()).update(passing)
    order = sorted(tests)
    index = {t: i for i, t in enumerate(order)}
    result = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": _git_head(),
        "folders": sorted(p.name.removesuffix(".tests.json")
                          for p in (work / "coverage").glob("*.tests.json")),
        "tests": [{"id": t, **tests[t]} for t in order],
        "files": {rel: {"sha": _digest(tree, rel),
                        "lines": {str(n): sorted(index[t] for t in ts)
                                  for n, ts in sorted(by_line.items())}}
                  for rel, by_line in sorted(lines.items())},
    }
    (work / "map.json").write_text(json.dumps(result))
    return result


def _git_head() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True)
    return proc.stdout.strip()


def _function_defaulting(site: Site, parsed: ast.Module):
    """The function one of whose default arguments holds ``site``, or None."""
    node = list(ast.walk(parsed))[site.node]
    for fn in ast.walk(parsed):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            defaults = [*fn.args.defaults, *filter(None, fn.args.kw_defaults)]
            if any(n is node for d in defaults for n in ast.walk(d)):
                return fn
    return None


def use_lines(site: Site, source: str) -> range:
    """The lines whose tests can see ``site`` in ``source``: its own lines, or, for a default
    argument (evaluated once, when the module is imported, so never under a test's context),
    the body of its function, where the default is used."""
    return _lines(site, _function_defaulting(site, ast.parse(source)))


def _lines(site: Site, defaulting) -> range:
    if defaulting is None:
        return range(site.line, site.end_line + 1)
    first = defaulting.body[0] if isinstance(defaulting.body, list) else defaulting.body
    return range(first.lineno, defaulting.end_lineno + 1)


def covering(site: Site, table: dict, source: str) -> list[dict]:
    """The passing tests that execute a line of ``site`` (:func:`use_lines` of ``source``,
    the unmutated file), fastest first; for a default argument, the registry tests too
    (:func:`fallback`): a claim's parameters take the default when the module is imported,
    under no test's context (seed 120, #10: ``sigma_param``'s default σ = 2, which the
    registry's pins see, ran only the six tests of the function's body)."""
    defaulting = _function_defaulting(site, ast.parse(source))
    entry = table["files"].get(site.path, {"lines": {}})
    picked: set[int] = set()
    for line in _lines(site, defaulting):
        picked.update(entry["lines"].get(str(line), ()))
    chosen = [table["tests"][i] for i in picked]
    if defaulting is not None:
        chosen += [t for t in fallback(table) if t not in chosen]
    return sorted(chosen, key=lambda t: (t["seconds"], t["id"]))


REGISTRY_TESTS = "tests/core/test_registry.py"
"""Run for a site that no test executes: code run at import (a claim's parameters, a symbol
table, the default instance a claim is declared with) is never under a test's context, but
every claim is imported, checked on its defaults and compared with its pins there."""


def fallback(table: dict) -> list[dict]:
    """The passing tests of :data:`REGISTRY_TESTS`, fastest first."""
    return same_files([{"id": REGISTRY_TESTS}], table)


def same_files(chosen: list[dict], table: dict) -> list[dict]:
    """Every passing test of the files the ``chosen`` tests are in, fastest first."""
    files = {t["id"].split("::")[0] for t in chosen}
    return sorted((t for t in table["tests"] if t["passed"] and t["id"].split("::")[0] in files),
                  key=lambda t: (t["seconds"], t["id"]))


# --- running mutants ---------------------------------------------------------------------

# third-party modules imported once by the parent and inherited by every forked test run
# (never ``theory``/``verifiers``, which the mutants change)
PRELOAD = ("numpy", "scipy.linalg", "scipy.optimize", "scipy.integrate", "scipy.stats",
           "sympy", "mpmath", "jax", "jax.numpy", "hypothesis", "pytest")
OUTCOMES = {0: "survived", 1: "killed", 2: "killed"}  # 2: -x stopped at an error (a kill too)


def preload() -> None:
    for name in PRELOAD:
        importlib.import_module(name)


def _pytest_child(tree: Path, args: list[str]) -> None:
    """In a forked child: run pytest in ``tree`` as ``python -m pytest`` would, then exit."""
    os.setsid()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.chdir(tree)
    os.environ.update(_env())
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(tree))
    import pytest

    os._exit(int(pytest.main(args)))


def run_tests(tree: Path, tests: list[str], timeout: float) -> str:
    """``killed`` (a test failed), ``survived``, ``timeout`` or ``error`` (pytest could not
    run them: usage error, nothing collected). The tests run in a child forked from this
    process, which has the heavy third-party modules imported already (:func:`preload`)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(tests) + "\n")
    try:
        pid = os.fork()
        if pid == 0:
            try:
                _pytest_child(tree, [*PYTEST[2:], "-x", f"@{f.name}"])
            finally:
                os._exit(3)
        deadline = time.monotonic() + timeout
        while not (done := os.waitpid(pid, os.WNOHANG))[0]:
            if time.monotonic() > deadline:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return "timeout"
            time.sleep(0.2)
        return OUTCOMES.get(os.waitstatus_to_exitcode(done[1]), "error")
    finally:
        os.unlink(f.name)


def _budget(tests: list[dict]) -> float:
    return 60.0 + 5.0 * sum(t["seconds"] for t in tests)


LONG_BUDGET = 600.0
"""Seconds a mutant that timed out gets, beyond its first budget, for a second run of the same
tests: a slowed-down test that fails later is a kill, one still running is a ``timeout``."""


def run_mutant(site: Site, tree: Path, table: dict, confirm: bool = True) -> dict:
    """Apply ``site`` in ``tree``, run the tests that execute it (the registry tests,
    :func:`fallback`, when none does), restore the file."""
    target = tree / site.path
    original = target.read_text()
    chosen = covering(site, table, original)
    t0 = time.monotonic()
    target.write_text(mutate(original, site))
    try:
        stage = "selected" if chosen else "registry"
        chosen = chosen or fallback(table)
        if not chosen:
            return {"outcome": "survived", "stage": "no-test", "tests": 0, "seconds": 0.0}
        outcome = run_tests(tree, [t["id"] for t in chosen], _budget(chosen))
        count = len(chosen)
        if outcome == "timeout":  # undecided, not detected: once more with a long budget
            outcome = run_tests(tree, [t["id"] for t in chosen], _budget(chosen) + LONG_BUDGET)
            stage = f"{stage}-long"
        wider = same_files(chosen, table)
        if outcome == "survived" and confirm and len(wider) > len(chosen):
            outcome = run_tests(tree, [t["id"] for t in wider], _budget(wider))
            stage, count = "files", len(wider)
        return {"outcome": outcome, "stage": stage, "tests": count,
                "seconds": round(time.monotonic() - t0, 1)}
    finally:
        target.write_text(original)


def score(results: list[dict]) -> dict:
    counts = {k: sum(r["outcome"] == k for r in results)
              for k in ("killed", "survived", "timeout", "error")}
    return {**counts, "total": len(results),
            "score": round(counts["killed"] / max(len(results), 1), 4)}


def write_results(out: Path, head: dict, results: list[dict]) -> None:
    """The run so far as JSON (rewritten after every mutant, so a stopped run keeps them)."""
    out.write_text(json.dumps({**head, **score(results), "mutants": results}, indent=1))


def _stale(table: dict, tree: Path) -> list[str]:
    return [rel for rel, f in table["files"].items()
            if not (tree / rel).exists() or _digest(tree, rel) != f["sha"]]


def _load_map(work: Path) -> dict:
    table = json.loads((work / "map.json").read_text())
    if stale := _stale(table, work / "tree"):
        raise SystemExit(f"the snapshot changed since its map ({stale[:3]}); run `map` again")
    return table


def _report(k: int, n: int, r: dict) -> None:
    print(f"[{k}/{n}] {r['outcome']:8s} {r['stage']:8s} {r['tests']:4d} tests "
          f"{r['seconds']:6.1f} s  {r['path']}:{r['line']} {r['change']}", flush=True)


def choose(population: list[Site], mutants: int, seed: int,
           files: list[str] | None = None) -> list[Site]:
    """``mutants`` sites drawn uniformly with ``seed``, or every site of ``files``."""
    if files:
        if unknown := set(files) - {s.path for s in population}:
            raise SystemExit(f"no mutation site in {sorted(unknown)}")
        return [s for s in population if s.path in files]
    return random.Random(seed).sample(population, mutants)


def run(mutants: int, seed: int, out: Path, work: Path = WORK, confirm: bool = True,
        resume: bool = False, files: list[str] | None = None) -> dict:
    """A sampled run on the snapshot of ``map`` (built first when missing), in a copy of it
    (a map still growing in the snapshot is read again before each mutant). With ``files``,
    every site of those files instead of a sample: a search for gaps, not a score of the
    population."""
    if not (work / "map.json").exists():
        build_map(work)
    table = _load_map(work)
    chosen = choose(sites(work / "tree"), mutants, seed, files)
    head = {"seed": seed, "files": files or [], "map_created": table["created"],
            "commit": table["commit"]}
    results: list[dict] = []
    if resume and out.exists():  # the same seed and snapshot: keep the mutants done
        done = json.loads(out.read_text())
        if done["seed"] == seed and done["commit"] == table["commit"]:
            results = [r for r, site in zip(done["mutants"], chosen, strict=False)
                       if {f: r[f] for f in Site.__dataclass_fields__} == asdict(site)]
    out.parent.mkdir(parents=True, exist_ok=True)
    preload()
    with tempfile.TemporaryDirectory(prefix="ganeq-mutation-") as tmp:
        tree = Path(shutil.copytree(work / "tree", Path(tmp) / "tree"))
        for k, site in enumerate(chosen, 1):
            if k <= len(results):
                continue
            table = _load_map(work)
            results.append({**asdict(site), **run_mutant(site, tree, table, confirm),
                            "map_folders": table["folders"]})
            _report(k, len(chosen), results[-1])
            write_results(out, head, results)
    s = score(results)
    print(f"killed {s['killed']}/{s['total']} ({100 * s['score']:.0f} %)")
    return s


def _folder(test_id: str) -> str:
    """The map's name of the folder of a test (``tests/nash/x.py::t`` -> ``tests_nash``)."""
    return "_".join(test_id.split("::")[0].split("/")[:2])


def refresh(results_file: Path, work: Path = WORK, every: bool = False) -> dict:
    """Run again the mutants of ``results_file`` not killed, on the tests of the folders
    mapped since they ran (the same snapshot, a fuller map; the tests mapped before passed
    already), or with ``every`` on all the tests the map of ``work`` selects (the same
    snapshot mapped again, by a map that sees more); the results file is rewritten after
    each mutant."""
    data = json.loads(results_file.read_text())
    table = _load_map(work)
    head = {k: v for k, v in data.items() if k in ("seed", "commit")}
    head["map_created"] = table["created"]
    preload()
    with tempfile.TemporaryDirectory(prefix="ganeq-mutation-") as tmp:
        tree = Path(shutil.copytree(work / "tree", Path(tmp) / "tree"))
        for k, r in enumerate(data["mutants"], 1):
            site = Site(**{f: r[f] for f in Site.__dataclass_fields__})
            target = tree / site.path
            original = target.read_text()
            tests = covering(site, table, original)
            new = [t for t in tests if every or _folder(t["id"]) not in r["map_folders"]]
            if r["outcome"] == "killed" or not new:
                continue
            t0 = time.monotonic()
            target.write_text(mutate(original, site))
            try:
                outcome = run_tests(tree, [t["id"] for t in new], _budget(new))
            finally:
                target.write_text(original)
            r.update(outcome=outcome if outcome != "survived" else r["outcome"],
                     stage="refresh", tests=len(tests),
                     seconds=round(r["seconds"] + time.monotonic() - t0, 1),
                     map_folders=table["folders"])
            _report(k, len(data["mutants"]), r)
            write_results(results_file, head, data["mutants"])
    return score(data["mutants"])


def recheck(results_file: Path, extra: list[str], work: Path = WORK,
            only: list[int] | None = None, mapped: bool = True) -> list[dict]:
    """Run each survivor of ``results_file`` (or the mutants numbered ``only``, from 1) again
    in a fresh copy of the working tree, against its mapped tests (unless not ``mapped``) plus
    ``extra`` test paths (the tests written to kill it). The outcomes go to
    ``<results_file>.recheck.json`` (mutant number -> outcome, merged with earlier rechecks)."""
    data = json.loads(results_file.read_text())
    store = results_file.with_suffix(".recheck.json")
    after = json.loads(store.read_text()) if store.exists() else {}
    table = json.loads((work / "map.json").read_text())
    fields = Site.__dataclass_fields__
    done = []
    preload()
    with tempfile.TemporaryDirectory(prefix="ganeq-mutation-") as tmp:
        tree = copy_tree(Path(tmp))
        for k, r in enumerate(data["mutants"], 1):
            if (k not in only) if only else r["outcome"] == "killed":
                continue
            site = Site(**{f: r[f] for f in fields})
            target = tree / site.path
            original = target.read_text()
            try:
                target.write_text(mutate(original, site))
            except ValueError as e:  # the file changed since the run
                r["after_fix"] = f"moved ({e})"
            else:
                tests = [t["id"] for t in covering(site, table, original) if mapped] + extra
                r["after_fix"] = run_tests(tree, tests, 600.0) if tests else "no-test"
            finally:
                target.write_text(original)
            after[str(k)] = {"after_fix": r["after_fix"], "tests": extra}
            store.write_text(json.dumps(after, indent=1))
            print(f"[{k}] {r['after_fix']:8s} {site.path}:{site.line} {site.change}", flush=True)
            done.append(r)
    return done


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("map", help="snapshot the tree and map its lines to tests")
    m.add_argument("--folders", nargs="*", help="test folders (default: all)")
    m.add_argument("--resume", action="store_true",
                   help="keep the snapshot and the folders mapped so far")
    r = sub.add_parser("run", help="a sampled run on the mapped snapshot")
    r.add_argument("--mutants", type=int, default=60)
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--out", type=Path, default=ROOT / "build" / "mutation.json")
    r.add_argument("--resume", action="store_true",
                   help="keep the mutants of --out already run (same seed and snapshot)")
    r.add_argument("--no-confirm", action="store_true",
                   help="do not re-run survivors against the whole files of their tests")
    r.add_argument("--files", nargs="*",
                   help="every site of these files (paths as in the tree), not a sample")
    f = sub.add_parser("refresh", help="survivors of a run on a partial map, on the full map")
    f.add_argument("results", type=Path)
    f.add_argument("--every", action="store_true",
                   help="all the tests the map selects (the same snapshot, mapped again)")
    c = sub.add_parser("recheck", help="survivors of a run against their new tests")
    c.add_argument("results", type=Path)
    c.add_argument("--tests", nargs="*", default=[])
    c.add_argument("--only", nargs="*", type=int, help="mutant numbers (from 1)")
    c.add_argument("--no-mapped", action="store_true", help="run only the --tests")
    for command in (m, r, f, c):
        command.add_argument("--work", type=lambda s: Path(s).resolve(), default=WORK,
                             help="the snapshot and its map (default: build/mutation)")
    args = p.parse_args(argv)
    if args.command == "map":
        build_map(args.work, folders=args.folders, resume=args.resume)
    elif args.command == "run":
        run(args.mutants, args.seed, args.out, args.work, confirm=not args.no_confirm,
            resume=args.resume, files=args.files)
    elif args.command == "refresh":
        refresh(args.results, args.work, args.every)
    else:
        recheck(args.results, args.tests, args.work, only=args.only, mapped=not args.no_mapped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
