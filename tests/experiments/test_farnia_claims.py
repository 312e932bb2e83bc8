"""The Farnia & Ozdaglar empirical claims decided on results dicts of known shape: a clear
effect holds, the arms swapped (a deliberately wrong setting) refute, no effect is
inconclusive. The quick run itself is decided in the slow test at the end."""

import numpy as np
import pytest

from verifiers import experiments
from verifiers.certificate import Verdict
from verifiers.claims.farnia2020 import experiments as claims

SEEDS = list(range(6))
RNG = np.random.default_rng(0)


def _arm(dv: float, dq: float) -> dict:
    """An arm whose V falls by ``dv`` and whose W1 grows by ``dq`` (± noise) per seed."""
    v0, q0 = RNG.normal(0.3, 0.05, 6), RNG.normal(0.2, 0.02, 6)
    v1, q1 = v0 - dv * RNG.uniform(0.8, 1.2, 6), q0 + dq * RNG.uniform(0.8, 1.2, 6)
    return {"V": np.stack([v0, (v0 + v1) / 2, v1], 1).tolist(),
            "quality": np.stack([q0, (q0 + q1) / 2, q1], 1).tolist(),
            "dV": (v1 - v0).tolist(), "dQ": (q1 - q0).tolist()}


def fixd_results(plain=(1.0, 1.0), prox=(0.1, 0.05)) -> dict:
    return {"experiment": "farnia2020_fixd", "size": "quick", "runs": [{
        "setting": "wgan_gp on 8gaussians", "seeds": SEEDS, "steps": 200, "inner": 10,
        "lam": 0.1, "quality_metric": "W1 to the data",
        "arms": {"plain": _arm(*plain), "proximal": _arm(*prox)}}]}


def proximal_results(regular=0.5, proximal=0.3) -> dict:
    return {"experiment": "farnia2020_proximal", "size": "quick", "runs": [{
        "setting": "wgan_wc on 8gaussians", "seeds": SEEDS, "lam": 0.1,
        "config": {"critic_steps": 3}, "metric": "W1 to the data", "higher_is_better": False,
        "regular": (regular + RNG.normal(0, 0.01, 6)).tolist(),
        "proximal": (proximal + RNG.normal(0, 0.01, 6)).tolist()}]}


def _check_with(monkeypatch, results, fn):
    monkeypatch.setattr(experiments, "run", lambda name, size="quick", seeds=None: results)
    return fn().final_verdict()


def test_clear_effects_hold(monkeypatch):
    assert _check_with(monkeypatch, fixd_results(), claims.check_section2_fixd_not_nash) \
        is Verdict.HOLDS
    assert _check_with(monkeypatch, fixd_results(), claims.check_section6_1_fixd_proximal) \
        is Verdict.HOLDS
    assert _check_with(monkeypatch, proximal_results(),
                       claims.check_section6_2_proximal_training) is Verdict.HOLDS


@pytest.mark.perturbs("farnia2020.section2.fixd_not_nash")
def test_fixd_not_nash_refuted_when_descent_raises_v(monkeypatch):
    """Wrong setting: the generator ascends V (the sign of the descent flipped)."""
    r = fixd_results(plain=(-1.0, -0.1))
    assert _check_with(monkeypatch, r, claims.check_section2_fixd_not_nash) is Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.section6_1.fixd_proximal")
def test_fixd_proximal_refuted_with_arms_swapped(monkeypatch):
    r = fixd_results(plain=(0.1, 0.05), prox=(1.0, 1.0))
    assert _check_with(monkeypatch, r, claims.check_section6_1_fixd_proximal) is Verdict.REFUTED


@pytest.mark.perturbs("farnia2020.section6_2.proximal_training")
def test_proximal_training_refuted_with_arms_swapped(monkeypatch):
    r = proximal_results(regular=0.3, proximal=0.5)
    assert _check_with(monkeypatch, r, claims.check_section6_2_proximal_training) \
        is Verdict.REFUTED


def test_no_effect_is_inconclusive(monkeypatch):
    r = proximal_results(regular=0.4, proximal=0.4)
    assert _check_with(monkeypatch, r, claims.check_section6_2_proximal_training) \
        is Verdict.INCONCLUSIVE


def test_certificate_states_test_level_seeds_and_spread(monkeypatch):
    monkeypatch.setattr(experiments, "run", lambda *a, **k: proximal_results())
    w = claims.check_section6_2_proximal_training().witness
    assert w["level"] == 0.05 and "wilcoxon" in w["test"]
    assert w["protocol"]["seeds"] == SEEDS
    assert {"mean", "sd"} <= set(w["quality loss proximal"])
