"""Empirical claims of Mescheder et al. 2018, §5 (Figure 5), decided over seeds on the
experiment ``mescheder2018_fig5`` (``verifiers/experiments/mescheder2018_fig5.py``).

Each check runs the experiment's quick grid (memoised: both claims share one
training run) and hands the per-unit W1 values of the arms to
:mod:`verifiers.empirical`. ``ganeq experiment mescheder2018_fig5`` decides the
same functions on the full grid.
"""

from __future__ import annotations

import dataclasses

from verifiers import empirical, experiments
from verifiers.claim import claim
from verifiers.outcomes import Outcome

EXPERIMENT = "mescheder2018_fig5"
PENALTIES = ("R1", "R2")
OTHERS = ("unregularised", "WGAN-GP-1", "WGAN-GP-5")
EQUIVALENCE_DELTA = 0.25
"""R1 ≈ R2 means: mean paired W1 ratio within a factor 1.25 either way."""


def _protocol(results: dict) -> empirical.Protocol:
    g = results["grid"]
    return empirical.Protocol(
        experiment=EXPERIMENT, size=results["size"], seeds=results["seeds"],
        metric=(f"W1 to the data averaged over the last fifth of training (exact EMD on "
                f"samples at iterations {g['w1_snapshots']})"),
        unit=("data set x architecture x seed (same initial weights for every arm), at each "
              "method's best hyper-parameters"),
        details=(f"{g['iterations']} iterations, batch {g['batch']}, data sets "
                 f"{', '.join(g['datasets'])}, architectures {g['architectures']}, optimisers "
                 f"{g['optimizers']}, gamma in {g['gammas']}; W1 on {g['w1_samples']} samples, "
                 f"{g['w1_resamples']} resamples per snapshot, {g['prng']} generator"))


def _arm(results: dict, method: str, metric: str = "w1") -> tuple[list, list[float]]:
    best = results["best"][method]
    return best["units"], best[metric]


def _orderings(results: dict, penalties, others, metric: str, what: str) -> Outcome:
    """Each of ``penalties`` below each of ``others`` in ``metric``: one paired one-sided
    test per pair, each at level LEVEL / (number of pairs) (Bonferroni)."""
    protocol = _protocol(results)
    if metric != "w1":
        protocol = dataclasses.replace(protocol, metric=what)
    pairs = [(p, o) for p in penalties for o in others]
    parts = {}
    for p, o in pairs:
        units_p, w_p = _arm(results, p, metric)
        units_o, w_o = _arm(results, o, metric)
        if units_p != units_o:
            raise ValueError(f"arms {p} and {o} are not paired")
        parts[f"{p} <= {o}"] = empirical.less(p, w_p, o, w_o, protocol=protocol,
                                              level=empirical.LEVEL / len(pairs))
    return empirical.combine(
        parts, f"{what}: {' and '.join(penalties)} <= {', '.join(others)} (family-wise level "
               f"{empirical.LEVEL:g}, Bonferroni over {len(pairs)} paired tests)",
        extra={"energy": _energy(results)})


def decide_penalties_best(results: dict, penalties=PENALTIES, others=OTHERS) -> Outcome:
    """R1 and R2 each below every other method in W1."""
    return _orderings(results, penalties, others, "w1", "W1")


def decide_flat_discriminator(results: dict, penalties=PENALTIES, others=OTHERS) -> Outcome:
    """R1 and R2 each end with a smaller mean ‖∇D‖ near the data (data + N(0, 0.1² I))
    than every other method: D flat around the data rather than a potential."""
    return _orderings(results, penalties, others, "grad_near", "mean |grad D| near the data")


def decide_r1_equals_r2(results: dict, arms=PENALTIES, scale_b: float = 1.0) -> Outcome:
    """R1 ≈ R2 in W1: two one-sided tests with the margin EQUIVALENCE_DELTA
    (``scale_b`` multiplies the second arm: 1 except in the perturbation test)."""
    (units_a, a), (units_b, b) = _arm(results, arms[0]), _arm(results, arms[1])
    if units_a != units_b:
        raise ValueError(f"arms {arms} are not paired")
    return empirical.equivalent(arms[0], a, arms[1], [scale_b * v for v in b],
                                protocol=_protocol(results), delta=EQUIVALENCE_DELTA)


def _energy(results: dict) -> dict:
    """Per method: median D and ‖∇D‖ on the data and ‖∇D‖ near it (what the paper's
    supplement says separates R1/R2 solutions from energy solutions)."""
    import numpy as np

    return {m: {k: float(np.median(b[k])) for k in ("d_data", "grad_data", "grad_near")}
            for m, b in results["best"].items()}


@claim("mescheder2018.fig5.penalties_best",
       reference="Mescheder et al. 2018, Section 5 and Figure 5",
       statement="On the 2-D problems, R1- and R2-regularised training reach a Wasserstein-1 "
                 "distance to the data no larger than unregularised training and WGAN-GP "
                 "with 1 or 5 critic steps (paired one-sided Wilcoxon tests over seeds, "
                 "family-wise level 0.05).",
       params=[], slow=True, derivation="experiments.md#mescheder2018fig5penalties_best")
def check_fig5_penalties_best():
    return decide_penalties_best(experiments.run(EXPERIMENT, "quick"))


@claim("mescheder2018.fig5.r1_equals_r2",
       reference="Mescheder et al. 2018, Section 5 and Figure 5",
       statement="On the 2-D problems, R1 and R2 regularisation perform similarly: the mean "
                 "paired ratio of their Wasserstein-1 distances lies within a factor 1.25 "
                 "(bootstrap two one-sided tests, level 0.05).",
       params=[], slow=True, derivation="experiments.md#mescheder2018fig5r1_equals_r2")
def check_fig5_r1_equals_r2():
    return decide_r1_equals_r2(experiments.run(EXPERIMENT, "quick"))


@claim("mescheder2018.fig5.flat_discriminator",
       reference="Mescheder et al. 2018, Section 5 and supplement F (Figure 9)",
       statement="On the 2-D problems, R1- and R2-regularised training end with a "
                 "discriminator flatter near the data than unregularised training and WGAN-GP: "
                 "a smaller mean gradient norm of D at the data plus N(0, 0.01 I) noise (paired "
                 "one-sided Wilcoxon tests over seeds, family-wise level 0.05).",
       params=[], slow=True, derivation="experiments.md#mescheder2018fig5flat_discriminator")
def check_fig5_flat_discriminator():
    return decide_flat_discriminator(experiments.run(EXPERIMENT, "quick"))


DECISIONS = {
    "mescheder2018.fig5.flat_discriminator": decide_flat_discriminator,
    "mescheder2018.fig5.penalties_best": decide_penalties_best,
    "mescheder2018.fig5.r1_equals_r2": decide_r1_equals_r2,
}
"""Claim id -> decision on an experiment's results (used by ``ganeq experiment``)."""
