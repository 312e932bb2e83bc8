"""Collecting the worker's results: a failed figure or table is reported, not fatal."""

import sys
import types
from concurrent.futures import Future

from verifiers.report import Run, report_markdown
from verifiers.report.exhibits import Drawn, Exhibits, figure_info
from verifiers.report.provenance import collect, now


def _done(result=None, error=None) -> Future:
    f = Future()
    if error is None:
        f.set_result(result)
    else:
        f.set_exception(error)
    return f


def test_failures_are_collected_by_name():
    good = Drawn("a", {"png": b"x"}, 1.0)
    exhibits = Exhibits(None, figures={"a": _done(good), "b": _done(error=KeyError("w"))},
                        tables={"t": _done("| x |"), "u": _done(error=ValueError("no"))})
    drawn, tables, failures = exhibits.collect()
    assert drawn == [good] and tables == {"t": "| x |"}
    assert failures == {"figure b": "KeyError: 'w'", "table u": "ValueError: no"}


def test_the_report_names_what_failed():
    run = Run([], 0, 0, collect(0, 0, now(), 1.0, ["reproduce"]),
              failures={"figure b": "KeyError: 'w'"})
    md = report_markdown(run)
    assert "**Not in this report**" in md and "- figure b: `KeyError: 'w'`" in md


def test_after_claims_is_read_from_the_figure_module(monkeypatch):
    module = types.ModuleType("figures.fake_experiment")
    module.AFTER_CLAIMS = True

    def draw(seed=0, quick=False):
        return None

    draw.__module__ = module.__name__
    monkeypatch.setitem(sys.modules, module.__name__, module)
    record = types.SimpleNamespace(draw=draw, caption=" A  caption. ", paper_figure=None)
    info = figure_info("fake", record)
    assert info.after_claims and info.paper_figure == "ganeq's own" and info.caption == "A caption."
    draw.__module__ = __name__
    assert not figure_info("fake", record).after_claims
