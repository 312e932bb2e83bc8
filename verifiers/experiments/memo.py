"""A disk memo of experiment results, keyed by everything that determines them.

An experiment is deterministic: its results are a function of the experiment's
name, size and number of seeds, of the code that trains and measures (every
``.py`` file of the packages ``theory`` and ``verifiers``), of the versions of the
numerical libraries and of the JAX backend. The key is the SHA-256 of all of
these, so a run with any of them changed trains again; a second ``ganeq
reproduce`` on an unchanged checkout reads the results instead of retraining.

Files live in ``$GANEQ_EXPERIMENT_CACHE``, by default
``$XDG_CACHE_HOME/ganeq/experiments`` (``~/.cache/ganeq/experiments``);
``GANEQ_EXPERIMENT_CACHE=0`` (or an empty value) turns the memo off. A file that
cannot be read or parsed is ignored, a directory that cannot be written leaves the
memo off, and a file is written to a temporary name and renamed, so a killed run
never leaves half a result behind.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path

ENV = "GANEQ_EXPERIMENT_CACHE"
PACKAGES = ("theory", "verifiers")
LIBRARIES = ("jax", "jaxlib", "numpy", "scipy", "optax", "pot", "scikit-learn")
ROOT = Path(__file__).resolve().parents[2]


def directory() -> Path | None:
    """The memo's directory asked for by the environment, or None when it is off."""
    value = os.environ.get(ENV)
    if value is None:  # beside the JAX compilation cache: ganeq/jax -> ganeq/experiments
        from theory import _config

        return Path(_config.default_cache_dir()).parent / "experiments"
    return None if value.strip() in ("", "0") else Path(value)


@cache
def code_digest() -> str:
    """SHA-256 over the relative path and bytes of every ``.py`` file of ``PACKAGES``."""
    h = hashlib.sha256()
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def key(name: str, size: str, seeds: int | None) -> str:
    """The memo key of one run (hex SHA-256)."""
    import jax

    parts = {"experiment": name, "size": size, "seeds": seeds, "code": code_digest(),
             "backend": jax.default_backend(),
             "devices": sorted({d.device_kind for d in jax.devices()}),
             "versions": {lib: _version(lib) for lib in LIBRARIES}}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def recall(run_key: str) -> tuple[dict, Path] | None:
    """The stored results of ``run_key`` and their file, or None (off, absent or unreadable)."""
    folder = directory()
    if folder is None:
        return None
    path = folder / f"{run_key}.json"
    try:
        return json.loads(path.read_text()), path
    except (OSError, ValueError):
        return None


def store(run_key: str, results: dict) -> Path | None:
    """Write ``results`` under ``run_key`` atomically; the file, or None when the memo is off
    or its directory is not writable (then nothing is written)."""
    folder = directory()
    if folder is None:
        return None
    from verifiers.cli import write_file

    path = folder / f"{run_key}.json"
    try:
        write_file(path, json.dumps(results, allow_nan=True))
    except (OSError, TypeError, ValueError):
        return None
    return path
