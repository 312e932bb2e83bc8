"""The hunt (verifiers.hunt): finds and shrinks wrong expected-verdict regions,
approaches thresholds, is deterministic for a seed, validates ranges; and a small
hunt over every registered claim finds no unexpected verdict."""

import dataclasses
import json
import math
import os
import time

import numpy as np
import pytest

from verifiers import Verdict, registry
from verifiers.claim import Claim
from verifiers.hunt import (
    APPROACH_ORDERS,
    Finding,
    HuntResult,
    corner_points,
    edge_points,
    hunt,
    hunt_markdown,
    main,
)
from verifiers.outcomes import Outcome, bound, positive
from verifiers.params import Choice, Integer, Real

THRESHOLD = math.pi
X = Real("x", 1.0, low=0.0, high=10.0, low_open=True, thresholds=(THRESHOLD,), doc="x")
Y = Real("y", 0.5, low=0.0, high=1.0, doc="irrelevant real")
MODE = Choice("mode", "a", choices=("a", "b", "c"), doc="irrelevant choice")
N = Integer("n", 3, low=1, high=50, doc="irrelevant integer")


def _below_threshold(x, y, mode, n) -> Outcome:
    return bound(x, THRESHOLD, 1e-14, f"x = {x} <= pi")


def _expected(params):
    """holds for x < pi; refuted for x >= pi"""
    return Verdict.HOLDS if params["x"] < THRESHOLD else Verdict.REFUTED


STEP = Claim(id="test.step", reference="test", statement="x <= pi.",
             params=[X, Y, MODE, N], checker=_below_threshold, expected=_expected)


def _checked_params(claim, **kwargs) -> tuple[HuntResult, list[dict]]:
    seen: list[dict] = []
    result = hunt(claim, on_check=lambda f: seen.append(dict(f.params)), **kwargs)
    return result, seen


def test_correct_claim_gives_no_unexpected_verdict():
    result = hunt(STEP, budget=60, seed=1)
    assert result.checked == 60
    assert result.counts["unexpected"] == 0 and result.unexpected == ()
    assert result.counts["holds"] > 0 and result.counts["refuted"] > 0
    assert sum(result.counts[v.value] for v in Verdict) == result.checked


def test_smallest_margin_lands_on_the_threshold():
    result = hunt(STEP, budget=60, seed=0)
    assert abs(result.smallest.params["x"] - THRESHOLD) <= 1e-11 * THRESHOLD
    assert abs(result.smallest.certificate.margin) <= 1e-11 * THRESHOLD


def test_edge_points_approach_thresholds_and_ends_from_the_admissible_side():
    points = [x for name, x in edge_points(STEP, {}) if name == "x"]
    assert THRESHOLD in points and 10.0 in points and 0.0 not in points
    assert all(0.0 < x <= 10.0 for x in points)
    for k in APPROACH_ORDERS:
        for target in (THRESHOLD * (1 - 10.0**-k), THRESHOLD * (1 + 10.0**-k), 10.0**-k,
                       10.0 * (1 - 10.0**-k)):
            assert any(math.isclose(x, target, rel_tol=1e-15) for x in points), (k, target)


def test_edge_points_include_the_floats_next_to_each_edge():
    points = [x for name, x in edge_points(STEP, {}) if name == "x"]
    assert {math.nextafter(0.0, 1.0), math.nextafter(THRESHOLD, 0.0),
            math.nextafter(THRESHOLD, 4.0), math.nextafter(10.0, 0.0)} <= set(points)


A = Real("a", 1.5, low=0.0, high=10.0, low_open=True, sample_low=1.0, sample_high=2.0,
         doc="a > 0, drawn in [1, 2] as a claim's parameters are drawn in their usual box")
B = dataclasses.replace(A, name="b", doc="b > 0, drawn in [1, 2]")


def _product_positive(a, b) -> Outcome:
    """``ab > 0`` decided on the float product: wrongly refuted where ``ab`` underflows to 0."""
    return positive(a * b if a * b > 0 else -1.0, 0.0, f"{a}·{b} > 0")


PRODUCT = Claim(id="test.product", reference="test", statement="ab > 0 for a, b > 0.",
                params=[A, B], checker=_product_positive, expected=Verdict.HOLDS)


