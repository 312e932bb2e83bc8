"""The decision rules of empirical claims on synthetic paired samples."""

import numpy as np
import pytest

from verifiers import Verdict
from verifiers.empirical import Protocol, combine, equivalent, less

P = Protocol(experiment="synthetic", size="tiny", seeds=list(range(12)), metric="m", unit="seed")
RNG = np.random.default_rng(0)
A = 1.0 + 0.05 * RNG.normal(size=12)
B = A + 0.5 + 0.05 * RNG.normal(size=12)


def test_ordering_holds_and_swapped_arms_are_refuted():
    good = less("A", A, "B", B, protocol=P)
    assert good.final_verdict() is Verdict.HOLDS and good.margin > 0
    swapped = less("B", B, "A", A, protocol=P)
    assert swapped.final_verdict() is Verdict.REFUTED and swapped.margin < 0
    assert swapped.witness["level"] == 0.05 and swapped.witness["protocol"]["seeds"] == P.seeds


@pytest.mark.parametrize("test", ["wilcoxon", "sign"])
def test_ordering_is_inconclusive_when_seeds_do_not_separate(test):
    out = less("A", A, "C", A + 0.01 * np.arange(1, 13) * np.tile([1, -1], 6), protocol=P,
               test=test)
    assert out.final_verdict() is Verdict.INCONCLUSIVE


def test_equal_arms_are_inconclusive_not_a_disproof():
    assert less("A", A, "A", A, protocol=P).final_verdict() is Verdict.INCONCLUSIVE


def test_equivalence_holds_refuted_inconclusive():
    assert equivalent("A", A, "A'", A * 1.01, protocol=P, delta=0.25).final_verdict() is \
        Verdict.HOLDS
    assert equivalent("A", A, "2A", 2 * A, protocol=P, delta=0.25).final_verdict() is \
        Verdict.REFUTED
    wide = A * np.exp(0.15 + 0.8 * np.tile([1, -1], 6))
    assert equivalent("A", A, "W", wide, protocol=P, delta=0.25).final_verdict() is \
        Verdict.INCONCLUSIVE


def test_combine_refuted_beats_inconclusive_beats_holds():
    h = less("A", A, "B", B, protocol=P)
    r = less("B", B, "A", A, protocol=P)
    i = less("A", A, "A", A, protocol=P)
    assert combine({"h": h, "i": i}, "s").final_verdict() is Verdict.INCONCLUSIVE
    assert combine({"h": h, "r": r, "i": i}, "s").final_verdict() is Verdict.REFUTED
    assert combine({"h": h, "h2": h}, "s").final_verdict() is Verdict.HOLDS


def test_unpaired_samples_are_rejected():
    with pytest.raises(ValueError, match="paired"):
        less("A", A, "B", B[:5], protocol=P)
