"""Second ``ganeq reproduce --quick`` against the first, with JAX's persistent
compilation cache (``GANEQ_JAX_CACHE``) starting empty: the second run loads
compiled kernels from disk. Each run is a fresh process (``python -m
verifiers.cli``), timed end to end."""

import os
import subprocess
import sys
import tempfile
import time


def _run(cache: str, out: str) -> float:
    env = dict(os.environ, GANEQ_JAX_CACHE=cache)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "verifiers.cli", "reproduce", "--quick",
                           "--out", out], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    print(f"  exit code {proc.returncode}, {seconds:.1f} s")
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "jax-cache")
        first = _run(cache, os.path.join(tmp, "first"))
        second = _run(cache, os.path.join(tmp, "second"))
    print(f"ganeq reproduce --quick: first (empty cache) {first:.1f} s, second {second:.1f} s, "
          f"ratio {first / second:.2f}x")


if __name__ == "__main__":
    main()