def test_corner_points_put_two_parameters_at_their_ends_at_once():
    corners = corner_points(PRODUCT, {})
    tiny, top = math.nextafter(0.0, 1.0), math.nextafter(10.0, 0.0)
    assert corners[0] == {"a": tiny, "b": tiny}
    assert {"a": top, "b": tiny} in corners and {"a": 10.0, "b": 10.0} in corners
    assert len(corners) == 9  # a and b each at 5e-324, 10 − ulp or 10
    assert all(set(c) == {"x", "y"} for c in corner_points(STEP, {}))


def test_a_wrong_verdict_only_at_a_corner_is_found():
    """Each parameter alone at its end (the other drawn in [1, 2]) keeps ab > 0; both at
    5e-324 make ab = 0, where the check wrongly says refuted: only the corners reach it."""
    result = hunt(PRODUCT, budget=300, seed=0)
    kinds = {f.kind for f in result.unexpected}
    assert ("refuted", "holds") in kinds, result.summary_line()


def test_wrong_expected_region_is_found_shrunk_and_reported():
    wrong = dataclasses.replace(STEP, expected=Verdict.HOLDS)
    result = hunt(wrong, budget=40, seed=0)
    assert result.counts["unexpected"] == result.counts["refuted"] > 0
    (finding,) = result.unexpected
    assert finding.unexpected and finding.kind == ("refuted", "holds")
    x = finding.params["x"]
    assert x > THRESHOLD and x == float(f"{x:.2g}"), x
    assert (finding.params["y"], finding.params["mode"], finding.params["n"]) == (0.5, "a", 3)
    assert finding.certificate.verdict is Verdict.REFUTED
    assert f"unexpected {result.counts['unexpected']};" in result.summary_line()
    text = hunt_markdown([result])
    assert "`test.step`" in text and "**refuted**, expected holds" in text


def test_wrong_region_of_a_registered_claim_is_found():
    claim = registry.get("mescheder2018.lemmaA.4")

    def wrong(params):
        """refuted for h > 1 where the lemma applies (deliberately wrong: it holds there)"""
        right = claim.expected_for(params)
        return Verdict.REFUTED if right is Verdict.HOLDS and params["h"] > 1 else right

    result = hunt(dataclasses.replace(claim, expected=wrong), budget=30, seed=0)
    (finding,) = result.unexpected
    assert finding.kind == ("holds", "refuted") and finding.params["h"] > 1
    defaults = claim.defaults()
    assert (finding.params["mu_re"], finding.params["mu_im"]) == (defaults["mu_re"],
                                                                 defaults["mu_im"])


def test_a_crash_on_admissible_input_is_a_finding():
    def crashes(x, y, mode, n):
        if x > 9:
            raise IndexError("boom")
        return _below_threshold(x, y, mode, n)

    result = hunt(dataclasses.replace(STEP, checker=crashes), budget=60, seed=0)
    (finding,) = result.unexpected
    assert finding.crashed and finding.kind == ("crashed", "refuted")
    assert "IndexError: boom" in finding.certificate.witness["error"]


def test_a_runtime_warning_on_admissible_input_is_a_crash_finding():
    """A numpy overflow the check did not mean to form is printed, not raised: the hunt
    counts it as a crash (it found one in ``ganeq.dirac.empirical_rate`` this way)."""
    def overflows(x, y, mode, n):
        if x > 9:
            np.float64(1e308) * np.float64(x)
        return _below_threshold(x, y, mode, n)

    result = hunt(dataclasses.replace(STEP, checker=overflows), budget=60, seed=0)
    (finding,) = result.unexpected
    assert finding.crashed and "RuntimeWarning: overflow" in finding.certificate.witness["error"]


