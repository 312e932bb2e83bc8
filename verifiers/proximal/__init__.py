"""Checkers for proximal equilibria (Farnia & Ozdaglar 2020, §4–5): λ-PE gaps by
batched search with the Proposition-4 gradient and certified bounds
(:mod:`.pe`), thresholds by bisection, and GDA vs proximal training
(:mod:`.training`)."""

from theory import _config  # noqa: F401
