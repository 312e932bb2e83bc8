"""Proximal equilibria of the W2GAN and the 1-D WGAN (Farnia & Ozdaglar 2020, §4–5;
``docs/derivations/farnia2020.md``): the reduced proximal program and its Newton and
barrier solvers (:mod:`.objective`), the linear-Gaussian W2GAN
(:mod:`.w2gan`), exact thresholds and Theorem 2's identity (:mod:`.threshold`),
the 1-D WGAN proximal objective (:mod:`.wgan1d`) and the training dynamics'
closed-form Jacobians (:mod:`.dynamics`)."""

from theory import _config  # noqa: F401
from theory.proximal.objective import (
    Problem,
    Solution,
    b_closed_form,
    moment_residuals,
    reduced_objective,
    solve,
    solve_barrier,
)

__all__ = ["Problem", "Solution", "b_closed_form", "moment_residuals", "reduced_objective",
           "solve", "solve_barrier"]
