"""``ganeq reproduce``, ``ganeq figures`` and ``ganeq table``: the commands that
write the report, draw the figures and recompute the papers' tables.

Their options are registered on the ``ganeq`` parser by :func:`add_report_commands`;
the validation helpers and exit-code conventions are those of :mod:`verifiers.cli`.
"""

from __future__ import annotations

import fnmatch
import time
from pathlib import Path

from verifiers import cli
from verifiers.params import show
from verifiers.registry import is_slow, registry, tables

SAMPLES = 3
QUICK_SAMPLES = 0
"""``--quick`` checks every claim on its defaults only (``--samples`` adds random instances)."""
FIGURE_FORMATS = ("png", "pdf")
"""What ``ganeq figures --format`` may ask for (``figures.FORMATS``, named here so that
the parser is built without importing matplotlib)."""


def add_report_commands(sub, seed: dict) -> None:
    """Register ``reproduce``, ``figures`` and ``table`` on the ``ganeq`` subparsers;
    ``seed`` holds the keyword arguments of every ``--seed`` option."""
    rp = sub.add_parser("reproduce", help="check every claim, draw every figure, write a report")
    rp.add_argument("--out", type=cli._path, default=Path("results"), metavar="DIR",
                    help="write REPORT.md, REPORT.html, results.json and figures/ here "
                         "(default results; replaced whole, never half-written)")
    rp.add_argument("--samples", type=cli._integer(0), default=None,
                    help=f"random instances per claim (default {SAMPLES})")
    rp.add_argument("--seed", **seed)
    rp.add_argument("--quick", action="store_true",
                    help="each claim on its defaults only (unless --samples), quick figures "
                         "as PNG only, and no claim that trains a GAN (the empirical "
                         "claims: run them without --quick)")
    rp.add_argument("--only", action="append", default=[], metavar="PATTERN",
                    help="only the claims whose id matches this glob (repeatable)")
    rp.add_argument("--no-figures", action="store_true",
                    help="draw no figures and recompute no tables (claims only)")
    rp.add_argument("--fresh", action="store_true",
                    help="draw every figure, compute every table and train every experiment "
                         "again instead of reading an earlier run's from the memo (the claims "
                         "are always checked afresh)")
    rp.add_argument("--gallery", type=cli._path, default=None, metavar="DIR",
                    help="also write DIR/gallery.md and its images DIR/gallery/ "
                         "(make reproduce: docs)")
    rp.set_defaults(func=cmd_reproduce)
    fg = sub.add_parser("figures", help="draw figures (all by default)")
    fg.add_argument("names", nargs="*", metavar="NAME",
                    help="figures to draw (default: all; --list shows them)")
    fg.add_argument("--out", type=cli._path, default=Path("results/figures"), metavar="DIR",
                    help="write the figures here (default results/figures)")
    fg.add_argument("--seed", **seed)
    fg.add_argument("--quick", action="store_true",
                    help="the coarser grids of `reproduce --quick`")
    fg.add_argument("--format", action="append", choices=FIGURE_FORMATS, dest="formats",
                    help="write only this format (repeatable; default: PNG and PDF)")
    fg.add_argument("--list", action="store_true",
                    help="list the figures (one line each) instead of drawing them")
    fg.set_defaults(func=cmd_figures)
    tb = sub.add_parser("table", help="recompute a paper's table")
    tb.add_argument("name", help="the paper whose table to recompute (an unknown name lists them)")
    tb.set_defaults(func=cmd_table)


def _draw_figures(names: list[str], out: Path, seed: int, quick: bool,
                  formats: tuple[str, ...] = FIGURE_FORMATS) -> list[str]:
    """Draw and save the figures ``names`` (all if empty) in ``formats``; a file of another
    format left by an earlier run for the same figure is removed (it would be stale)."""
    figures = _figure_module()
    chosen = names or list(figures.all_figures())
    for name in chosen:
        for ext in set(FIGURE_FORMATS) - set(formats):
            (out / f"{name}.{ext}").unlink(missing_ok=True)
        figures.save(figures.all_figures()[name].draw(seed=seed, quick=quick), out, name,
                     formats)
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