def test_a_check_that_could_not_finish_is_inconclusive_but_listed():
    """A solver's or XLA's error caught by ``Claim.check`` (an out-of-memory error at d = 3
    was one) gives ``inconclusive``: never unexpected, but counted as failed and listed
    once per error type with its instance."""
    def runs_out(x, y, mode, n):
        if x > 9:
            raise RuntimeError("Out of memory allocating 21233664000 bytes.")
        return _below_threshold(x, y, mode, n)

    result = hunt(dataclasses.replace(STEP, checker=runs_out), budget=80, seed=0)
    assert result.counts["unexpected"] == 0 and result.counts["failed"] > 0
    assert result.counts["failed"] <= result.counts["inconclusive"]
    (first,) = result.failed
    assert first.params["x"] > 9 and first.error_type == "RuntimeError"
    assert f"(failed {result.counts['failed']}: RuntimeError)" in result.summary_line()
    text = hunt_markdown([result])
    assert "No unexpected verdict was found." in text
    assert "## Checks that could not finish" in text and "Out of memory allocating" in text
    assert "could not finish" not in hunt_markdown([hunt(STEP, budget=20, seed=0)])


def test_rejected_draws_are_skipped_and_repeats_not_counted():
    def requires(params):
        if params["x"] > 5:
            raise ValueError("x > 5: undefined")

    result, seen = _checked_params(dataclasses.replace(STEP, requires=requires), budget=30)
    assert result.checked == len(seen) == 30 and all(p["x"] <= 5 for p in seen)
    no_params = Claim(id="test.constant", reference="t", statement="1 > 0.", params=[],
                      checker=lambda: bound(0.0, 1.0, 0.0, "0 <= 1"))
    assert hunt(no_params, budget=20).checked == 1


def test_deterministic_for_a_seed():
    first, a = _checked_params(STEP, budget=40, seed=7)
    second, b = _checked_params(STEP, budget=40, seed=7)
    _, c = _checked_params(STEP, budget=40, seed=8)
    assert a == b and a != c
    assert first.summary_line() == second.summary_line()


def test_ranges_narrow_the_search_and_are_validated():
    result, seen = _checked_params(STEP, budget=30, ranges={"x": (2.0, 3.0), "n": (4, 6)})
    assert result.checked == 30
    assert all(2.0 <= p["x"] <= 3.0 and 4 <= p["n"] <= 6 for p in seen)
    for ranges, name in [({"x": (-1.0, 2.0)}, "x"), ({"x": (3.0, 2.0)}, "x"),
                         ({"y": (0.0, math.inf)}, "y"), ({"n": (0, 5)}, "n"),
                         ({"n": (1.5, 5)}, "n"), ({"z": (0.0, 1.0)}, "z"),
                         ({"mode": (0.0, 1.0)}, "mode")]:
        with pytest.raises(ValueError, match=name):
            hunt(STEP, budget=5, ranges=ranges)
    with pytest.raises(ValueError, match="budget"):
        hunt(STEP, budget=0)


def test_result_is_json_and_summary_has_the_documented_form():
    result = hunt(STEP, budget=12, seed=0)
    json.dumps(result.to_dict(), allow_nan=False)
    line = result.summary_line()
    assert line.startswith("test.step: checked 12, holds ")
    assert ", refuted " in line and ", inconclusive " in line and ", inapplicable " in line
    assert "; unexpected 0; smallest |margin| " in line and " at {x=" in line
    assert f"(tol {result.smallest.certificate.tolerance:.2g}) at" in line
    assert isinstance(result.smallest, Finding)


def test_module_entry_point_writes_the_markdown(tmp_path, capsys):
    out = tmp_path / "hunt.md"
    assert main(["--budget", "3", "--memory-gb", "0", "--out", str(out),
                 "mescheder2018.lemmaA.4"]) == 0
    text = out.read_text()
    assert "--budget 3" in text and "| `mescheder2018.lemmaA.4` | 3 |" in text
    assert "mescheder2018.lemmaA.4: checked 3" in capsys.readouterr().err
    assert main(["--budget", "50", "--seconds", "1e-9", "--memory-gb", "0", "--out", str(out),
                 "mescheder2018.lemmaA.4"]) == 0
    text = out.read_text()
    assert "| `mescheder2018.lemmaA.4` | 0 |" in text and "or about 1e-09 s of wall" in text


def test_report_is_written_after_every_claim(tmp_path, monkeypatch):
    """An interrupted hunt keeps the rows of the claims it finished."""
    from verifiers import cli

    out, seen = tmp_path / "hunt.md", []
    real = cli.write_file

    def spy(path, text):
        real(path, text)
        seen.append(path.read_text().count("| `mescheder2018.lemmaA."))

    monkeypatch.setattr(cli, "write_file", spy)
    assert main(["--budget", "2", "--memory-gb", "0", "--out", str(out),
                 "mescheder2018.lemmaA.4", "mescheder2018.lemmaA.5"]) == 0
    assert seen == [1, 2] and not list(tmp_path.glob(".*.tmp"))


