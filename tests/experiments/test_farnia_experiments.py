"""The Farnia & Ozdaglar experiments end to end at toy size: same seeds give bit-identical
results on the CPU; the fixed-discriminator descent records what it claims to."""

import numpy as np
import pytest

from theory.training import proximal
from verifiers.experiments import farnia2020_fixd, farnia2020_proximal
from verifiers.experiments.farnia2020_common import Config

TINY = Config(data="8gaussians", kind="wgan_gp", hidden=4, layers=2, batch=8, iterations=10)


@pytest.mark.slow
def test_fixd_same_seeds_bit_identical_and_shapes():
    p = farnia2020_fixd.Protocol(TINY, steps=4, snapshots=2, inner=2)
    a = farnia2020_fixd.run_protocol(p, [0, 1])
    b = farnia2020_fixd.run_protocol(p, [0, 1])
    assert a == b
    for arm in ("plain", "proximal"):
        v = np.asarray(a["arms"][arm]["V"])
        assert v.shape == (2, 5) and np.isfinite(v).all()
        assert np.asarray(a["arms"][arm]["quality"]).shape == (2, 3)
        assert a["arms"][arm]["dV"] == pytest.approx(list(v[:, -1] - v[:, 0]), abs=0)


@pytest.mark.slow
def test_proximal_training_same_seeds_bit_identical_and_lambda_zero_is_regular():
    p = farnia2020_proximal.Protocol(TINY.with_(kind="sn_gan", critic_steps=2), lam=0.0)
    a = farnia2020_proximal.run_protocol(p, [3, 4])
    assert a == farnia2020_proximal.run_protocol(p, [3, 4])
    assert a["regular"] == a["proximal"]  # λ = 0: Algorithm 1 is regular training


def test_kinds_are_the_papers_three_gans():
    assert set(proximal.KINDS) == {"wgan_wc", "wgan_gp", "sn_gan"}


@pytest.mark.slow
def test_digits_settings_score_with_the_classifier():
    """The full grid's digits path at toy size: the quality is the classifier score (in
    [1, 10]) and the claims read it with the right orientation."""
    from verifiers.claims.farnia2020 import experiments as claims

    cfg = TINY.with_(data="digits", z_dim=4, kind="sn_gan")
    r = farnia2020_fixd.run_protocol(farnia2020_fixd.Protocol(cfg, steps=4, snapshots=2,
                                                              inner=2), [0, 1])
    q = np.asarray(r["arms"]["plain"]["quality"])
    assert r["quality_metric"].startswith("classifier") and ((q >= 1) & (q <= 10)).all()
    assert len(r["arms"]["plain"]["samples_seed0"][0][0]) == 64
    results = {"experiment": "farnia2020_fixd", "size": "tiny", "runs": [r]}
    assert claims.decide_fixd_not_nash(results).witness["samples get worse"]["protocol"]


def _settings(protocols) -> set:
    return {(p.config.data, p.config.kind) for p in protocols}


def test_grids_have_the_papers_structure():
    """Full (the CPU grid) and paper sizes: every GAN of the section on 8 Gaussians and digits;
    the quick Table 1 grid: both of its GANs on 8 Gaussians; full is the CPU grid on a CPU."""
    from verifiers.experiments import grid_name

    data = ("8gaussians", "digits")
    fixd = {(d, k) for d in data for k in ("wgan_wc", "wgan_gp", "sn_gan")}
    prox = {(d, k) for d in data for k in ("wgan_wc", "sn_gan")}
    for size in ("full", "paper"):
        assert _settings(farnia2020_fixd.SIZES[size]) == fixd
        assert _settings(farnia2020_proximal.SIZES[size]) == prox
    assert _settings(farnia2020_proximal.SIZES["quick"]) == {
        ("8gaussians", "wgan_wc"), ("8gaussians", "sn_gan")}
    assert grid_name("full") == "full" and grid_name("quick") == "quick"
