"""``ganeq reproduce``, ``ganeq figures`` and ``ganeq table``: the commands that
write the report, draw the figures and recompute the papers' tables.

Their options are registered on the ``ganeq`` parser by :func:`add_report_commands`;
the validation helpers and exit-code conventions are those of :mod:`verifiers.cli`.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from verifiers import cli
from verifiers.params import show
from verifiers.registry import registry, tables

QUICK_SAMPLES = 1
REPORT_FILES = ("REPORT.md", "results.json", "figures")


def add_report_commands(sub, seed: dict) -> None:
    """Register ``reproduce``, ``figures`` and ``table`` on the ``ganeq`` subparsers;
    ``seed`` holds the keyword arguments of every ``--seed`` option."""
    rp = sub.add_parser("reproduce", help="check every claim, draw every figure, write a report")
    rp.add_argument("--out", type=cli._path, default=Path("results"))
    rp.add_argument("--samples", type=cli._integer(0), default=None,
                    help="random instances per claim (default 3)")
    rp.add_argument("--seed", **seed)
    rp.add_argument("--quick", action="store_true",
                    help=f"{QUICK_SAMPLES} sample per claim, quick figures")
    rp.add_argument("--only", action="append", default=[], metavar="PATTERN",
                    help="only the claims whose id matches this glob (repeatable)")
    rp.add_argument("--no-figures", action="store_true", help="write no figures")
    rp.set_defaults(func=cmd_reproduce)
    fg = sub.add_parser("figures", help="draw figures (all by default)")
    fg.add_argument("names", nargs="*")
    fg.add_argument("--out", type=cli._path, default=Path("results/figures"))
    fg.add_argument("--seed", **seed)
    fg.add_argument("--quick", action="store_true")
    fg.set_defaults(func=cmd_figures)
    tb = sub.add_parser("table", help="recompute a paper's table")
    tb.add_argument("name")
    tb.set_defaults(func=cmd_table)


def _draw_figures(names: list[str], out: Path, seed: int, quick: bool) -> list[str]:
    figures = _figure_module()
    chosen = names or list(figures.all_figures())
    figures._base.style()
    for name in chosen:
        figures.save(figures.all_figures()[name].draw(seed=seed, quick=quick), out, name)
    return chosen


def _figure_module():
    import importlib

    return importlib.import_module("figures")


def _check_figure_names(names: list[str]) -> None:
    known = _figure_module().all_figures()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise cli.UsageError(
            f"figure {show(unknown[0])} does not exist; figures: {', '.join(known)}")


def _figure_file(name: str) -> bool:
    return name.endswith((".png", ".pdf"))


def cmd_figures(args) -> int:
    from verifiers.report import check_out, publish

    check_out(args.out, "--out", _figure_file)
    _check_figure_names(args.names)
    cli._compute_setup()
    drawn: list[str] = []

    def writer(tmp: Path) -> None:
        drawn.extend(_draw_figures(args.names, tmp, args.seed, args.quick))

    publish(args.out, writer, carry_over=True)
    cli._emit(f"wrote {len(drawn)} figures to {args.out}/ (PNG and PDF)")
    return 0


REPORT_FILES = ("REPORT.md", "results.json", "figures")


def _chosen_claims(patterns: list[str]) -> list[str]:
    ids = registry.ids()
    for pattern in patterns:
        if not fnmatch.filter(ids, pattern):
            raise cli.UsageError(f"--only {show(pattern)} matches no claim; see `ganeq list`")
    if not patterns:
        return ids
    return [i for i in ids if any(fnmatch.fnmatchcase(i, p) for p in patterns)]


def cmd_reproduce(args) -> int:
    from verifiers.report import (
        check_out,
        publish,
        report_markdown,
        results_json,
        run_claims,
        summary_table,
    )

    check_out(args.out, "--out", REPORT_FILES.__contains__)
    ids = _chosen_claims(args.only)
    samples = QUICK_SAMPLES if args.quick and args.samples is None else args.samples
    samples = 3 if samples is None else samples
    cli._compute_setup()
    results = run_claims((registry.get(i) for i in ids), samples, args.seed, progress=True)

    def writer(tmp: Path) -> None:
        names = ([] if args.no_figures
                 else _draw_figures([], tmp / "figures", args.seed, args.quick))
        (tmp / "REPORT.md").write_text(report_markdown(results, names, samples, args.seed))
        (tmp / "results.json").write_text(results_json(results, samples, args.seed))

    publish(args.out, writer)
    cli._emit(summary_table(results))
    ok = sum(r.ok for r in results)
    undecided = sum(r.undecided for r in results)
    cli._emit(f"\n{ok}/{len(results)} claims with no verdict contradicting the expected one "
          f"({undecided} instances inconclusive); report in {args.out}/REPORT.md")
    return 0 if ok == len(results) else 1


def cmd_table(args) -> int:
    cli._compute_setup()
    known = tables()
    if args.name not in known:
        raise cli.UsageError(
            f"table {show(args.name)} does not exist; tables: {', '.join(known) or 'none'}"
        )
    cli._emit(known[args.name]())
    return 0


