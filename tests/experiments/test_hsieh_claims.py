"""The Hsieh et al. empirical claim on results dicts of known shape (holds, refuted with the
arms swapped, inconclusive), and the tiny experiment end to end (slow)."""

import numpy as np
import pytest

from verifiers import experiments
from verifiers.certificate import Verdict
from verifiers.claims.hsieh2019 import experiments as claims

RNG = np.random.default_rng(1)


def results(adam=1.0, mirror=0.5, prox=0.5, n=8) -> dict:
    def w1(level):
        return (level + RNG.normal(0, 0.02, (n, 2))).tolist()

    return {"experiment": "hsieh2019_synthetic", "size": "quick", "seeds": list(range(n)),
            "config": {"iterations": 800},
            "labels": {"adam": "Adam", "mirror_gan": "Mirror-GAN",
                       "mirror_prox_gan": "Mirror-Prox-GAN"},
            "datasets": {"25gaussians": {"methods": {
                "adam": {"w1": w1(adam)}, "mirror_gan": {"w1": w1(mirror)},
                "mirror_prox_gan": {"w1": w1(prox)}}}}}


def _verdict(monkeypatch, r):
    monkeypatch.setattr(experiments, "run", lambda *a, **k: r)
    return claims.check_section5_1_mirror_fits_better().final_verdict()


def test_mirror_methods_better_holds(monkeypatch):
    assert _verdict(monkeypatch, results()) is Verdict.HOLDS


@pytest.mark.perturbs("hsieh2019.section5_1.mirror_fits_better")
def test_arms_swapped_refutes(monkeypatch):
    assert _verdict(monkeypatch, results(adam=0.5, mirror=1.0, prox=1.0)) is Verdict.REFUTED


def test_one_challenger_worse_refutes_and_no_effect_is_inconclusive(monkeypatch):
    assert _verdict(monkeypatch, results(mirror=1.5)) is Verdict.REFUTED
    assert _verdict(monkeypatch, results(adam=1.0, mirror=1.0, prox=1.0)) is Verdict.INCONCLUSIVE


@pytest.mark.slow
def test_tiny_run_end_to_end_and_bit_identical():
    """The tiny protocol twice (not memoised): identical dicts; the claim decides on it."""
    from verifiers.experiments import hsieh2019_synthetic as exp

    a, b = exp.run("tiny"), exp.run("tiny")
    assert a == b
    methods = a["datasets"]["25gaussians"]["methods"]
    assert set(methods) == {"adam", "mirror_gan", "mirror_prox_gan"}
    assert np.isfinite(np.asarray(methods["mirror_prox_gan"]["w1"])).all()
    assert claims.decide_mirror_fits_better(a).final_verdict() in set(Verdict)
