"""Farnia & Ozdaglar 2020 claims: property tests over admissible parameters, refutability,
near-boundary behaviour, bad input."""

import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings

from verifiers import Verdict, check, registry
from verifiers.claims.farnia2020 import printed as farnia2020_printed

IDS = [
    "farnia2020.proposition1.fgan", "farnia2020.proposition1.wgan", "farnia2020.proposition1.w2gan",
    "farnia2020.theorem1.fgan", "farnia2020.theorem1.w2gan", "farnia2020.theorem1.w2gan_quadratic",
    "farnia2020.theorem1.wgan", "farnia2020.theorem1.general_sigma", "farnia2020.remark1.wgan",
    "farnia2020.remark1.w2gan", "farnia2020.t0", "farnia2020.eq7.printed",
    "farnia2020.theorem1.condition.printed",
]
FAST = {"farnia2020.proposition1.wgan", "farnia2020.proposition1.w2gan", "farnia2020.remark1.wgan",
        "farnia2020.remark1.w2gan", "farnia2020.eq7.printed", "farnia2020.t0",
        "farnia2020.proposition1.fgan"}


def _checker(cid):
    return registry.get(cid).checker


@pytest.mark.parametrize("cid", IDS)
def test_registered_and_defaults_match_expected(cid):
    claim = registry.get(cid)
    assert check(cid).verdict == claim.expected_for(params)


@pytest.mark.parametrize("cid", sorted(FAST - {"farnia2020.eq7.printed"}))
def test_fast_claims_property(cid):
    claim = registry.get(cid)

    @settings(max_examples=5)
    @given(claim.strategy())
    def run(params):
        assert check(cid, **params).verdict == claim.expected_for(params)

    run()


@pytest.mark.slow
@pytest.mark.parametrize("cid", ["farnia2020.theorem1.wgan", "farnia2020.theorem1.w2gan",
                                 "farnia2020.theorem1.w2gan_quadratic", "farnia2020.theorem1.fgan",
                                 "farnia2020.theorem1.general_sigma", "farnia2020.eq7.printed"])
def test_slow_claims_property(cid):
    claim = registry.get(cid)

    @settings(max_examples=3)
    @given(claim.strategy())
    def run(params):
        assert check(cid, **params).verdict == claim.expected_for(params)

    run()


def test_wgan_acceptance_witness():
    cert = check("farnia2020.theorem1.wgan", sigma=2, t=1)
    w = cert.witness
    assert cert.verdict == Verdict.HOLDS
    assert abs(w["deviation"]["w"]) == 1 and abs(w["deviation"]["u"]) == 1
    note = math.sqrt(2 / math.pi) * (math.exp(-0.5) - 1) + math.erf(1 / math.sqrt(2))
    assert abs(w["gain"] - note) < 1e-10 and abs(w["gain_quadrature"] - note) < 1e-9
    assert abs(w["gain"] - 0.3687463804) < 1e-10


@pytest.mark.refutes("farnia2020.theorem1.wgan")
def test_wgan_refuted_when_data_narrower():
    assert _checker("farnia2020.theorem1.wgan")(sigma=0.5, t=1.0).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.theorem1.w2gan")
def test_w2gan_refuted_when_data_narrower():
    out = _checker("farnia2020.theorem1.w2gan")(sigma=0.7, t=1.0, d=1)
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.theorem1.w2gan_quadratic")
def test_w2gan_quadratic_refuted_when_data_narrower():
    out = _checker("farnia2020.theorem1.w2gan_quadratic")(sigma=0.7, t=1.0, d=2)
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.theorem1.fgan")
@pytest.mark.parametrize("name", ["kl", "neyman"])
def test_fgan_refuted_when_data_narrower(name):
    out = _checker("farnia2020.theorem1.fgan")(sigma=0.8, t=1.0, d=1, divergence=name)
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.theorem1.general_sigma")
def test_general_sigma_refuted_when_lambda_max_below_one():
    check_general = _checker("farnia2020.theorem1.general_sigma")
    out = check_general(Sigma=np.diag([0.5, 0.8]), t=1.0, game="w2gan")
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.proposition1.fgan")
def test_prop1_fgan_refuted_when_not_realisable():
    out = _checker("farnia2020.proposition1.fgan")(sigma=1.5, d=1, divergence="js")
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.proposition1.wgan")
def test_prop1_wgan_refuted_when_not_realisable():
    assert _checker("farnia2020.proposition1.wgan")(sigma=1.5).final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.proposition1.w2gan")
