"""Farnia & Ozdaglar 2020, §2, §6.1 and §6.2 as empirical claims: small GANs trained on the CPU
(:mod:`verifiers.experiments.farnia2020_fixd`, :mod:`verifiers.experiments.farnia2020_proximal`),
each statement decided by one-sided paired Wilcoxon tests over the seeds of one batched run
(:mod:`verifiers.empirical`; the parts of a claim share its level by Bonferroni).

The quick run (``ganeq reproduce``) is a WGAN-GP on 8 Gaussians (fix-D) and WGAN-WC and SN-GAN
on 8 Gaussians (proximal training); ``ganeq experiment NAME`` runs the full grid (fix-D: three
GANs, proximal training: two, each on 8 Gaussians and digits; reduced on a CPU).
The sample quality is W1 to the data (lower is better) on 2-D data and the digits classifier
score (higher is better) on digits; a statement about "worse samples" reads it in that sense.
"""

from __future__ import annotations

import numpy as np

from verifiers import empirical, experiments
from verifiers.claim import claim


def _protocol(results: dict, metric: str, details: str = "") -> empirical.Protocol:
    runs = results["runs"]
    return empirical.Protocol(
        experiment=results["experiment"], size=results["size"],
        seeds=runs[0]["seeds"], metric=metric,
        unit="seed × setting (" + "; ".join(r["setting"] for r in runs) + ")", details=details)


def _pooled(runs, get) -> np.ndarray:
    """``get(run)`` (one value per seed) concatenated over the settings: the paired units."""
    return np.concatenate([np.asarray(get(r), dtype=float) for r in runs])


def _worse(run, q) -> np.ndarray:
    """Quality values oriented so that larger is worse (W1 as is; the score negated)."""
    q = np.asarray(q, dtype=float)
    return -q if run["quality_metric"].startswith("classifier") else q


def decide_fixd_not_nash(results: dict, level: float = empirical.LEVEL):
    """§2 on a ``farnia2020_fixd`` results dict: V falls and the samples get worse (plain arm)."""
    runs = [r["arms"]["plain"] | {"quality_metric": r["quality_metric"]} for r in results["runs"]]
    v0, v1 = _pooled(runs, lambda a: np.asarray(a["V"])[:, 0]), _pooled(
        runs, lambda a: np.asarray(a["V"])[:, -1])
    q0 = _pooled(runs, lambda a: _worse(a, np.asarray(a["quality"])[:, 0]))
    q1 = _pooled(runs, lambda a: _worse(a, np.asarray(a["quality"])[:, -1]))
    details = (f"{results['runs'][0]['steps']} generator steps with D fixed after training")
    parts = {
        "objective falls": empirical.less(
            "V after", v1, "V before", v0, level=level / 2,
            protocol=_protocol(results, "V(G, D_final)", details)),
        "samples get worse": empirical.less(
            "quality loss before", q0, "quality loss after", q1, level=level / 2,
            protocol=_protocol(results, "sample-quality loss (W1, or minus the score)",
                               details)),
    }
    return empirical.combine(
        parts, "with D fixed, generator descent lowers V(G, D_final) and worsens the samples "
               "(the trained pair is not a local Nash equilibrium)")


@claim(
    "farnia2020.section2.fixd_not_nash",
    derivation="experiments.md#farnia2020section2fixd_not_nash",
    reference="Farnia & Ozdaglar 2020, Section 2 (eq. (5), Figures 1-2) and Section 6.1",
    statement="After GAN training, fixing the trained discriminator and continuing to optimise "
              "the generator keeps lowering the objective V(G, D_final) while the samples "
              "lose quality: the trained pair is not a local Nash equilibrium. Decided by "
              "one-sided paired Wilcoxon tests over seeds (V after < V before; quality loss "
              "after > before), Bonferroni over the two parts at level 0.05.",
    params=[],
    slow=True,
)
def check_section2_fixd_not_nash():
    return decide_fixd_not_nash(experiments.run("farnia2020_fixd", "quick"))


