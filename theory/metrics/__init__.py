"""Metrics of trained generators against their data: Wasserstein-1 by exact optimal
transport on samples (:mod:`theory.metrics.wasserstein`)."""
