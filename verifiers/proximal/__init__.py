"""Checkers for proximal equilibria (Farnia & Ozdaglar 2020, §4–5): λ-PE decisions in units
η = 1 (certificate, Newton witnesses with error bounds, the threshold by certified bisection
of the autodiff curvature) and the untrusted batched search (:mod:`.pe`); GDA vs proximal
training maps and their autodiff Jacobians (:mod:`.training`)."""

from theory import _config  # noqa: F401
