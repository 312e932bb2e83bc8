"""The one place where ganeq configures JAX.

Every entry point (``theory``, ``verifiers``, ``figures``, the CLI, the tests)
imports this module before anything else touches JAX, so all arrays are
float64 (``jax_enable_x64``) and the CPU backend is used unless the user asks
for another platform through ``JAX_PLATFORMS``.
"""

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)

DTYPE = "float64"


def enable_compilation_cache(path: str | None = None) -> str:
    """Turn on JAX's persistent compilation cache (used by the CLI).

    A second ``ganeq reproduce`` then loads compiled kernels from disk instead
    of recompiling them. Returns the cache directory.
    """
    path = path or os.environ.get(
        "GANEQ_JAX_CACHE", os.path.join(os.path.expanduser("~"), ".cache", "ganeq", "jax")
    )
    os.makedirs(path, exist_ok=True)
    jax.config.update("jax_compilation_cache_dir", path)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", -1)
    return path