def test_prop1_w2gan_refuted_when_not_realisable():
    out = _checker("farnia2020.proposition1.w2gan")(sigma=1.5, d=2)
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.remark1.wgan")
def test_remark1_wgan_refuted_when_data_wider():
    out = _checker("farnia2020.remark1.wgan")(sigma=1.5, t=1.0, reading="adds")
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.remark1.w2gan")
def test_remark1_w2gan_refuted_when_data_wider():
    for reading in ("adds", "replaces"):
        out = _checker("farnia2020.remark1.w2gan")(sigma=1.5, t=1.0, d=2, reading=reading)
        assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.t0")
@pytest.mark.parametrize("game", ["wgan", "w2gan", "kl", "neyman"])
def test_t0_refuted_when_t_positive(game):
    out = _checker("farnia2020.t0")(sigma=1.5, d=1, game=game, t=0.5)
    assert out.final_verdict() == Verdict.REFUTED


@pytest.mark.refutes("farnia2020.eq7.printed")
def test_eq7_printed_refuted_and_can_hold(monkeypatch):
    assert _checker("farnia2020.eq7.printed")(sigma=1.3, d=2).final_verdict() == Verdict.REFUTED
    from theory.gaussian_games import fgan

    real = fgan.divergence
    monkeypatch.setattr(fgan, "divergence", lambda name, *a: real("kl", *a))
    assert _checker("farnia2020.eq7.printed")(sigma=1.3, d=2).final_verdict() != Verdict.REFUTED


@pytest.mark.refutes("farnia2020.theorem1.condition.printed")
def test_condition_printed_refuted_by_neyman_only(monkeypatch):
    cert = check("farnia2020.theorem1.condition.printed")
    assert cert.verdict == Verdict.REFUTED and cert.witness["neyman"]["holds"] is False
    monkeypatch.setattr(farnia2020_printed.fdiv, "NOWOZIN_EXAMPLES", ("kl", "rkl", "js"))
    assert _checker("farnia2020.theorem1.condition.printed")().final_verdict() == Verdict.HOLDS


@pytest.mark.parametrize("cid, params", [("farnia2020.theorem1.wgan", {"sigma": 2.0, "t": 1e-6}),
                                         ("farnia2020.theorem1.w2gan", {"sigma": 1 + 1e-9, "t": 0.5,
                                                                        "d": 1})])
def test_near_boundary_never_wrong(cid, params):
    assert check(cid, **params).verdict in (Verdict.HOLDS, Verdict.INCONCLUSIVE)


def test_pearson_degenerate_gap_is_infinite():
    cert = check("farnia2020.theorem1.fgan", sigma=1.5, divergence="pearson", d=1)
    assert cert.verdict == Verdict.HOLDS and cert.margin == math.inf


@pytest.mark.parametrize("cid, params, match", [
    ("farnia2020.theorem1.wgan", {"sigma": -1.0}, "sigma"),
    ("farnia2020.theorem1.wgan", {"sigma": float("nan")}, "sigma"),
    ("farnia2020.theorem1.w2gan", {"t": 0.0}, "t"),
    ("farnia2020.remark1.wgan", {"sigma": 1.5}, "sigma"),
    ("farnia2020.theorem1.general_sigma", {"Sigma": [[2.0, 1.0], [0.0, 1.0]]}, "symmetric"),
    ("farnia2020.theorem1.general_sigma", {"Sigma": [[0.5, 0.0], [0.0, 0.9]]}, "lambda_max"),
    ("farnia2020.theorem1.general_sigma", {"Sigma": [[np.nan]]}, "finite"),
    ("farnia2020.t0", {"game": "wgan", "d": 2}, "d=2"),
])
def test_bad_input_rejected(cid, params, match):
    with pytest.raises(ValueError, match=match):
        check(cid, **params)


def test_cli_exit_codes():
    base = [sys.executable, "-m", "verifiers.cli", "check", "farnia2020.theorem1.general_sigma"]
    bad = subprocess.run(base + ["--param", "Sigma=[[2,1],[0,1]]"], capture_output=True, text=True)
    assert bad.returncode == 2 and "symmetric" in bad.stderr
