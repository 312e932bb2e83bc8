"""The Farnia experiment figures drawn from stub results (no training): the Table 1 analogue
has exactly one panel per setting of the run, laid out data set × GAN; Figure 1's sample
panels share limits that cover the data and every sample."""

import numpy as np

from figures import farnia2020_fig1_experiment as fig1
from figures import farnia2020_table1 as table1
from figures._base import style

RNG = np.random.default_rng(1)


def _proximal_run(data: str, kind: str) -> dict:
    images = data == "digits"
    return {"setting": f"{kind} on {data}", "config": {"data": data, "kind": kind},
            "metric": "classifier score (higher is better)" if images else "W1 to the data",
            "higher_is_better": images, "seeds": [0, 1, 2],
            "regular": RNG.uniform(1, 2, 3).tolist(), "proximal": RNG.uniform(1, 2, 3).tolist()}


def _visible_panels(fig):
    return [ax for ax in fig.axes if ax.get_visible() and ax.axison]


def test_table_is_data_sets_by_gans_with_no_empty_panel():
    runs = [_proximal_run(d, k) for d in ("8gaussians", "digits") for k in ("wgan_wc", "sn_gan")]
    with style():
        fig = table1.draw_from({"runs": runs})
        titles = [ax.get_title() for ax in _visible_panels(fig)]
        assert titles == ["WGAN-WC on 8 Gaussians", "SN-GAN on 8 Gaussians",
                          "WGAN-WC on digits", "SN-GAN on digits"]
        one_row = table1.draw_from({"runs": runs[:2]})
        assert len(one_row.axes) == len(_visible_panels(one_row)) == 2


def test_fig1_sample_panels_share_limits_covering_data_and_samples(monkeypatch):
    ring = np.stack([np.cos(np.arange(8) * np.pi / 4), np.sin(np.arange(8) * np.pi / 4)], 1)
    monkeypatch.setattr(fig1, "_data_points", lambda run: ring)
    before = RNG.normal(0, 1, (256, 2))
    after = [before + [-3.0 * k, 0.5 * k] for k in (1, 2)]
    arm = {"V": [[0.0, -1.0, -2.0]], "quality": [[0.1, 1.0, 2.0]],
           "samples_seed0": [before.tolist()] + [a.tolist() for a in after]}
    run = {"setting": "wgan_gp on 8gaussians", "config": {"data": "8gaussians"},
           "snapshot_steps": [1, 2], "quality_metric": "W1 to the data",
           "arms": {"plain": arm, "proximal": arm}}
    with style():
        fig = fig1.draw_from({"runs": [run]}, "plain")
    c, d = (ax for ax in fig.axes if ax.get_title().startswith(("(c)", "(d)")))
    assert c.get_xlim() == d.get_xlim() and c.get_ylim() == d.get_ylim()
    pts = np.vstack([before, *after, ring])
    (x0, x1), (y0, y1) = c.get_xlim(), c.get_ylim()
    assert x0 <= pts[:, 0].min() and pts[:, 0].max() <= x1
    assert y0 <= pts[:, 1].min() and pts[:, 1].max() <= y1
