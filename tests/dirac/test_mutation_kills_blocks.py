"""The block samplers cover their whole stated size range (mutation-run survivor)."""

import numpy as np

from verifiers.dirac import blocks


def test_symmetric_block_sampler_draws_every_size():
    """:func:`blocks.random_symmetric_blocks` draws 1 ≤ n ≤ max_n and 1 ≤ m ≤ max_m, every
    size included (both ends of each range)."""
    sizes = {(d["P"].shape[0], d["Q"].shape[0])
             for d in (blocks.random_symmetric_blocks(np.random.default_rng(s))
                       for s in range(300))}
    assert {n for n, _ in sizes} == {1, 2, 3}
    assert {m for _, m in sizes} == {1, 2, 3, 4}
