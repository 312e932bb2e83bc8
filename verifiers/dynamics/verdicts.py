"""Reading a simulated trajectory as a verdict (Table 1's "simulated" cells).

The labels, decided in this order from the norms ``r_k`` of the recorded
iterates (``r_0`` the start, ``r_K`` the last):

* ``diverges``: a non-finite iterate;
* ``converges``: ``r_K < CONVERGED`` (with the rate fitted on the window);
* ``non-Nash point``: the last step moved less than ``STATIONARY`` while
  ``r_K > 1e-6`` (a stationary point that is not (0, 0));
* ``slow decay`` / ``moves away``: the mean norm over the last 10% of the run
  is more than 5% below / above the mean over the 10% before the last 50%, or
  (moves away) ``r_K > 2 r_0`` is the largest norm so far and still growing;
* ``cycle``: otherwise, with the band of norms over the last 20%.
"""

from __future__ import annotations

import numpy as np

CONVERGED = 1e-10
STATIONARY = 1e-12


def classify(xs, every: int = 1) -> str:
    """A one-line verdict for the trajectory ``xs`` (shape ``(K + 1, d)``, at least 10
    iterates: the labels compare tenths of the run)."""
    xs = np.asarray(xs)
    if xs.ndim != 2 or len(xs) < 10:
        raise ValueError(f"xs has shape {xs.shape}; classify needs (K + 1, d) with K + 1 >= 10")
    r = np.linalg.norm(xs, axis=1)
    if not np.all(np.isfinite(r)):
        return "diverges"
    if r[-1] < CONVERGED:
        return "converges"
    if np.linalg.norm(xs[-1] - xs[-2]) < STATIONARY * every and r[-1] > 1e-6:
        theta, psi = xs[-1][0], xs[-1][1:]
        side = "+" if psi[0] > 0 else "−" if psi[0] < 0 else ""
        return f"non-Nash point ({theta:.3g}, 0{side})"
    n = len(r)
    last, middle = r[-n // 10:].mean(), r[n // 2 - n // 10: n // 2].mean()
    if last < 0.95 * middle:
        return f"slow decay (r {r[0]:.2g} → {r[-1]:.2g})"
    if last > 1.05 * middle or (r[-1] > 2 * r[0] and r[-1] >= r[:-1].max() and last > middle):
        return f"moves away (r {r[0]:.2g} → {r[-1]:.2g})"
    band = r[-n // 5:]
    return f"cycle (r ∈ [{band.min():.2g}, {band.max():.2g}])"
