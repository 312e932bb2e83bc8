"""The hunt's phase 1 through the batched screen (verifiers.hunt._screened_draws)."""

import dataclasses
import itertools

import numpy as np
import pytest

from verifiers.certificate import Verdict
from verifiers.hunt import SCREEN_MIN_QUOTA, _screened_draws, _Search, hunt
from verifiers.registry import registry

PRINTED = registry.get("mescheder2018.lemma2.5.printed")


def _wrong(params):
    """holds everywhere (deliberately wrong: refuted for alpha < -2)"""
    return Verdict.INAPPLICABLE if PRINTED.expected_for(params) is Verdict.INAPPLICABLE \
        else Verdict.HOLDS


WRONG = dataclasses.replace(PRINTED, expected=_wrong)


def test_screened_draws_put_the_suspicious_first_and_alternate_with_plain_ones():
    draws = _screened_draws(_Search(WRONG, 100, None), {}, np.random.default_rng(0),
                            SCREEN_MIN_QUOTA)
    first = list(itertools.islice(draws, 6))
    suspicious = first[::2]
    assert all(PRINTED.expected_for(p) is Verdict.REFUTED for p in suspicious)


def test_below_the_quota_the_draws_are_plain():
    plain = _screened_draws(_Search(WRONG, 100, None), {}, np.random.default_rng(0),
                            SCREEN_MIN_QUOTA - 1)
    assert "f" in next(plain)


@pytest.mark.slow
def test_hunt_with_a_screened_phase_finds_the_wrong_region():
    result = hunt(WRONG, budget=2 * SCREEN_MIN_QUOTA + 10, seed=0)
    assert {f.kind for f in result.unexpected} == {("refuted", "holds")}