def _figure_info() -> dict:
    """Every figure's :class:`~verifiers.report.exhibits.FigureInfo`, by name."""
    from verifiers.report.exhibits import figure_info

    return {name: figure_info(name, rec) for name, rec in _figure_module().all_figures().items()}


def _list_figures(names: list[str]) -> int:
    info = _figure_info()
    width = max(map(len, info), default=0)
    for name in names or info:
        cli._emit(f"{name:<{width}}  {info[name].line}")
    return 0


def cmd_figures(args) -> int:
    from verifiers.report import check_out, publish

    _check_figure_names(args.names)
    if args.list:
        return _list_figures(args.names)
    check_out(args.out, "--out", _figure_file)
    cli._compute_setup()
    drawn: list[str] = []
    formats = tuple(f for f in FIGURE_FORMATS if f in (args.formats or FIGURE_FORMATS))

    def writer(tmp: Path) -> None:
        drawn.extend(_draw_figures(args.names, tmp, args.seed, args.quick, formats))

    publish(args.out, writer, carry_over=True)
    cli._emit(f"wrote {len(drawn)} figures to {args.out}/ ({' and '.join(formats).upper()})")
    return 0


REPORT_FILES = ("REPORT.md", "REPORT.html", "results.json", "figures")


def _chosen_claims(patterns: list[str]) -> list[str]:
    ids = registry.ids()
    for pattern in patterns:
        if not fnmatch.filter(ids, pattern):
            raise cli.UsageError(f"--only {show(pattern)} matches no claim; see `ganeq list`")
    if not patterns:
        return ids
    return [i for i in ids if any(fnmatch.fnmatchcase(i, p) for p in patterns)]


SKIPPED_BY_QUICK = ("trains GANs (the four experiments' quick grids take about 5 CPU-minutes "
                    "on a first run): ganeq reproduce without --quick checks it")


def _skipped(ids: list[str], quick: bool) -> dict[str, str]:
    """The claims ``--quick`` leaves out: those that train networks (``slow``), with why;
    a usage error when they are all ``--only`` chose."""
    if not quick:
        return {}
    skipped = {i: SKIPPED_BY_QUICK for i in ids if is_slow(i)}
    if ids and len(skipped) == len(ids):
        raise cli.UsageError("--only chose only claims that train GANs, which --quick skips; "
                             "drop --quick (--samples 1 keeps one sample per claim)")
    return skipped


def _check_gallery(args) -> None:
    """``--gallery DIR``: needs the figures; ``DIR/gallery`` publishable, ``DIR/gallery.md``
    not a folder (checked before any work)."""
    from verifiers.report import check_out

    if args.gallery is None:
        return
    if args.no_figures:
        raise cli.UsageError("--gallery needs the figures: drop --no-figures")
    check_out(args.gallery / "gallery", "--gallery", lambda name: name.endswith(".png"))
    if (args.gallery / "gallery.md").is_dir():
        raise cli.UsageError(f"--gallery {str(args.gallery)!r}: gallery.md is a folder")


def _command(args, samples: int) -> list[str]:
    """The run's options, spelled out (for the provenance)."""
    argv = ["reproduce", "--out", str(args.out), "--samples", str(samples),
            "--seed", str(args.seed)]
    argv += ["--quick"] * args.quick + ["--no-figures"] * args.no_figures
    argv += ["--fresh"] * args.fresh
    for pattern in args.only:
        argv += ["--only", pattern]
    if args.gallery is not None:
        argv += ["--gallery", str(args.gallery)]
    return argv


def _start_exhibits(figure_names: list[str], table_names: list[str], seed: int, quick: bool,
                    units: int):
    from verifiers.report.exhibits import start

    return start(figure_names, table_names, seed, quick, units)


