"""The one place where ganeq configures JAX.

Every entry point (``theory``, ``verifiers``, ``figures``, the CLI, the tests)
imports this module before anything else touches JAX, so all arrays are
float64 (``jax_enable_x64``) and the CPU backend is used unless the user asks
for another platform through ``JAX_PLATFORMS``.

Importing it also turns on JAX's persistent compilation cache (compiled XLA
kernels kept on disk, so a second process loads them instead of compiling them
again) in ``$GANEQ_JAX_CACHE``, by default ``$XDG_CACHE_HOME/ganeq/jax`` or
``~/.cache/ganeq/jax``. ``GANEQ_JAX_CACHE=0`` (or an empty value) turns it off;
a directory that cannot be created or written leaves it off, silently: the cache
only saves time, it never changes a result.

On the jaxlib series the project pins (:data:`FAST_COMPILE_SERIES`), XLA's CPU backend is
asked for its older loop emitters (``--xla_cpu_use_fusion_emitters=false``, added to
``XLA_FLAGS`` unless that flag is already there): they compile ganeq's many small kernels
in about 60 % of the time of the newer MLIR fusion emitters, with the same verdicts and
margins on every claim compared and every pinned certificate passing
(``benchmarks/README.md``, *Compilation*). Other jaxlib versions keep XLA's default: an
unknown flag stops XLA.
"""

import os

FAST_COMPILE_FLAG = "--xla_cpu_use_fusion_emitters=false"
FAST_COMPILE_SERIES = ("0.10",)
"""The jaxlib ``major.minor`` series on which :data:`FAST_COMPILE_FLAG` was measured."""


def _jaxlib_series() -> str | None:
    """``major.minor`` of the installed jaxlib (its ``version`` module: a string, no XLA)."""
    try:
        from jaxlib.version import __version__
    except ImportError:
        return None
    return ".".join(__version__.split(".")[:2])


def xla_flags(current: str, series: str | None) -> str:
    """``current`` (the user's ``XLA_FLAGS``) with :data:`FAST_COMPILE_FLAG` added when
    ``series`` is one of :data:`FAST_COMPILE_SERIES` and the user did not set that flag."""
    name = FAST_COMPILE_FLAG.split("=")[0]
    if series not in FAST_COMPILE_SERIES or name in current:
        return current
    return f"{current} {FAST_COMPILE_FLAG}".strip()


os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ["XLA_FLAGS"] = xla_flags(os.environ.get("XLA_FLAGS", ""), _jaxlib_series())

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)

DTYPE = "float64"
CACHE_ENV = "GANEQ_JAX_CACHE"


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/ganeq/jax`` (``~/.cache/ganeq/jax`` when XDG_CACHE_HOME is unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ganeq", "jax")


def cache_dir() -> str | None:
    """The persistent cache directory asked for by the environment, or None when off."""
    value = os.environ.get(CACHE_ENV)
    if value is None:
        return default_cache_dir()
    return None if value.strip() in ("", "0") else value


def enable_compilation_cache(path: str | None = None) -> str | None:
    """Turn on JAX's persistent compilation cache in ``path`` (default :func:`cache_dir`).

    Every kernel is cached, however small or quick to compile: a ``ganeq`` run
    compiles hundreds of small kernels, and loading each is cheaper than compiling it.
    Returns the directory, or None when the cache is off or the directory is not
    writable (then nothing changes).
    """
    path = path or cache_dir()
    if path is None:
        return None
    try:
        os.makedirs(path, exist_ok=True)
    except OSError:
        return None
    if not os.access(path, os.W_OK | os.X_OK):
        return None
    jax.config.update("jax_compilation_cache_dir", path)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", -1)
    return path


CACHE_DIR = enable_compilation_cache()
"""Where compiled kernels are kept for later processes (None: no persistent cache)."""
