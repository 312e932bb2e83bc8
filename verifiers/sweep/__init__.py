"""Batched sweeps: many instances of one claim screened by a jit + vmap margin.

``ganeq check CLAIM --samples N``, ``ganeq hunt`` and ``ganeq map`` evaluate the
margins of many instances with a claim's batched margin (:class:`~verifiers.sweep.spec.Batched`,
defined in ``verifiers/sweep/<paper>.py``) in fixed, padded chunks sharded over
``jax.devices()`` (:mod:`verifiers.sweep.engine`), and run the full certifying
check only where it is needed (:mod:`verifiers.sweep.run`).

:func:`batched_for` is a lazy index from claim id to module: nothing here imports
JAX or a claim module until a sweep asks for a batched margin.
"""

from __future__ import annotations

import importlib

MODULES = {
    "farnia2020.theorem1.w2gan": "farnia2020",
    "farnia2020.theorem1.wgan": "farnia2020",
    "farnia2020.theorem1.w2gan_quadratic": "farnia2020",
    "farnia2020.theorem1.fgan": "farnia2020",
    "farnia2020.proposition1.wgan": "farnia2020",
    "farnia2020.remark1.wgan": "farnia2020",
    "farnia2020.remark1.w2gan": "farnia2020",
    "mescheder2018.lemma2.5.printed": "mescheder2018",
    "mescheder2018.lemma2.5": "mescheder2018",
}
"""Claim id -> module of ``verifiers.sweep`` defining its batched margin in ``BATCHED``."""


def batched_for(claim_id: str):
    """The :class:`~verifiers.sweep.spec.Batched` margin of ``claim_id``, or None."""
    module = MODULES.get(claim_id)
    if module is None:
        return None
    return importlib.import_module(f"verifiers.sweep.{module}").BATCHED[claim_id]