def _run(args, ids: list[str], samples: int, skipped: dict[str, str]):
    """Check the claims while a worker draws the figures and computes the tables, then
    helps with the claims (:func:`verifiers.report.claims.run_claims`); the figures and
    tables it has not started when the claims are done are drawn here."""
    from verifiers import report
    from verifiers.report import provenance

    started, t0 = provenance.now(), time.perf_counter()
    cli._compute_setup()
    info = {} if args.no_figures else _figure_info()
    table_names = [] if args.no_figures else list(tables())
    chosen = [i for i in ids if i not in skipped]
    with _start_exhibits(list(info), table_names, args.seed, args.quick,
                         len(chosen)) as pending:  # the claims modules load while it starts
        claims = [registry.get(i) for i in chosen]
        results = report.run_claims(claims, samples, args.seed, progress=True, helper=pending)
        pending.help()
        drawn, computed, failures, recalled = pending.collect()
    seconds = time.perf_counter() - t0
    record = provenance.collect(args.seed, samples, started, seconds, _command(args, samples),
                                recalled)
    return report.Run(results, samples, args.seed, record,
                      figures=[(info[d.name], d) for d in drawn], tables=computed,
                      failures=failures, skipped=skipped)


def _summary(run, out: Path) -> list[str]:
    """What ``reproduce`` prints: counts, time, where the report is."""
    from collections import Counter

    from verifiers.report.content import plural

    verdicts = Counter(c.verdict.value for r in run.results for c in r.certificates)
    lines = [
        f"checked {plural(len(run.results), 'claim')} on "
        f"{plural(sum(verdicts.values()), 'instance')} in {run.provenance['seconds']:.0f} s: "
        + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items())),
        f"{run.ok}/{len(run.results)} claims with no verdict contradicting the expected one "
        f"({plural(run.undecided, 'instance')} inconclusive)",
    ]
    bad = [r.claim.id for r in run.results if not r.ok]
    if bad:
        lines.append("contradicted: " + ", ".join(bad))
    if run.skipped:
        lines.append(f"not run: {plural(len(run.skipped), 'claim')} that train GANs "
                     "(--quick skips them; `ganeq reproduce` without --quick runs them)")
    if run.figures or run.tables:
        recalled = len(run.provenance.get("recalled", []))
        how = (f"{recalled} of them read from the memo of an earlier run; --fresh redraws"
               if recalled else "computed beside the claims")
        lines.append(f"{plural(len(run.figures), 'figure')} and "
                     f"{plural(len(run.tables), 'table')} ({how})")
    lines += [f"FAILED: {what}: {error}" for what, error in run.failures.items()]
    lines.append(f"report: {out}/REPORT.md and {out}/REPORT.html; every certificate in "
                 f"{out}/results.json")
    return lines


def cmd_reproduce(args) -> int:
    from verifiers import report

    report.check_out(args.out, "--out", REPORT_FILES.__contains__)
    _check_gallery(args)
    ids = _chosen_claims(args.only)
    skipped = _skipped(ids, args.quick)
    samples = QUICK_SAMPLES if args.quick and args.samples is None else args.samples
    samples = SAMPLES if samples is None else samples
    if args.fresh:
        from verifiers import memo

        memo.switch_off()  # before the worker starts: it inherits the environment
    run = _run(args, ids, samples, skipped)

    def writer(tmp: Path) -> None:
        for _, drawn in run.figures:
            drawn.write(tmp / "figures")
        (tmp / "REPORT.md").write_text(report.report_markdown(run), encoding="utf-8")
        (tmp / "REPORT.html").write_text(report.report_html(run), encoding="utf-8")
        (tmp / "results.json").write_text(report.results_json(run), encoding="utf-8")

    report.publish(args.out, writer)
    if args.gallery is not None:
        from verifiers.report.gallery import write_gallery

        write_gallery(args.gallery, run, report.publish, cli.write_file)
        cli._emit(f"gallery: {args.gallery}/gallery.md")
    for line in _summary(run, args.out):
        cli._emit(line)
    return 0 if run.ok == len(run.results) and not run.failures else 1


def cmd_table(args) -> int:
    cli._compute_setup()
    known = tables()
    if args.name not in known:
        raise cli.UsageError(
            f"table {show(args.name)} does not exist; tables: {', '.join(known) or 'none'}"
        )
    cli._emit(known[args.name]())
    return 0
