"""The ``ganeq`` command line.

Exit codes: 0 when every verdict matches its claim's expected verdict, 1
otherwise, 2 for a usage or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

import numpy as np

from theory import _config
from verifiers.certificate import Certificate
from verifiers.claim import Claim
from verifiers.registry import registry, tables
from verifiers.report import report_markdown, results_json, run_claims, summary_table, write_outputs

QUICK_SAMPLES = 1


class UsageError(ValueError):
    """A command-line mistake; reported as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ganeq", description="Machine-checked equilibrium theory of GANs.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ls = sub.add_parser("list", help="list registered claims")
    ls.add_argument("--json", action="store_true")
    ck = sub.add_parser("check", help="check one claim")
    ck.add_argument("claim")
    ck.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    ck.add_argument(
        "--samples", type=int, default=0, help="also check N random admissible instances"
    )
    ck.add_argument("--seed", type=int, default=0)
    ck.add_argument("--json", action="store_true")
    rp = sub.add_parser("reproduce", help="check every claim, draw every figure, write a report")
    rp.add_argument("--out", type=Path, default=Path("results"))
    rp.add_argument(
        "--samples", type=int, default=None, help="random instances per claim (default 3)"
    )
    rp.add_argument("--seed", type=int, default=0)
    rp.add_argument(
        "--quick", action="store_true", help=f"{QUICK_SAMPLES} sample per claim, quick figures"
    )
    fg = sub.add_parser("figures", help="draw figures (all by default)")
    fg.add_argument("names", nargs="*")
    fg.add_argument("--out", type=Path, default=Path("results/figures"))
    fg.add_argument("--seed", type=int, default=0)
    fg.add_argument("--quick", action="store_true")
    tb = sub.add_parser("table", help="recompute a paper's table")
    tb.add_argument("name")
    return p


def _parse_params(claim: Claim, items: list[str]) -> dict:
    params = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep:
            raise UsageError(f"--param {item!r} must read NAME=VALUE")
        if name not in claim.param_map:
            raise UsageError(
                f"{claim.id} has no parameter {name!r}; parameters: "
                f"{', '.join(claim.param_map) or 'none'}"
            )
        params[name] = claim.param_map[name].parse(text)
    return params


def _nonnegative(name: str, value: int) -> int:
    if value < 0:
        raise UsageError(f"--{name}={value} must be an integer >= 0")
    return value


def cmd_list(args) -> int:
    claims = list(registry)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": c.id,
                        "reference": c.reference,
                        "statement": c.statement,
                        "expected": c.regions(),
                        "params": {
                            p.name: {"default": p.default, "range": p.range_text()}
                            for p in c.params
                        },
                    }
                    for c in claims
                ],
                indent=1,
                default=str,
            )
        )
    else:
        width = max(len(c.id) for c in claims)
        for c in claims:
            print(f"{c.id:<{width}}  {c.reference}: {c.statement}")
    return 0


def cmd_check(args) -> int:
    claim = registry.get(args.claim)
    fixed = _parse_params(claim, args.param)
    rng = np.random.default_rng(args.seed)
    runs = [fixed] + [
        {**claim.sample(rng), **fixed} for _ in range(_nonnegative("samples", args.samples))
    ]
    certs = [claim.check(**p) for p in runs]
    _print_certificates(certs, args.json)
    return 0 if all(c.verdict == claim.expected_for(c.params) for c in certs) else 1


def _print_certificates(certs: list[Certificate], as_json: bool) -> None:
    if as_json:
        payload = certs[0].to_dict() if len(certs) == 1 else [c.to_dict() for c in certs]
        print(json.dumps(payload, indent=1, allow_nan=False, ensure_ascii=False))
    else:
        for c in certs:
            print(c)


def _draw_figures(names: list[str], out: Path, seed: int, quick: bool) -> list[str]:
    figures = importlib.import_module("figures")
    known = figures.all_figures()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"figure {unknown[0]!r} does not exist; figures: {', '.join(known)}")
    chosen = names or list(known)
    figures._base.style()
    for name in chosen:
        figures.save(known[name].draw(seed=seed, quick=quick), out, name)
    return chosen


def cmd_figures(args) -> int:
    names = _draw_figures(args.names, args.out, args.seed, args.quick)
    print(f"wrote {len(names)} figures to {args.out}/ (PNG and PDF)")
    return 0


def cmd_reproduce(args) -> int:
    samples = QUICK_SAMPLES if args.quick and args.samples is None else args.samples
    samples = _nonnegative("samples", 3 if samples is None else samples)
    results = run_claims(list(registry), samples, args.seed, progress=True)

    def writer(tmp: Path) -> None:
        names = _draw_figures([], tmp / "figures", args.seed, args.quick)
        (tmp / "REPORT.md").write_text(report_markdown(results, names, samples, args.seed))
        (tmp / "results.json").write_text(results_json(results, samples, args.seed))

    write_outputs(args.out, writer)
    print(summary_table(results))
    ok = sum(r.ok for r in results)
    print(f"\n{ok}/{len(results)} claims as expected; report in {args.out}/REPORT.md")
    return 0 if ok == len(results) else 1


def cmd_table(args) -> int:
    known = tables()
    if args.name not in known:
        raise UsageError(
            f"table {args.name!r} does not exist; tables: {', '.join(known) or 'none'}"
        )
    print(known[args.name]())
    return 0


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "reproduce": cmd_reproduce,
    "figures": cmd_figures,
    "table": cmd_table,
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ganeq`` console script."""
    _config.enable_compilation_cache()
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except ValueError as exc:
        print(f"ganeq: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
