"""Hsieh, Liu & Cevher 2019, §5.1 as an empirical claim: Mirror-GAN (Algorithm 3) and
Mirror-Prox-GAN (Algorithm 6) against Adam on the synthetic mixtures
(:mod:`verifiers.experiments.hsieh2019_synthetic`), decided by one-sided paired Wilcoxon tests
over seeds (:mod:`verifiers.empirical`; Bonferroni over the two comparisons).

The paper judges the fits by eye (Figure 1) and reports no metric; we read "fit the true
distribution better" as a lower W1 to the data after the same number of mini-batches.

Expected verdict: ``refuted``, what the quick and the full CPU grids measure (a finding at
laptop scale, in ``erratum``; the paper's networks are 16 times wider and train 25 times
longer): Mirror-GAN ends with a higher W1 than Adam on every seed.
"""

from __future__ import annotations

import numpy as np

from verifiers import empirical, experiments
from verifiers.certificate import Verdict
from verifiers.claim import claim

CHALLENGERS = ("mirror_gan", "mirror_prox_gan")


def final_w1(results: dict, method: str) -> np.ndarray:
    """Final W1 of ``method``, one value per (data set, seed) unit."""
    return np.concatenate([np.asarray(d["methods"][method]["w1"], dtype=float)[:, -1]
                           for d in results["datasets"].values()])


def _details(results: dict) -> str:
    """The setting and each method's step per data set (and how the steps were chosen)."""
    cfg, labels, tuning = results["config"], results["labels"], results["tuning_seeds"]
    steps = "; ".join(
        f"{name}: " + ", ".join(f"{labels[m]} {r['lr']:g}" for m, r in d["methods"].items())
        for name, d in results["datasets"].items())
    chosen = f"selected on tuning seeds {tuning}" if tuning else "fixed"
    return (f"WGAN-GP, width {cfg['hidden']}, {cfg['iterations']} mini-batches per player; "
            f"steps ({chosen}): {steps}")


def decide_mirror_fits_better(results: dict, level: float = empirical.LEVEL):
    labels = results["labels"]
    protocol = empirical.Protocol(
        experiment=results["experiment"], size=results["size"],
        seeds=results["seeds"], metric="W1 to the data after the same number of mini-batches",
        unit="seed × data set (" + ", ".join(results["datasets"]) + ")",
        details=_details(results))
    adam = final_w1(results, "adam")
    parts = {labels[m]: empirical.less(labels[m], final_w1(results, m), "Adam", adam,
                                       level=level / len(CHALLENGERS), protocol=protocol)
             for m in CHALLENGERS}
    return empirical.combine(parts, "Mirror-GAN and Mirror-Prox-GAN reach a lower W1 to the "
                                    "data than Adam")


@claim(
    "hsieh2019.section5_1.mirror_fits_better",
    derivation="experiments.md#hsieh2019section5_1mirror_fits_better",
    reference="Hsieh, Liu & Cevher 2019, Section 5.1 (Figure 1)",
    statement="On the synthetic mixtures, Mirror-GAN (Algorithm 3) and Mirror-Prox-GAN "
              "(Algorithm 6) fit the data better than Adam after the same number of "
              "mini-batches, read as a lower W1 to the data. Decided by one-sided paired "
              "Wilcoxon tests over seeds, Bonferroni over the two comparisons at level 0.05.",
    params=[],
    expected=Verdict.REFUTED,
    erratum="Not at laptop scale: on the quick grid (8 Gaussians, width 32, 4000 mini-batches, "
            "six seeds, each method at the step the full CPU grid selected on its tuning "
            "seeds) Mirror-GAN ends with a higher W1 than Adam on all six seeds (medians 1.33 "
            "and 0.36; p = 1/64) and Mirror-Prox-GAN does not separate from Adam (lower on "
            "four of six seeds); the full CPU grid (three data sets) agrees.",
    slow=True,
)
def check_section5_1_mirror_fits_better():
    return decide_mirror_fits_better(experiments.run("hsieh2019_synthetic", "quick"))
