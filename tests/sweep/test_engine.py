"""The sweep engine: padded chunks, sharding over devices, large batches."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from verifiers.sweep import batched_for, engine
from verifiers.sweep.spec import HOLDS, INAPPLICABLE


def _rows(n, seed=0):
    """σ, t, hypotheses-met columns of the Theorem 1 WGAN/W2GAN kernels."""
    rng = np.random.default_rng(seed)
    sigma, t = rng.uniform(0.2, 3.0, n), rng.uniform(0.0, 2.0, n)
    return np.column_stack([sigma, t, ((sigma > 1) & (t > 0)).astype(float)])


def test_chunk_size_and_padding_do_not_change_results():
    b = batched_for("farnia2020.theorem1.wgan")
    rows = _rows(1000)
    whole = engine.evaluate(b.kernel, (), rows)
    small = engine.evaluate(b.kernel, (), rows, chunk=97)
    for a, c in zip(whole, small, strict=True):
        np.testing.assert_array_equal(a, c)
    assert set(np.unique(whole[2])) == {HOLDS, INAPPLICABLE}


def test_an_entry_point_at_1e5_instances():
    """10⁵ instances in fixed chunks: no stall, every verdict decided."""
    b = batched_for("farnia2020.theorem1.wgan")
    rows = _rows(100_000, seed=1)
    margin, _, code = engine.evaluate(b.kernel, (), rows)
    met = rows[:, 2] > 0
    assert np.all(code[met] == HOLDS) and np.all(code[~met] == INAPPLICABLE)
    assert np.all(margin[met] > 0)


SCRIPT = """
import json, numpy as np
from theory import _config
import jax
from verifiers.sweep import batched_for, engine
rng = np.random.default_rng(0)
n = 5000
sigma, t = rng.uniform(0.2, 3.0, n), rng.uniform(0.0, 2.0, n)
rows = np.column_stack([sigma, t, ((sigma > 1) & (t > 0)).astype(float)])
margin, tol, code = engine.evaluate(batched_for("farnia2020.theorem1.w2gan").kernel, (3,), rows)
print(json.dumps({"devices": len(jax.devices()), "counts": np.bincount(code, minlength=4).tolist(),
                  "margin": np.nan_to_num(margin, nan=-1.0).tolist()}))
"""


def _sweep_on(devices: int) -> dict:
    env = {**os.environ, "XLA_FLAGS": f"--xla_force_host_platform_device_count={devices}",
           "JAX_PLATFORMS": "cpu"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                         text=True, timeout=600, check=True)
    return json.loads(out.stdout.splitlines()[-1])


@pytest.mark.slow
def test_two_host_devices_give_the_same_sweep_as_one():
    one, two = _sweep_on(1), _sweep_on(2)
    assert one["devices"] == 1 and two["devices"] == 2
    assert one["counts"] == two["counts"]
    np.testing.assert_array_equal(one["margin"], two["margin"])
