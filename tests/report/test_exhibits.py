"""Collecting the worker's results: a failed figure or table is reported, not fatal."""

from concurrent.futures import Future

from verifiers.report import Run, report_markdown
from verifiers.report.exhibits import Drawn, Exhibits
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
