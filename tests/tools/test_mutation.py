"""tools/mutation.py: a mutant changes one token of the text and is exactly the AST mutant."""

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "ganeq_mutation_tool", Path(__file__).resolve().parents[2] / "tools" / "mutation.py")
mutation = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutation)

SOURCE = '''def f(a, b):
    """σ² = a ** 2 is not mutated in a docstring."""
    x = a / b ** 2  # a comment - with * operators
    if x <= (a -
             b):
        return min(x, 1.5)
    raise ValueError(f"{a + b}")
'''


def _sites(source):
    tree = ast.parse(source)
    return [mutation.Site("m.py", n.lineno, n.end_lineno, i, mutation._change(n))
            for i, n in mutation._math_nodes(tree)]


def test_every_site_is_one_local_edit_with_lines_kept():
    sites = _sites(SOURCE)
    assert sorted(s.change for s in sites) == sorted(
        ["Div->Mult", "Pow->Mult", "LtE->Lt", "Sub->Add", "min<->max", "constant*1.001"])
    for site in sites:
        out = mutation.mutate(SOURCE, site)
        assert len(out.splitlines()) == len(SOURCE.splitlines())
        changed = [i for i, (a, b) in enumerate(zip(SOURCE.splitlines(), out.splitlines(),
                                                    strict=True)) if a != b]
        assert changed and all(site.line - 1 <= i < site.end_line for i in changed)


def test_a_looser_operator_is_parenthesised():
    (site,) = [s for s in _sites(SOURCE) if s.change == "Pow->Mult"]
    out = mutation.mutate(SOURCE, site)
    assert "x = a / (b * 2)  # a comment - with * operators" in out
    ns = {}
    exec(compile(out, "m.py", "exec"), ns)
    assert ns["f"](4.0, 1.0) == 1.5 and ns["f"](10.0, 4.0) == 10.0 / 8.0


def test_a_moved_node_is_refused():
    site = _sites(SOURCE)[0]
    moved = "\n" + SOURCE
    try:
        mutation.mutate(moved, site)
    except ValueError as e:
        assert "no longer" in str(e)
    else:
        raise AssertionError("a mutant applied to a changed file")


def test_a_default_argument_is_run_by_the_tests_of_its_function_body():
    source = "def g(x, scale=2.0):\n    y = x * scale\n    return y + 1.0\n"
    by_line = {(s.line, s.change): s for s in _sites(source)}
    default = by_line[1, "constant*1.001"]
    assert list(mutation.use_lines(default, source)) == [2, 3]
    assert list(mutation.use_lines(by_line[2, "Mult->Div"], source)) == [2]
    registry = {"id": "tests/core/test_registry.py::test_a", "seconds": 0.7, "passed": True}
    table = {"files": {"m.py": {"lines": {"2": [0], "3": [1]}}},
             "tests": [{"id": "t::body", "seconds": 1.0, "passed": True},
                       {"id": "t::tail", "seconds": 0.5, "passed": True},
                       registry]}
    # a default is also taken at import (a claim's parameters): the registry tests run too
    assert [t["id"] for t in mutation.covering(default, table, source)] == [
        "t::tail", registry["id"], "t::body"]
    assert mutation.covering(by_line[3, "constant*1.001"], table, source) == [table["tests"][1]]


def test_a_site_no_test_executes_falls_back_to_the_registry_tests():
    """Import-time code is run by no test's context: its mutants run the registry tests."""
    table = {"files": {}, "tests": [
        {"id": "tests/core/test_registry.py::test_b", "seconds": 2.0, "passed": True},
        {"id": "tests/core/test_registry.py::test_a", "seconds": 1.0, "passed": True},
        {"id": "tests/core/test_registry.py::test_c", "seconds": 0.1, "passed": False},
        {"id": "tests/x/test_other.py::test_d", "seconds": 0.1, "passed": True}]}
    assert [t["id"] for t in mutation.fallback(table)] == [
        "tests/core/test_registry.py::test_a", "tests/core/test_registry.py::test_b"]


def test_the_map_empties_the_caches_of_the_measured_modules_only(monkeypatch):
    """Before each test the map plugin empties the functools caches defined in the measured
    folders (a cached data set otherwise runs its lines under the first test only), and no
    cache outside them."""
    root = Path(__file__).resolve().parents[2]
    monkeypatch.syspath_prepend(str(root / "tools"))
    import mutation_plugin

    from theory.mirror_gan import data
    registry = importlib.import_module("verifiers.registry")

    monkeypatch.setenv("GANEQ_MUTATION_SOURCE", str(root / "theory"))
    data.toy("8gaussians")
    assert data.toy.cache_info().currsize >= 1
    registry.index()
    clears = mutation_plugin._measured_caches()
    assert data.toy.cache_clear in clears and registry.index.cache_clear not in clears
    for clear in clears:
        clear()
    assert data.toy.cache_info().currsize == 0 and registry.index.cache_info().currsize >= 1


def test_files_takes_every_site_of_the_files_named_and_refuses_an_unknown_one():
    population = mutation.sites(mutation.ROOT)
    path = "verifiers/mixed/wgan_grid.py"
    chosen = mutation.choose(population, 5, 0, files=[path])
    assert chosen == [s for s in population if s.path == path] and len(chosen) > 5
    assert len(mutation.choose(population, 5, 0)) == 5
    with pytest.raises(SystemExit, match="no mutation site"):
        mutation.choose(population, 5, 0, files=["verifiers/nowhere.py"])


def test_a_timed_out_mutant_runs_once_more_with_the_long_budget(monkeypatch, tmp_path):
    """A timeout is undecided: the same tests run again with LONG_BUDGET more; their outcome is
    the mutant's, and a second timeout stays a timeout (never a kill)."""
    (tmp_path / "m.py").write_text("def f(x):\n    return x + 1.0\n")
    site = _sites((tmp_path / "m.py").read_text())[0]
    table = {"files": {"m.py": {"lines": {"2": [0]}}},
             "tests": [{"id": "t::f", "seconds": 1.0, "passed": True}]}
    for second, expected in (("killed", "killed"), ("timeout", "timeout")):
        budgets = []

        def fake(tree, tests, timeout, second=second, budgets=budgets):
            budgets.append(timeout)
            return "timeout" if len(budgets) == 1 else second

        monkeypatch.setattr(mutation, "run_tests", fake)
        r = mutation.run_mutant(site, tmp_path, table, confirm=False)
        assert (r["outcome"], r["stage"]) == (expected, "selected-long")
        first = mutation._budget(table["tests"])
        assert budgets == [first, first + mutation.LONG_BUDGET]
    assert (tmp_path / "m.py").read_text() == "def f(x):\n    return x + 1.0\n"
