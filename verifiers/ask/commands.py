"""The ``ganeq nash | pe | lambda-max | map dirac`` commands (wired into the CLI by
:func:`add_commands`).

Each handler takes the parsed ``argparse.Namespace`` and returns an exit code (0: the
question was answered, whatever the verdict). Bad input raises ``ValueError`` with one
line naming the option; the CLI prints it and exits 2. Nothing heavy is imported until a
handler runs (``ganeq --help`` stays JAX-free), and no matplotlib backend is chosen here.

    ganeq nash GAME --param NAME=VALUE ... --generator JSON [--critic JSON] [--json]
    ganeq pe GAME ... --generator JSON [--critic JSON] --lam L [--json]
    ganeq lambda-max GAME ... [--generator JSON] [--critic JSON] [--json]
    ganeq map dirac --variant V --f EXPR --x NAME=LO:HI:N [--y NAME=LO:HI:N]
                    [--method simgd|altgd|flow] [--param NAME=VALUE] [--out DIR] [--json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

GAME_HELP = ("wgan1d, w2gan, w2gan-quadratic, fgan-kl, fgan-rkl, fgan-js, fgan-hellinger, "
             "fgan-pearson, fgan-neyman, fgan-custom (--param f=EXPR)")


def _json_option(option: str, text: str | None):
    if text is None:
        return None
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"{option}: not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})"
                         ) from None


def parse_params(items: list[str]) -> dict:
    """``NAME=VALUE`` items: VALUE as JSON (numbers, arrays) or else as a string."""
    out = {}
    for item in items or []:
        name, sep, text = item.partition("=")
        if not sep or not name:
            raise ValueError(f"--param {item!r} must read NAME=VALUE")
        try:
            out[name] = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            out[name] = text
    return out


def _game(args):
    from verifiers.ask.games import game

    return game(args.game, **parse_params(args.param))


def _print(cert, as_json: bool, keys: tuple[str, ...]) -> int:
    if as_json:
        print(cert.to_json())
        return 0
    print(cert)
    w = cert.to_dict()["witness"]
    for key in keys:
        if key in w:
            print(f"  {key}: {json.dumps(w[key])}")
    sys.stdout.flush()
    return 0


NASH_KEYS = ("gap", "discriminator_gain", "generator_gain", "discriminator_best",
             "generator_best", "error_bound")


def run_nash(args) -> int:
    """``ganeq nash``: the Nash-gap certificate of a pair."""
    from verifiers.ask.nash import nash_gap

    g = _game(args)
    G = _required(args.generator, "--generator")
    cert = nash_gap(g, G, _json_option("--critic", args.critic))
    return _print(cert, args.json, NASH_KEYS)


def _required(text, option):
    value = _json_option(option, text)
    if value is None:
        raise ValueError(f"{option} is required (a JSON object, e.g. '{{\"w\": 0.8, \"u\": 0.3}}')")
    return value


def run_pe(args) -> int:
    """``ganeq pe``: the λ-proximal-equilibrium certificate of a pair."""
    from verifiers.ask.proximal import proximal_gap

    g = _game(args)
    G = _required(args.generator, "--generator")
    cert = proximal_gap(g, G, _json_option("--critic", args.critic), _lam(args.lam))
    return _print(cert, args.json, ("lam",) + NASH_KEYS)


def _lam(text) -> float:
    from verifiers.ask.proximal import LAM

    return LAM.check(LAM.parse(str(text)))


def run_lambda_max(args) -> int:
    """``ganeq lambda-max``: the largest λ for which the pair is a λ-PE (default pair: the
    W2-optimal generator G* and its Kantorovich potential D*)."""
    from verifiers.ask.proximal import lambda_max, optimal_pair

    g = _game(args)
    G = _json_option("--generator", args.generator)
    D = _json_option("--critic", args.critic)
    if G is None:
        Gs, Ds, _ = optimal_pair(g)
        G, D = Gs.spec(), (D if D is not None else Ds.spec())
    cert = lambda_max(g, G, D)
    return _print(cert, args.json, ("lambda_max", "bisection_lower", "bisection_upper",
                                    "breaking_deviation", "discriminator_gain"))


def run_map_dirac(args) -> int:
    """``ganeq map dirac``: a stability map of a Dirac-GAN variant with any activation;
    writes ``map.png`` and ``map.json`` into ``--out``."""
    if args.target != "dirac":
        raise ValueError(f"map: target {args.target!r} is not handled here; use 'dirac'")
    from verifiers.ask.dirac import stability_region

    if not args.x:
        raise ValueError("--x is required (NAME=LO:HI:N)")
    m = stability_region(args.variant, args.f, x=args.x, y=args.y, method=args.method,
                         **parse_params(args.param))
    if args.out is not None:
        m.save(Path(args.out))
    if args.json:
        print(m.to_json())
    else:
        counts = ", ".join(f"{k} {v}" for k, v in m.counts().items())
        print(f"{m.variant} with f = {m.f}, {m.method}: {counts}; "
              f"{len(m.boundary)} boundary points"
              + ("" if m.threshold is None else "; closed-form threshold drawn")
              + (f"; wrote {args.out}/map.png, map.json" if args.out is not None else ""))
    sys.stdout.flush()
    return 0


def _pair_arguments(p, lam: bool = False) -> None:
    p.add_argument("game", help=f"one of: {GAME_HELP}")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="data parameter: sigma, t, d, Sigma (JSON), eta, f")
    p.add_argument("--generator", metavar="JSON",
                   help='{"w": 0.8, "u": 0.3} (1-D) or {"W": [[...]], "u": [...]}')
    p.add_argument("--critic", metavar="JSON",
                   help='{"abs": {"c": 0, "sign": 1}}, {"pl": {...}}, {"A": [[...]], "b": [...]}, '
                        '{"best_response_to": {...}}, {"constant": 0}; omitted: best response')
    if lam:
        p.add_argument("--lam", required=True, metavar="L", help="proximal penalty lambda >= 0")
    p.add_argument("--json", action="store_true", help="print the certificate as JSON")


def add_map_dirac_arguments(p) -> None:
    """The options of ``ganeq map dirac`` (for a CLI that owns ``ganeq map``)."""
    p.add_argument("--variant", default="gradient_penalty", help="Dirac-GAN variant")
    p.add_argument("--f", default="standard", help='activation: "tanh(t)", "-log(1+exp(-t))", …')
    p.add_argument("--x", metavar="NAME=LO:HI:N", help="first axis (gamma, sigma, h, n_g, …)")
    p.add_argument("--y", metavar="NAME=LO:HI:N", help="second axis (optional)")
    p.add_argument("--method", default="simgd", help="simgd, altgd or flow")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a fixed hyperparameter, h, n_g or n_d")
    p.add_argument("--out", metavar="DIR", help="write map.png and map.json here")
    p.add_argument("--json", action="store_true", help="print the map as JSON")


def add_commands(subparsers, include_map: bool = True) -> None:
    """Register ``nash``, ``pe``, ``lambda-max`` (and ``map``, target ``dirac``) on an
    ``argparse`` subparsers object; each sets ``func`` to a handler returning an exit code."""
    p = subparsers.add_parser("nash", help="is (G, D) a Nash equilibrium of a Gaussian game?")
    _pair_arguments(p)
    p.set_defaults(func=run_nash)
    p = subparsers.add_parser("pe", help="is (G, D) a lambda-proximal equilibrium?")
    _pair_arguments(p, lam=True)
    p.set_defaults(func=run_pe)
    p = subparsers.add_parser("lambda-max", help="the largest lambda for which (G, D) is a "
                                                 "lambda-PE (default pair: G*, D*)")
    _pair_arguments(p)
    p.set_defaults(func=run_lambda_max)
    if include_map:
        p = subparsers.add_parser("map", help="stability map of a Dirac-GAN variant")
        p.add_argument("target", help="dirac")
        add_map_dirac_arguments(p)
        p.set_defaults(func=run_map_dirac)
