"""The Hsieh et al. empirical claim on results dicts of known shape (holds, refuted with the
arms swapped, inconclusive), the experiment's protocols (pairing layout, step selection on
tuning seeds only, Figure 1's six methods in the quick grid), and the tiny experiment end to
end (slow)."""

import numpy as np
import pytest

from verifiers import experiments
from verifiers.certificate import Verdict
from verifiers.claims.hsieh2019 import experiments as claims

RNG = np.random.default_rng(1)


def results(adam=1.0, mirror=0.5, prox=0.5, n=8) -> dict:
    def w1(level):
        return {"w1": (level + RNG.normal(0, 0.02, (n, 2))).tolist(), "lr": 1e-3}

    return {"experiment": "hsieh2019_synthetic", "size": "quick", "seeds": list(range(n)),
            "tuning_seeds": [], "config": {"iterations": 800, "hidden": 32},
            "labels": {"adam": "Adam", "mirror_gan": "Mirror-GAN",
                       "mirror_prox_gan": "Mirror-Prox-GAN"},
            "datasets": {"25gaussians": {"methods": {
                "adam": w1(adam), "mirror_gan": w1(mirror), "mirror_prox_gan": w1(prox)}}}}


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
    methods = a["datasets"]["8gaussians"]["methods"]
    assert set(methods) == {"adam", "mirror_gan", "mirror_prox_gan"}
    assert np.isfinite(np.asarray(methods["mirror_prox_gan"]["w1"])).all()
    assert claims.decide_mirror_fits_better(a).final_verdict() in set(Verdict)


def test_quick_grid_trains_figure_1s_six_methods_and_full_grid_has_the_papers_structure():
    from verifiers.experiments import hsieh2019_synthetic as exp

    assert set(exp.PANELS) <= set(exp.SIZES["quick"].methods)
    for size in ("full", "paper"):
        p = exp.SIZES[size]
        assert set(p.methods) == set(exp.METHODS) and len(exp.METHODS) == 7
        assert p.datasets == ("8gaussians", "25gaussians", "swissroll")
        assert len(p.lrs) > 1 and p.tuning > 0


def test_layout_pairs_methods_and_keeps_tuning_seeds_apart():
    """Every method trains the same rows in the same order (so run i starts from the same
    weights), and the tuning seeds are disjoint from the evaluation seeds."""
    from verifiers.experiments import hsieh2019_synthetic as exp

    p = exp.SIZES["full"]
    rows = exp.layout(p, [0, 1, 2])
    assert len(rows) == len(p.datasets) * len(p.lrs) * (p.tuning + 3)
    tuning = {s for _, _, s in rows if s >= exp.TUNING_SEED0}
    assert len(tuning) == p.tuning and not tuning & {0, 1, 2}
    assert exp.layout(exp.SIZES["quick"], [0, 1]) == [(0, 0, 0), (0, 0, 1)]


def test_step_selected_on_tuning_seeds_only(monkeypatch):
    """The step with the lowest mean tuning W1 wins, whatever the evaluation seeds show."""
    from verifiers.experiments import hsieh2019_synthetic as exp

    p = exp.SIZES["full"]
    rows = exp.layout(p, [0, 1])
    tuning, evaluation = {0: 1.0, 1: 0.5}, {0: 0.1, 1: 2.0}
    thetas = [tuning[j] if s >= exp.TUNING_SEED0 else evaluation[j] for _, j, s in rows]
    monkeypatch.setattr(exp, "quality", lambda cfg, spec, theta, seed: theta)
    monkeypatch.setattr(exp, "take", lambda th, i, k: th[i])
    j, means = exp._select(p, "sgd", p.config, None, thetas, rows, 0)
    assert j == 1
    assert means == {f"{10 * p.lrs[0]:g}": 1.0, f"{10 * p.lrs[1]:g}": 0.5}
