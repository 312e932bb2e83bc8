"""Games and players validate on construction: a bad argument is one ValueError naming it."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifiers.ask import game
from verifiers.ask.games import GAMES, make_generator


@pytest.mark.parametrize("name, params, needle", [
    ("wgan2d", {}, "game="),
    ("wgan1d", {"sigma": -1.0}, "sigma="),
    ("wgan1d", {"sigma": float("nan")}, "sigma="),
    ("wgan1d", {"t": -0.1}, "t="),
    ("wgan1d", {"d": 2}, "'d'"),
    ("w2gan", {"eta": 1.0}, "'eta'"),
    ("w2gan-quadratic", {"eta": 0.0}, "eta="),
    ("w2gan", {"d": 0}, "d="),
    ("w2gan", {"Sigma": [[1.0, 2.0], [2.0, 1.0]]}, "Sigma"),
    ("w2gan", {"Sigma": [[1.0, 0.5], [0.0, 1.0]]}, "Sigma"),
    ("w2gan", {"Sigma": [[1.0]], "sigma": 2.0}, "Sigma"),
    ("fgan-kl", {"d": 4}, "d="),
    ("fgan-custom", {"f": "-log(t) * t"}, "f="),
    ("fgan-custom", {"f": "t**2"}, "f(1)"),
    ("fgan-custom", {"f": "t*log(x)"}, "f="),
    ("fgan-custom", {}, "f "),
])
def test_bad_game_arguments_name_the_argument(name, params, needle):
    with pytest.raises(ValueError, match=None) as err:
        game(name, **params)
    assert needle in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("name, spec, needle", [
    ("wgan1d", {"w": 1.2, "u": 0.0}, "generator.W"),
    ("wgan1d", {"w": 0.5, "u": 1.5}, "generator.u"),
    ("wgan1d", {"w": 0.5, "v": 0.1}, "unknown key"),
    ("wgan1d", {"w": "a"}, "generator.w"),
    ("w2gan", {"W": [[1.0, 0.0]], "u": [0.0, 0.0]}, "generator.W"),
    ("w2gan", {"W": [[0.5, 0.0], [0.0, 0.5]], "u": [0.1]}, "generator.u"),
    ("w2gan", {"w": 0.5}, "generator.w"),
    ("w2gan", [0.5, 0.1], "generator"),
])
def test_bad_generators_name_the_argument(name, spec, needle):
    g = game(name, sigma=2.0, t=1.0, **({"d": 2} if name == "w2gan" else {}))
    with pytest.raises(ValueError) as err:
        g.generator(spec)
    assert needle in str(err.value)


@pytest.mark.parametrize("name, spec, needle", [
    ("wgan1d", {"abs": {"c": 0.0, "sign": 2}}, "critic.abs.sign"),
    ("wgan1d", {"abs": {"c": "x"}}, "critic.abs.c"),
    ("wgan1d", {"pl": {"x": [0.0, 1.0], "y": [0.0, 2.0]}}, "critic.pl"),
    ("wgan1d", {"pl": {"x": [1.0, 0.0], "y": [0.0, 0.0]}}, "critic.pl.x"),
    ("wgan1d", {"pl": {"x": [0.0], "y": [0.0], "slope_left": 1.5}}, "critic.pl.slope_left"),
    ("wgan1d", lambda x: 2.0 * x, "critic"),
    ("wgan1d", {"A": [[0.0]]}, "unknown key"),
    ("w2gan", {"A": [[0.0, 1.0], [0.0, 0.0]], "b": [0.0, 0.0]}, "critic.A"),
    ("w2gan", {"A": [[1.0, 0.0], [0.0, 0.0]], "b": [0.0, 0.0]}, "critic.A"),
    ("w2gan", {"A": [[0.0]], "b": [0.0]}, "critic.A"),
    ("fgan-kl", {"best_response_to": {"W": [[0.0]], "u": [0.0]}}, "critic.best_response_to"),
    ("fgan-kl", {"abs": {"c": 0.0}}, "unknown key"),
    ("fgan-kl", np.tanh, "callable"),
])
def test_bad_critics_name_the_argument(name, spec, needle):
    g = game(name, sigma=2.0, t=1.0, **({"d": 2} if name == "w2gan" else {}))
    with pytest.raises(ValueError) as err:
        g.critic(spec)
    assert needle in str(err.value)


def test_every_game_builds():
    for name in GAMES:
        g = game(name, **({"f": "t*log(t) - log(t)"} if name == "fgan-custom" else {}))
        assert g.t >= 0 and g.Sigma.shape[0] == g.d


@given(st.integers(1, 4), st.integers(1, 4), st.floats(0.0, 1.0), st.floats(0.0, 2.0),
       st.integers(0, 2**31 - 1))
def test_generator_admissibility_is_sigma_max_and_norm(d, k, top, t, seed):
    rng = np.random.default_rng(seed)
    W = rng.standard_normal((d, k))
    W *= top / max(np.linalg.norm(W, 2), 1e-300)
    u = rng.standard_normal(d)
    u *= t / max(np.linalg.norm(u), 1e-300)
    G = make_generator({"W": W, "u": u}, d, t)
    assert G.S.shape == (d, d)
    with pytest.raises(ValueError, match="sigma_max"):
        make_generator({"W": W * (1.0 + 1e-6) / max(top, 1e-3), "u": u}, d, t + 1.0) \
            if top > 0.5 else make_generator({"W": 2.0 * np.eye(d, k), "u": u}, d, t)
