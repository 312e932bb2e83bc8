"""Claim modules, one per paper topic; each exposes ``CLAIMS``.

Modules are discovered by :mod:`verifiers.registry`; names start with the
paper key (``mescheder2018_*``, ``farnia2020_*``, ``hsieh2019_*``) or
``ganeq_*`` for results of our own.
"""
