"""Shared pieces of the Farnia & Ozdaglar 2020 and Hsieh et al. 2019 experiments: the run
configuration, the training spec it builds, and the sample-quality metric of a generator
(W1 to the data on 2-D sets; the digits classifier score on ``digits``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import jax
import numpy as np

from theory.metrics import inception_digits, wasserstein
from theory.mirror_gan import data as toy_data
from theory.training import loop, proximal

N_QUALITY = 512
"""Samples per W1 estimate (generator and data; exact EMD) and per classifier score (×2)."""


@dataclass(frozen=True)
class Config:
    """One GAN setting: data set, GAN kind (:data:`theory.training.proximal.KINDS`), network
    width/depth, latent size, batch, learning rate, training iterations, critic steps."""

    data: str = "8gaussians"
    kind: str = "sn_gan"
    hidden: int = 16
    layers: int = 3
    z_dim: int = 2
    batch: int = 64
    lr: float = 1e-3
    iterations: int = 600
    critic_steps: int = 1

    def spec(self, snapshots: int = 1) -> loop.Spec:
        k = proximal.KINDS[self.kind]
        return loop.Spec(datasets=(self.data,), z_dim=self.z_dim, hidden_g=self.hidden,
                         hidden_d=self.hidden, layers=self.layers, optimizer=k["optimizer"],
                         spectral=k["spectral"], batch=self.batch, iterations=self.iterations,
                         max_critic=self.critic_steps, snapshots=snapshots)

    def hyper(self, seeds) -> loop.Hyper:
        k = proximal.KINDS[self.kind]
        return loop.hyper(len(seeds), seed=np.asarray(seeds), lr_d=self.lr, weights=k["weights"],
                          clip=k["clip"], n_critic=self.critic_steps)

    def label(self) -> str:
        return f"{self.kind} on {self.data}"

    def with_(self, **kw) -> Config:
        return replace(self, **kw)


generate = jax.jit(loop.generate, static_argnums=(0, 3))
"""``loop.generate`` compiled once per spec and sample count (the same bits as the eager
call, without compiling each of its operations separately)."""


def is_images(cfg: Config) -> bool:
    return cfg.data == "digits"


def quality(cfg: Config, spec: loop.Spec, theta, seed: int) -> float:
    """W1 between ``N_QUALITY`` generator samples and as many data samples (2-D sets; lower is
    better) or the classifier score of ``2·N_QUALITY`` samples (digits; higher is better).
    The sample keys depend on ``seed`` only, so every snapshot of a run is scored on the
    same latent draws."""
    key = jax.random.fold_in(jax.random.key(3), seed)
    kg, kd = jax.random.split(key)
    if is_images(cfg):
        return inception_digits.score(np.asarray(generate(spec, theta, kg, 2 * N_QUALITY)))[0]
    x = np.asarray(generate(spec, theta, kg, N_QUALITY))
    y = np.asarray(toy_data.toy(cfg.data).sample(kd, N_QUALITY))
    return wasserstein.emd(x, y)


def quality_name(cfg: Config) -> str:
    return "classifier score (higher is better)" if is_images(cfg) else "W1 to the data"


def take(tree, *idx):
    """The sub-pytree at index ``idx`` of every leaf."""
    return jax.tree.map(lambda a: a[idx], tree)
