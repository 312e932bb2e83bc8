"""Relative margins: the scale a check states, the default scale, n/a."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifiers.certificate import Certificate, Verdict
from verifiers.report.margins import relative_margin


def _cert(margin, tolerance=1e-12, **witness):
    return Certificate("x", {}, Verdict.HOLDS, margin, tolerance, witness=witness)


def test_a_stated_scale_wins():
    rel = relative_margin(_cert(0.5, value=100.0, scale=2.0, scale_of="|f'(0)|"))
    assert rel.value == 0.25 and rel.scale == 2.0 and "|f'(0)|" in rel.source


def test_a_bound_is_measured_against_the_quantities_compared():
    """``outcomes.bound(value=3, limit=2)``: margin limit - value = -1, scale 3."""
    rel = relative_margin(_cert(-1.0, tolerance=0.1, value=3.0, limit=2.0))
    assert rel.value == -1 / 3 and rel.scale == 3.0 and rel.text() == "-0.333"


def test_witness_entries_that_do_not_give_the_margin_are_ignored():
    """A conjunction decided by a sign check, with another part's value/limit in the
    merged witness: read as a sign, +1 when decided, below 1 inside the tolerance."""
    rel = relative_margin(_cert(0.5, tolerance=0.01, value=3.0, limit=2e6))
    assert rel.value == 1 and rel.source.startswith("sign")
    assert relative_margin(_cert(-0.005, tolerance=0.01)).value == -0.5


def test_a_conjunction_is_measured_by_its_deciding_part():
    """Two equalities in one ``all_of``: the merge keeps the second's numbers, the margin is
    the first's (the deciding, refuted one); its own entries in ``parts`` give the scale."""
    from verifiers.outcomes import Route, all_of, equals

    first = equals(1.0, Route("a", 1.5, 0.1), "x = 1")  # refuted: margin 0.1 - 0.5
    second = equals(2.0, Route("b", 2.0, 1e-9), "y = 2")
    out = all_of(first, second)
    cert = Certificate("x", {}, Verdict.REFUTED, out.margin, out.tolerance,
                       witness=out.witness)
    rel = relative_margin(cert)
    assert rel.scale == pytest.approx(0.1) and rel.value == pytest.approx(-4.0)
    assert "error bound" in rel.source


def test_an_equality_is_measured_against_its_error_bound():
    """``outcomes.equals`` puts the error bound in the witness (its tolerance is 0): a
    claimed value 0 computed as 1e-16 ± 1e-6 is a relative margin near +1, not 1e10."""
    rel = relative_margin(_cert(1e-6 - 1e-16, tolerance=0.0, claimed=0.0, computed=1e-16,
                                error_bound=1e-6))
    assert rel.scale == 1e-6 and 0.99 < rel.value <= 1 and "error bound" in rel.source


def test_tolerance_bounds_the_scale_from_below():
    assert relative_margin(_cert(1e-3, tolerance=1e-2, claimed=0.0, computed=0.0)).value == 0.1
    assert relative_margin(_cert(-1e-3, tolerance=1e-2, value=1e-3, limit=0.0)).value == -0.1


@pytest.mark.parametrize("cert", [
    _cert(math.nan, value=1.0),                   # inapplicable / undecided
    _cert(math.inf),
    _cert(0.0, tolerance=0.0),                    # nothing to measure against
])
def test_not_available(cert):
    rel = relative_margin(cert)
    assert rel.value is None and rel.text() == "n/a" and rel.to_dict()["relative_margin"] is None


@given(margin=st.floats(-1e300, 1e300), value=st.floats(-1e300, 1e300),
       tol=st.floats(0, 1e300))
def test_sign_is_kept(margin, value, tol):
    rel = relative_margin(_cert(margin, tolerance=tol, value=value))
    assert rel.value is None or (math.isfinite(rel.value) and rel.value * margin >= 0)
