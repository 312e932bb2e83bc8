"""Minimal reproduction of the XLA CPU stall behind issue #10 ("sample_generators hangs
silently from ~5·10⁴ instances"), and the check that the batched entry points are safe.

    python -m benchmarks.stall_repro [--n 100000] [--timeout 60] [--entry-points 1000000]

Cause (measured on jax/jaxlib 0.10.2, 2 CPU cores): one jitted program containing two
*independent* large batched LAPACK calls (here two ``jnp.linalg.qr`` over ``(n, 2, 2)``,
as ``sample_generators`` draws U and V) can deadlock: both calls run at once on XLA's
CPU thread pool and the process parks with every thread waiting (0 % CPU, no error).
It happens nondeterministically: 1 of 2 runs at n = 3·10⁴, 3 of 3 at n = 10⁵; never in
5 runs each at n = 2048, 8192 or 16384; never with ONE call over the stacked 2n
matrices. The f-GAN gap at 10⁴ × 64 directions (many small ``eigh``) is the same case.

Several devices are the same case: with ``XLA_FLAGS=--xla_force_host_platform_device_count=2``
both host devices run their shards at once, and the Theorem 1 W2GAN screen at d = 3
(batched 3 x 3 ``eigh``) deadlocked with 2048 rows per device (2 of 2 runs at 3·10⁴ and
10⁵ rows), never with 256 or 64.

Fix used throughout: the LAPACK calls run in ``jax.lax.map`` chunks of 2048 instances
(``verifiers.nash.batched.LAPACK_CHUNK``, ``FGAN_CHUNK``), and sweeps evaluate fixed
chunks one after the other: 2048 rows on one device (``verifiers.sweep.engine.CHUNK``),
256 rows per device on several (``MULTI_DEVICE_CHUNK``).

Each case runs in a subprocess with a timeout, so a stall is reported, not waited for.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

CASES = {
    "two independent batched QR calls (stalls)": """
def run(key):
    k1, k2 = jax.random.split(key)
    return haar(jax.random.normal(k1, (N, 2, 2))), haar(jax.random.normal(k2, (N, 2, 2)))
""",
    "one QR over the stacked matrices": """
def run(key):
    q = haar(jax.random.normal(key, (2 * N, 2, 2)))
    return q[:N], q[N:]
""",
    "two QR calls in lax.map chunks of 2048": """
def run(key):
    k1, k2 = jax.random.split(key)
    return (jax.lax.map(haar, jax.random.normal(k1, (N, 2, 2)), batch_size=2048),
            jax.lax.map(haar, jax.random.normal(k2, (N, 2, 2)), batch_size=2048))
""",
}

ENTRY_POINTS = {
    "verifiers.nash.batched.sample_generators (d = 2)": """
from verifiers.nash import batched
def run(key):
    return batched.sample_generators(1.0, key=key, n=N, d=2)
""",
    "verifiers.nash.batched.w2gan_gaps (d = 2)": """
from verifiers.nash import batched
def run(key):
    W, u = batched.sample_generators(1.0, key=key, n=N, d=2)
    S = jnp.einsum("nij,nkj->nik", W, W)
    return batched.w2gan_gaps(S, u, 2.25 * jnp.eye(2), 1.0)
""",
}
SCREENS = [
    ("farnia2020.theorem1.w2gan", "theorem1", (2,)),
    ("farnia2020.theorem1.w2gan", "theorem1", (3,)),
    ("farnia2020.theorem1.w2gan_quadratic", "theorem1", (2,)),
    ("farnia2020.theorem1.w2gan_quadratic", "theorem1", (3,)),
    ("farnia2020.theorem1.wgan", "theorem1", ()),
    ("mescheder2018.lemma2.5.printed", "lemma25", ()),
    ("mescheder2018.lemma2.5", "lemma25", ()),
]
"""Each batched margin (``verifiers.sweep``): the columns drawn below, its static values. The
W2GAN kernels make no LAPACK call at d = 2 (closed-form 2 x 2 ``eigh``) and batched 3 x 3
``eigh`` calls at d = 3, so both are run."""
for _claim, _columns, _static in SCREENS:
    _d = f" (d = {_static[0]})" if _static else ""
    ENTRY_POINTS[f"verifiers.sweep.engine screen of {_claim}{_d}"] = f"""
import numpy as np
from verifiers.sweep import batched_for, engine
rng = np.random.default_rng(0)
def theorem1():  # sigma, t, and Theorem 1's hypotheses sigma > 1, t > 0 as 0/1
    s, t = rng.uniform(0.2, 3, N), rng.uniform(0, 2, N)
    return [s, t, ((s > 1) & (t > 0)).astype(float)]
def lemma25():  # h, n_g, n_d, f'(0)
    return [rng.uniform(1e-3, 3, N), np.ones(N), np.ones(N), rng.uniform(-3, 3, N)]
def run(key):
    rows = np.column_stack({_columns}())
    kernel = batched_for({_claim!r}).kernel
    engine.evaluate(kernel, {_static!r}, rows[:engine.CHUNK])  # compiles
    t0 = time.perf_counter()
    engine.evaluate(kernel, {_static!r}, rows)
    print(f"screened {{N / (time.perf_counter() - t0):.3g}} instances/s")
"""

PROGRAM = """
import time
from theory import _config  # noqa: F401  (float64, CPU)
import jax, jax.numpy as jnp
N = {n}
def haar(x):
    q, r = jnp.linalg.qr(x)
    return q * jnp.sign(jnp.diagonal(r, axis1=-2, axis2=-1))[..., None, :]
{body}
t0 = time.perf_counter()
jax.block_until_ready(jax.jit(run)(jax.random.key(0)) if "engine" not in {body!r}
                      else run(jax.random.key(0)))
print(f"{{time.perf_counter() - t0:.2f}}")
"""


def attempt(body: str, n: int, timeout: float) -> str:
    """``'<seconds> s'``, ``'STALLED (> timeout)'`` or the error's last line."""
    code = PROGRAM.format(n=n, body=body)
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"STALLED (no result in {timeout:g} s)"
    if done.returncode:
        return "error: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    lines = done.stdout.strip().splitlines()
    rate = f" ({lines[-2]})" if len(lines) > 1 else ""
    return f"{float(lines[-1]):.1f} s{rate}"


def main(argv=None) -> int:
    import jax
    import jaxlib

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100_000, help="instances in the minimal cases")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--repeat", type=int, default=3, help="runs of each minimal case")
    p.add_argument("--entry-points", type=int, default=1_000_000, metavar="N",
                   help="instances for the batched entry points (0: skip)")
    args = p.parse_args(argv)
    import os

    print(f"jax {jax.__version__}, jaxlib {jaxlib.__version__}, {os.cpu_count()} CPUs, "
          f"python {sys.version.split()[0]}")
    start = time.perf_counter()
    for name, body in CASES.items():
        runs = [attempt(body, args.n, args.timeout) for _ in range(args.repeat)]
        print(f"n = {args.n}: {name}: {'; '.join(runs)}", flush=True)
    if args.entry_points:
        for name, body in ENTRY_POINTS.items():
            result = attempt(body, args.entry_points, max(args.timeout, 300.0))
            print(f"n = {args.entry_points}: {name}: {result}", flush=True)
    print(f"({time.perf_counter() - start:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