def decide_fixd_proximal(results: dict, level: float = empirical.LEVEL):
    """§6.1 on a ``farnia2020_fixd`` results dict: the proximal arm changes V and the sample
    quality less than the plain arm."""
    runs = results["runs"]
    dv = {arm: _pooled(runs, lambda r, arm=arm: np.abs(r["arms"][arm]["dV"]))
          for arm in ("plain", "proximal")}
    dq = {arm: _pooled(runs, lambda r, arm=arm: _worse(r, r["arms"][arm]["dQ"]))
          for arm in ("plain", "proximal")}
    details = (f"lambda = {runs[0]['lam']}, Sobolev norm, {runs[0]['inner']} inner Adam steps "
               f"per generator step, {runs[0]['steps']} steps")
    parts = {
        "objective stays flatter": empirical.less(
            "|dV| proximal", dv["proximal"], "|dV| plain", dv["plain"], level=level / 2,
            protocol=_protocol(results, "|V(G_end, D_final) - V(G_final, D_final)|", details)),
        "samples degrade less": empirical.less(
            "quality loss proximal", dq["proximal"], "quality loss plain", dq["plain"],
            level=level / 2,
            protocol=_protocol(results, "change of the sample-quality loss", details)),
    }
    return empirical.combine(
        parts, "with D fixed, descent on the proximal objective changes V(G, D_final) and the "
               "samples less than plain descent (a local proximal equilibrium)")


@claim(
    "farnia2020.section6_1.fixd_proximal",
    derivation="experiments.md#farnia2020section6_1fixd_proximal",
    reference="Farnia & Ozdaglar 2020, Section 6.1 (eq. (19), Figures 4-5)",
    statement="With the trained discriminator fixed, optimising the generator on the proximal "
              "objective (lambda = 0.1, Sobolev norm (15), inner maximisation by Adam) changes "
              "V(G, D_final) and the sample quality less than optimising V itself: the trained "
              "pair behaves as a local proximal equilibrium. Decided by one-sided paired "
              "Wilcoxon tests over seeds, Bonferroni over the two parts at level 0.05.",
    params=[],
    slow=True,
)
def check_section6_1_fixd_proximal():
    return decide_fixd_proximal(experiments.run("farnia2020_fixd", "quick"))


def decide_proximal_training(results: dict, level: float = empirical.LEVEL):
    """§6.2 on a ``farnia2020_proximal`` results dict: proximal training gives better samples
    (lower W1 / higher score) than regular training, pooled over the settings."""
    runs = results["runs"]
    reg = _pooled(runs, lambda r: _worse({"quality_metric": r["metric"]}, r["regular"]))
    prox = _pooled(runs, lambda r: _worse({"quality_metric": r["metric"]}, r["proximal"]))
    details = f"lambda = {runs[0]['lam']}, {runs[0]['config']['critic_steps']} critic steps"
    return empirical.less(
        "quality loss proximal", prox, "quality loss regular", reg, level=level,
        protocol=_protocol(results, "sample-quality loss of the final generator (W1, or minus "
                                    "the classifier score)", details))


@claim(
    "farnia2020.section6_2.proximal_training",
    derivation="experiments.md#farnia2020section6_2proximal_training",
    reference="Farnia & Ozdaglar 2020, Section 6.2 (Algorithm 1, Table 1)",
    statement="Proximal training (Algorithm 1, Sobolev proximal term, lambda = 0.1) gives "
              "better samples than regular training with the same critic steps: lower W1 to "
              "the data on 2-D data, a higher classifier score on digits. Decided by a "
              "one-sided paired Wilcoxon test over seeds at level 0.05.",
    params=[],
    slow=True,
)
def check_section6_2_proximal_training():
    return decide_proximal_training(experiments.run("farnia2020_proximal", "quick"))
