"""Collecting the worker's results (a failed figure or table is reported, not fatal) and
sharing the claims with it (the same certificates whoever checks them)."""

import types
from concurrent.futures import Future

import pytest

from verifiers.report import Run, report_markdown
from verifiers.report.exhibits import Drawn, Exhibits, Table, figure_info
from verifiers.report.provenance import collect, now
from verifiers.reproduce import _summary


def _done(result=None, error=None) -> Future:
    f = Future()
    if error is None:
        f.set_result(result)
    else:
        f.set_exception(error)
    return f


def test_failures_and_recalled_exhibits_are_collected_by_name():
    good, kept = Drawn("a", {"png": b"x"}, 1.0), Drawn("c", {"png": b"y"}, 0.1, recalled=True)
    exhibits = Exhibits(None, figures={"a": _done(good), "b": _done(error=KeyError("w")),
                                       "c": _done(kept)},
                        tables={"t": _done(Table("| x |", recalled=True)),
                                "u": _done(error=ValueError("no")), "v": _done(Table("| v |"))})
    drawn, tables, failures, recalled = exhibits.collect()
    assert drawn == [good, kept] and tables == {"t": "| x |", "v": "| v |"}
    assert failures == {"figure b": "KeyError: 'w'", "table u": "ValueError: no"}
    assert recalled == ["figure c", "table t"]


def test_the_report_says_what_the_memo_served(tmp_path, monkeypatch):
    monkeypatch.setenv("GANEQ_MEMO", str(tmp_path))
    run = Run([], 0, 0, collect(0, 0, now(), 1.0, ["reproduce"], ["figure c", "table t"]))
    assert (f"- memo: `{tmp_path}`; read from it, as an earlier run with the same code and "
            "libraries left them: figure c, table t (claims are always checked afresh)"
            in report_markdown(run))
    summary = _summary(Run([], 0, 0, run.provenance, tables={"t": "| x |"}), tmp_path)
    assert "0 figures and 1 table (2 of them read from the memo of an earlier run; --fresh " \
        "redraws)" in summary
    monkeypatch.setenv("GANEQ_MEMO", "0")
    run = Run([], 0, 0, collect(0, 0, now(), 1.0, ["reproduce"]))
    assert run.provenance["memo"] is None and "- memo: off" in report_markdown(run)


def test_the_report_names_what_failed():
    run = Run([], 0, 0, collect(0, 0, now(), 1.0, ["reproduce"]),
              failures={"figure b": "KeyError: 'w'"})
    md = report_markdown(run)
    assert "**Not in this report**" in md and "- figure b: `KeyError: 'w'`" in md


def test_figure_info_reads_the_record():
    def draw(seed=0, quick=False):
        return None

    record = types.SimpleNamespace(draw=draw, caption=" A  caption. ", paper_figure=None)
    info = figure_info("fake", record)
    assert (info.paper_figure, info.caption, info.width) == ("ganeq's own", "A caption.", None)


class _Helper:
    """A stand-in worker that has already checked the last ``done`` units."""

    def __init__(self, done, broken=False):
        self.done, self.broken, self.taken = done, broken, []

    def share(self, batches):
        from verifiers.registry import registry

        futures = []
        for k, batch in enumerate(batches):
            if k < len(batches) - self.done:
                futures.append(Future())
            elif self.broken:
                futures.append(_done(error=RuntimeError("worker died")))
            else:
                futures.append(_done([tuple(registry.get(i).check(**p) for p in ps)
                                      for i, ps in batch]))
        self.n = len(batches)
        return futures

    def take(self, unit):
        self.taken.append(unit)
        return unit < self.n - self.done


@pytest.mark.parametrize("broken", [False, True])
def test_claims_split_with_a_helper_give_the_same_certificates(broken):
    from verifiers.registry import registry
    from verifiers.report.claims import run_claims, units

    claims = [registry.get(i) for i in ("farnia2020.eq7.printed", "mescheder2018.lemma3.2",
                                        "mescheder2018.lemma3.3", "mescheder2018.lemmaA.4")]
    alone = run_claims(claims, 1, 7, progress=False)
    helper = _Helper(done=1, broken=broken)
    helped = run_claims(claims, 1, 7, progress=False, helper=helper)

    def untimed(results):
        return [[c.to_dict() | {"seconds": 0} for c in r.certificates] for r in results]

    assert untimed(helped) == untimed(alone)
    assert [r.claim.id for r in helped] == [c.id for c in claims]
    assert helper.taken == list(range(helper.n)) and helper.n == len(units(
        [(c, []) for c in claims]))


def test_this_process_takes_back_what_the_worker_has_not_started():
    from multiprocessing import get_context

    from verifiers.report.exhibits import MAIN, WORKER

    def broken():
        raise ValueError("no")

    taken = get_context("spawn").Array("b", 4)
    taken[0] = WORKER  # the worker has started the first figure: it keeps it
    exhibits = Exhibits(
        types.SimpleNamespace(shutdown=lambda wait: None), taken,
        figures={"a": _done(Drawn("a", {"png": b"w"}, 1.0)), "b": Future(), "c": Future()},
        tables={"t": Future()},
        jobs=[("figure", "a", broken, ()),
              ("figure", "b", lambda: Drawn("b", {"png": b"m"}, 0.5), ()),
              ("figure", "c", broken, ()), ("table", "t", lambda: Table("| m |"), ())])
    exhibits.help()
    assert list(taken) == [WORKER, MAIN, MAIN, MAIN]
    drawn, tables, failures, _ = exhibits.collect()
    assert [(d.name, d.files) for d in drawn] == [("a", {"png": b"w"}), ("b", {"png": b"m"})]
    assert tables == {"t": "| m |"} and failures == {"figure c": "ValueError: no"}
