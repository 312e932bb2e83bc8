"""The ``ganeq experiment`` command (wired into the CLI by :func:`add_commands`).

    ganeq experiment --list
    ganeq experiment NAME [--quick | --size SIZE] [--seeds K] [--out DIR]

runs experiment ``NAME`` (full size unless ``--quick`` or ``--size``), writes
``DIR/results.json`` and ``DIR/NAME.png``/``.pdf`` (default
``results/experiments/NAME``), and prints the verdicts of its empirical
claims decided on those results. Exit code 0 when it ran (whatever the
verdicts), 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from verifiers.experiments import SIZES

DEFAULT_OUT = Path("results/experiments")


def _seeds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 2:
        raise argparse.ArgumentTypeError(f"{text!r} must be an integer >= 2")
    return value


def add_commands(sub) -> None:
    """Add ``experiment`` to the CLI's subparsers ``sub``."""
    ex = sub.add_parser("experiment", help="run one of the papers' experiments (--list: all)")
    ex.add_argument("name", nargs="?", help="the experiment (see --list)")
    ex.add_argument("--list", action="store_true", help="list the experiments")
    size = ex.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true",
                      help="the reduced CPU grid (about a minute); same as --size quick")
    size.add_argument("--size", choices=SIZES, default=None,
                      help="grid size (default full: the paper's grid on a GPU, a reduced grid "
                           "of the same structure on a CPU; paper: the paper-sized grid)")
    ex.add_argument("--seeds", type=_seeds, default=None, metavar="K",
                    help="number of seeds (default: the size's own)")
    ex.add_argument("--out", type=Path, default=None, metavar="DIR",
                    help="folder for results.json and the figure "
                         "(default results/experiments/NAME)")
    ex.set_defaults(func=run_experiment)


def _list() -> int:
    from verifiers.experiments import experiments

    for exp in experiments().values():
        claims = f"  [claims: {', '.join(exp.claims)}]" if exp.claims else ""
        print(f"{exp.name}  {exp.title}{claims}", flush=True)
    return 0


def run_experiment(args) -> int:
    """``ganeq experiment``: run, write results and figure, print the claims' verdicts."""
    from verifiers.experiments import get

    if args.list:
        return _list()
    if not args.name:
        raise ValueError("experiment: give NAME or --list")
    exp = get(args.name)
    out = args.out or DEFAULT_OUT / exp.name
    from verifiers.report import check_out, publish

    check_out(out, "--out", lambda name: name == "results.json" or name.startswith(exp.name))
    from verifiers.experiments import run

    size = "quick" if args.quick else (args.size or "full")
    results = run(exp.name, size, args.seeds)
    _say_if_recalled(exp.name, size, args.seeds)
    certs = _claims(exp, results)

    def writer(tmp: Path) -> None:
        payload = {**results, "claims": [c.to_dict() for c in certs]}
        (tmp / "results.json").write_text(json.dumps(payload, indent=1, allow_nan=False,
                                                     default=str) + "\n")
        if exp.figure is not None:
            from figures import save

            figs = exp.figure(results)  # one figure, or {suffix: figure}
            for suffix, fig in figs.items() if isinstance(figs, dict) else [("", figs)]:
                save(fig, tmp, f"{exp.name}_{suffix}" if suffix else exp.name)

    publish(out, writer)
    for cert in certs:
        print(cert, flush=True)
    print(f"wrote {out}/results.json", file=sys.stderr, flush=True)
    return 0


def _say_if_recalled(name: str, size: str, seeds: int | None) -> None:
    from verifiers import memo
    from verifiers.experiments import recalled_from

    path = recalled_from(name, size, seeds)
    if path is not None:
        print(f"results of an earlier run with the same code and libraries: {path} "
              f"({memo.ENV}=0 trains again)", file=sys.stderr, flush=True)


def _claims(exp, results: dict) -> list:
    """The certificates of the experiment's claims decided on ``results``."""
    from verifiers.empirical import certificate

    return [certificate(cid, decide, results) for cid, decide in exp.claims.items()]
