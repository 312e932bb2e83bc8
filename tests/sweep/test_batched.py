"""Each batched margin against the full check of its claim, and against a perturbed
closed form (verifiers/sweep/)."""

import math

import pytest
from hypothesis import assume, given, settings

from tests.examples import examples
from theory.dirac import operators
from theory.gaussian_games import fgan_star, w2gan, wgan
from verifiers.certificate import Verdict
from verifiers.claims.farnia2020 import existence
from verifiers.registry import registry
from verifiers.sweep import MODULES, batched_for, engine
from verifiers.sweep.spec import CODES, INCONCLUSIVE

IDS = sorted(MODULES)


def _screen(claim_id, params):
    margin, tol, code = engine.screen(batched_for(claim_id), [params])
    return float(margin[0]), float(tol[0]), CODES[int(code[0])]


@pytest.mark.slow
@pytest.mark.parametrize("claim_id", IDS)
def test_screen_matches_the_full_check(claim_id):
    """On random admissible instances the screened verdict is the full check's (or the
    screen is inconclusive: the sweep then certifies it) and the margins agree within
    both tolerances."""
    claim, batched = registry.get(claim_id), batched_for(claim_id)

    @settings(max_examples=examples(20))
    @given(claim.strategy())
    def compare(params):
        try:
            values = claim.validate(params)
        except ValueError:
            assume(False)
        margin, tol, screened = _screen(claim_id, values)
        cert = claim.check(**values)
        if screened is not Verdict.INCONCLUSIVE:
            assert screened is cert.verdict, (values, margin, cert)
        full = batched.margin_of(cert)
        if math.isfinite(full) and math.isfinite(margin):
            assert abs(margin - full) <= tol + cert.tolerance + 1e-9 * max(1.0, abs(full))
        else:
            assert math.isnan(full) == math.isnan(margin) or screened is Verdict.INCONCLUSIVE

    compare()


@pytest.mark.parametrize("claim_id", [i if i.endswith("printed") else
                                      pytest.param(i, marks=pytest.mark.slow) for i in IDS])
def test_screen_matches_the_full_check_on_two_draws(claim_id):
    """The same comparison on two seeded draws (default run; the hypothesis search of
    20 instances per claim is marked slow)."""
    import numpy as np

    claim, batched = registry.get(claim_id), batched_for(claim_id)
    rng = np.random.default_rng(3)
    draws = [claim.validate(claim.sample(rng)) for _ in range(2)]
    margin, tol, code = engine.screen(batched, draws)
    for values, m, t, c in zip(draws, margin, tol, code, strict=True):
        cert = claim.check(**values)
        assert CODES[c] in (cert.verdict, Verdict.INCONCLUSIVE)
        full = batched.margin_of(cert)
        assert math.isnan(full) == math.isnan(m)
        assert math.isnan(m) or abs(m - full) <= t + cert.tolerance + 1e-9 * max(1, abs(full))


def _scaled(monkeypatch, module, name, factor=1 + 1e-3):
    original = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **kw: original(*a, **kw) * factor)


@pytest.fixture
def fresh():
    """Kernels retraced with the monkeypatched closed forms, and again afterwards."""
    _forget_traces()
    yield
    _forget_traces()


def _forget_traces():
    """The engine's compiled kernels and JAX's caches: a kernel calls jitted closed forms
    such as ``w2gan.nash_gap``, whose cached trace would keep the unpatched function."""
    import jax

    engine.clear()
    jax.clear_caches()


SLOW = pytest.mark.slow
PERTURBED = [
    pytest.param("farnia2020.theorem1.w2gan", (w2gan, "value"), {"sigma": 2.0, "t": 1.0, "d": 2},
                 Verdict.HOLDS, Verdict.REFUTED, marks=SLOW),
    pytest.param("farnia2020.theorem1.wgan", (wgan, "c_w1"), {"sigma": 2.0, "t": 1.0},
                 Verdict.HOLDS, Verdict.REFUTED, marks=SLOW),
    pytest.param("farnia2020.theorem1.w2gan_quadratic", (w2gan, "optimum_u_hessian_eigenvalue"),
                 {"sigma": 2.0, "t": 1.0, "d": 2}, Verdict.HOLDS, Verdict.REFUTED, marks=SLOW),
    pytest.param("farnia2020.theorem1.fgan", (fgan_star, "gap_star"),
                 {"sigma": 2.0, "t": 1.0, "d": 2, "divergence": "kl"}, Verdict.HOLDS,
                 Verdict.REFUTED, marks=SLOW),
    pytest.param("farnia2020.proposition1.wgan", (existence, "realising_scale"), {"sigma": 0.5},
                 Verdict.HOLDS, Verdict.REFUTED, marks=SLOW),
    pytest.param("farnia2020.remark1.wgan", (wgan, "w1"), {"sigma": 0.5, "t": 1.0},
                 Verdict.HOLDS, Verdict.REFUTED, marks=SLOW),
    pytest.param("farnia2020.remark1.w2gan", (w2gan, "half_w2_squared"),
                 {"sigma": 0.5, "t": 1.0, "d": 2}, Verdict.HOLDS, Verdict.REFUTED, marks=SLOW),
    ("mescheder2018.lemma2.5.printed", (operators, "alpha"),
     {"h": 1.999, "f": "taylor", "f1": -1.0}, Verdict.HOLDS, Verdict.REFUTED),
    ("mescheder2018.lemma2.5", (operators, "alpha"), {"h": 4.0},
     Verdict.INCONCLUSIVE, Verdict.HOLDS),
]


@pytest.mark.parametrize(("claim_id", "target", "params", "before", "after"), PERTURBED,
                         ids=[p.values[0] if hasattr(p, "values") else p[0] for p in PERTURBED])
def test_a_perturbed_closed_form_changes_the_screened_verdict(
        claim_id, target, params, before, after, monkeypatch, fresh):
    values = registry.get(claim_id).validate(params)
    assert _screen(claim_id, values)[2] is before
    _scaled(monkeypatch, *target)
    _forget_traces()
    assert _screen(claim_id, values)[2] is after


def test_every_indexed_claim_is_registered_and_defined():
    for claim_id in IDS:
        assert claim_id in registry and batched_for(claim_id).claim_id == claim_id
    assert batched_for("mescheder2018.lemma3.2") is None


def test_inapplicable_and_subnormal_inputs():
    """f'(0) = 0 is inapplicable; a subnormal f'(0) (flushed to 0 by XLA) is left to the
    full check as inconclusive, never screened as inapplicable."""
    claim = registry.get("mescheder2018.lemma2.5.printed")
    margin, _, code = _screen(claim.id, claim.validate({"f": "taylor", "f1": 0.0}))
    assert code is Verdict.INAPPLICABLE and math.isnan(margin)
    margin, _, code = _screen(claim.id, claim.validate({"f": "taylor", "f1": 5e-324}))
    assert code is Verdict.INCONCLUSIVE is CODES[INCONCLUSIVE] and math.isnan(margin)


def test_remark1_w2gan_screens_both_readings():
    """The reading's singular-value bound is a static argument of ``w2gan.nash_gap``: passed
    as a batched value it made every screen of this claim (``check --samples``, ``hunt``)
    raise "Non-hashable static arguments"."""
    claim = registry.get("farnia2020.remark1.w2gan")
    values = [claim.validate({"sigma": 0.5, "t": 1.0, "d": 2, "reading": r})
              for r in ("replaces", "adds")]
    _, _, codes = engine.screen(batched_for(claim.id), values)
    assert [CODES[int(c)] for c in codes] == [claim.check(**v).verdict for v in values]