def test_seconds_cap_the_hunt():
    start = time.perf_counter()
    result = hunt(STEP, budget=10**6, seconds=0.5)
    assert 0 < result.checked < 10**6 and time.perf_counter() - start < 5


# --- the registry ---------------------------------------------------------------

REGISTRY_BUDGET = int(os.environ.get("GANEQ_HUNT_BUDGET", "4"))
"""Checks per claim in the registry hunt: 4 in ``make test``, more in ``make test-all``."""
EXPENSIVE = frozenset({
    "farnia2020.algorithm1", "farnia2020.corollary1", "farnia2020.definition1",
    "farnia2020.eq7.printed", "farnia2020.theorem1.w2gan_quadratic",
    "ganeq.dirac.wgan_gp_spurious", "mescheder2018.sectionE.energy",
    "farnia2020.proposition1.w2gan", "farnia2020.proposition3", "farnia2020.proposition4",
    "farnia2020.t0", "farnia2020.theorem1.fgan", "farnia2020.theorem1.general_sigma",
    "ganeq.dirac.critical_nilpotent", "ganeq.dirac.empirical_rate",
    "ganeq.mixed.dirac_box_dynamics", "ganeq.mixed.gap_to_stackelberg", "ganeq.nash.uniform_gap",
    "ganeq.proximal.algorithm1_inner_steps", "ganeq.proximal.nonconvex_k_lt_d",
    "ganeq.proximal.stable_not_pe", "ganeq.proximal.threshold", "hsieh2019.md_rate",
    "hsieh2019.mp_rate", "hsieh2019.particle_md", "hsieh2019.sgld", "mescheder2018.lemma2.2",
    "mescheder2018.lemma2.3", "mescheder2018.lemmaC.2", "mescheder2018.lemmaC.2.printed",
    "mescheder2018.lemmaC.3", "mescheder2018.lemmaC.4", "mescheder2018.theoremE.3",
    "mescheder2018.remarkD.7", "mescheder2018.lemmaD.1", "mescheder2018.lemmaD.2",
    "mescheder2018.lemmaD.4", "farnia2020.theorem2.general", "farnia2020.proposition2",
    "hsieh2019.lifting",
})
"""Claims whose hunt of ``REGISTRY_BUDGET`` checks cost >= 2 s of CPU (JIT compilation
and checking; measured on a 2-core machine): run by ``make test-all`` and hunted in
full by ``python -m verifiers.hunt``. The others cost about 25 s of CPU together."""


def test_expensive_entries_name_registered_claims():
    assert not EXPENSIVE - set(registry.ids())


@pytest.mark.parametrize("claim_id", [
    pytest.param(i, marks=pytest.mark.slow) if i in EXPENSIVE else i for i in registry.ids()])
def test_registered_claim_gives_no_unexpected_verdict(claim_id):
    claim = registry.get(claim_id)
    if claim.slow:
        pytest.skip("slow claim: hunted by `python -m verifiers.hunt`")
    result = hunt(claim, budget=REGISTRY_BUDGET, seed=0)
    assert not result.unexpected, "\n".join(
        f"{f.kind} at {f.params}: {f.certificate}" for f in result.unexpected)


def test_a_batched_screen_that_raises_is_a_finding_not_an_aborted_hunt(monkeypatch):
    """A batched kernel that raises (as Remark 1's W2GAN screen did: a static argument
    passed batched) is reported as a crash of the screen; the hunt goes on unscreened."""
    from verifiers.sweep import engine

    def broken(batched, instances, chunk=None):
        raise ValueError("Non-hashable static arguments are not supported")

    monkeypatch.setattr(engine, "screen", broken)
    result = hunt(registry.get("farnia2020.remark1.wgan"), budget=160, seed=0)
    (finding,) = result.unexpected
    assert finding.crashed and "the batched screen raised" in finding.certificate.statement
    assert result.checked == 160 and result.counts["unexpected"] == 1
