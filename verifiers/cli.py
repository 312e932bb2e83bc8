"""The ``ganeq`` command line.

Exit codes: 0 when every verdict matches its claim's expected verdict, 1
otherwise, 2 for a usage or input error (one line on stderr naming the option
or parameter, no traceback), 130 when interrupted (Ctrl-C). Results are
printed one line per check as they come; a closed pipe (``ganeq list | head``)
ends the run quietly. ``--help``, ``list`` and ``describe`` import no claims
module: the last two read the claim index (:mod:`verifiers.registry`).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from verifiers.ask.commands import add_commands, add_map_dirac_arguments
from verifiers.experiments import commands as experiment_commands
from verifiers.params import Integer, Real, show
from verifiers.registry import catalogue, describe, registry

SEED_BITS = 64
"""Seeds are integers in [0, 2**64)."""
DRAW_ATTEMPTS = 100
"""Random draws tried for one admissible instance of ``check --samples``."""


class UsageError(ValueError):
    """A command-line mistake; reported as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)

    def parse_args(self, args=None, namespace=None):
        """As argparse's, but an extra argument is quoted (it may be empty or odd)."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            raise UsageError(f"unrecognized argument {show(extras[0])}")
        return parsed


def _integer(low: int, bits: int | None = None) -> Callable[[str], int]:
    """argparse ``type`` of an integer option ``>= low`` (and ``< 2**bits``); argparse
    puts the option's name in front of the error."""
    admissible = f"an integer >= {low}" if bits is None else f"an integer in [{low}, 2**{bits})"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (bits is not None and value >= 2**bits):
            raise argparse.ArgumentTypeError(f"{show(text)} must be {admissible}")
        return value

    return parse


def _path(text: str) -> Path:
    """argparse ``type`` of ``--out``: a non-empty path without NUL characters."""
    if not text or "\x00" in text:
        raise argparse.ArgumentTypeError(f"{show(text)} is not a path")
    return Path(text)


CLAIM_HELP = "a claim id (`ganeq list` shows them all)"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ganeq", description="Machine-checked equilibrium theory of GANs.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    seed = {"type": _integer(0, SEED_BITS), "default": 0, "help": "random seed"}
    ls = sub.add_parser("list", help="list registered claims")
    ls.add_argument("--json", action="store_true", help="one JSON object per claim")
    ds = sub.add_parser("describe", help="a claim's statement, parameters and expected verdicts")
    ds.add_argument("claim", help=CLAIM_HELP)
    ds.add_argument("--json", action="store_true", help="the description as one JSON object")
    ck = sub.add_parser("check", help="check one claim")
    ck.add_argument("claim", help=CLAIM_HELP)
    ck.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="set one parameter (repeatable; `ganeq describe CLAIM` lists them)")
    ck.add_argument("--samples", type=_integer(0), default=0,
                    help="also check N random admissible instances (streamed)")
    ck.add_argument("--range", action="append", default=[], metavar="NAME=LO:HI",
                    help="draw a real or integer parameter from [LO, HI] only")
    ck.add_argument("--seed", **seed)
    ck.add_argument("--json", action="store_true", help="JSON (one object per line with --samples)")
    ck.add_argument("--verbose", action="store_true",
                    help="with --samples: one line per instance even when not on a terminal")
    ht = sub.add_parser("hunt", help="search a claim's parameters for an unexpected verdict")
    ht.add_argument("claim", help=CLAIM_HELP)
    ht.add_argument("--budget", type=_integer(1, 31), default=200,
                    help="number of checks (default 200)")
    ht.add_argument("--range", action="append", default=[], metavar="NAME=LO:HI",
                    help="search a real or integer parameter in [LO, HI] only")
    ht.add_argument("--seed", **seed)
    ht.add_argument("--json", action="store_true", help="print the result as JSON")
    ht.add_argument("--out", type=_path, default=None, metavar="FILE",
                    help="also write the result as JSON to FILE")
    from verifiers.reproduce import add_report_commands

    add_report_commands(sub, seed)
    add_commands(sub, include_map=False)
    experiment_commands.add_commands(sub)
    _map_parser(sub)
    return p


def _map_parser(sub) -> None:
    """``ganeq map CLAIM`` (verifiers/sweep/maps.py) and ``ganeq map dirac``."""
    from verifiers.sweep import maps

    mp = sub.add_parser("map", help="verdict and margin of a claim over a 1-D or 2-D grid; "
                                    "`map dirac`: a Dirac-GAN stability map")
    mp.add_argument("target", help="a claim id, or dirac")
    add_map_dirac_arguments(mp)
    maps.add_arguments(mp)
    mp.set_defaults(func=maps.run_map)


_INTERRUPTED = threading.Event()
"""Set by :func:`_on_sigint`; an interrupt that could not be raised at once is raised at the
next streamed line."""


def _on_sigint(signum, frame) -> None:
    """SIGINT: raise ``KeyboardInterrupt``, except inside a garbage-collector callback (JAX
    registers one), where Python would print the exception and go on: there the interrupt
    is only remembered, and :func:`_emit` raises it at the next line."""
    _INTERRUPTED.set()
    if not _in_gc_callback(frame):
        raise KeyboardInterrupt


def _in_gc_callback(frame) -> bool:
    """Is ``frame`` (or a caller of it) one of the functions in ``gc.callbacks``?"""
    codes = {getattr(cb, "__code__", None) for cb in gc.callbacks}
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


def _emit(line: str) -> None:
    """Print one line now (streamed output), after raising a remembered interrupt."""
    if _INTERRUPTED.is_set():
        raise KeyboardInterrupt
    print(line, flush=True)


def _parse_params(claim, items: list[str]) -> dict:
    params: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep:
            raise UsageError(f"--param {show(item)} must read NAME=VALUE")
        if name not in claim.param_map:
            raise UsageError(
                f"--param: {claim.id} has no parameter {show(name)}; parameters: "
                f"{', '.join(claim.param_map) or 'none'}"
            )
        if name in params:
            raise UsageError(f"--param {name} is given twice")
        params[name] = claim.param_map[name].parse(text)
    claim.validate(params)
    return params


def _parse_ranges(claim, items: list[str], fixed: dict) -> dict[str, tuple]:
    """``--range NAME=LO:HI`` items as ``{name: (lo, hi)}``, each inside the admissible range."""
    ranges: dict[str, tuple] = {}
    for item in items:
        name, sep, text = item.partition("=")
        lo_text, colon, hi_text = text.partition(":")
        param = claim.param_map.get(name)
        if not (sep and colon):
            raise UsageError(f"--range {show(item)} must read NAME=LO:HI")
        if not isinstance(param, (Real, Integer)):
            raise UsageError(
                f"--range {show(name)}: {claim.id} has no real or integer parameter of that name"
            )
        if name in fixed or name in ranges:
            raise UsageError(f"--range {name} is given twice or also fixed by --param")
        try:
            lo, hi = param.parse(lo_text), param.parse(hi_text)
            param.check(lo), param.check(hi)
        except ValueError as exc:
            raise UsageError(f"--range {name}: {exc}") from None
        if lo > hi:
            raise UsageError(f"--range {name}={show(text)} needs LO <= HI")
        ranges[name] = (lo, hi)
    return ranges


def _instances(claim, fixed: dict, ranges: dict, samples: int, seed: int) -> Iterator[dict]:
    """The given instance, then ``samples`` random admissible ones (ranged parameters
    drawn from their ``--range``), drawn one at a time."""
    import numpy as np

    from verifiers.hunt import narrowed, random_draws

    yield claim.validate(fixed)
    draws = random_draws(claim, narrowed(claim, ranges), np.random.default_rng(seed))
    for _ in range(samples):
        yield _admissible(claim, ({**d, **fixed} for d in draws))


def _admissible(claim, candidates: Iterator[dict]) -> dict:
    """The first candidate the claim accepts, validated (joint samplers, ``--param`` and
    ``--range`` together may give combinations where the objects are undefined)."""
    for params in itertools.islice(candidates, DRAW_ATTEMPTS):
        try:
            return claim.validate(params)
        except ValueError:
            continue
    raise UsageError(
        f"--param/--range: no admissible instance of {claim.id} in {DRAW_ATTEMPTS} draws"
    )


def _shown(params: dict) -> str:
    return " ".join(f"{k}={show(v, 40)}" for k, v in params.items())


def _compute_setup() -> None:
    """Before checking or drawing: JAX in float64 with its persistent compilation cache."""
    from theory import _config

    _config.enable_compilation_cache()


def cmd_list(args) -> int:
    """One line per claim, or a JSON array; read from the claim index (no claims module
    imported while the index is up to date)."""
    rows = catalogue()
    if args.json:
        for i, d in enumerate(rows):
            row = {
                "id": d["id"], "reference": d["reference"], "statement": d["statement"],
                "expected": d["expected"],
                "params": {p["name"]: {"default": p["default"], "range": p["range"]}
                           for p in d["params"]},
            }
            head = "[" if i == 0 else ","
            _emit(head + json.dumps(row, default=str, ensure_ascii=False))
        _emit("]" if rows else "[]")
        return 0
    width = max((len(d["id"]) for d in rows), default=0)
    for d in rows:
        _emit(f"{d['id']:<{width}}  {d['reference']}: {d['statement']}")
    return 0


def cmd_describe(args) -> int:
    """Statement, reference, parameters, hypotheses, expected verdicts, erratum and
    derivation of one claim, from the claim index."""
    d = describe(args.claim)
    if args.json:
        _emit(json.dumps(d, indent=1, default=str, ensure_ascii=False))
        return 0
    lines = [f"{d['id']}  ({d['reference']})", f"statement:  {d['statement']}", "parameters:"]
    for p in d["params"]:
        lines.append(f"  {p['name']}: {p['meaning'] or '(no description)'}")
        where = "" if p["range"] == p["meaning"] else f"range {p['range']}; "
        lines.append(f"      {where}default {show(p['default'])}")
        if p["thresholds"]:
            changes = ", ".join(map(repr, p["thresholds"]))
            lines.append(f"      expected verdict changes at {changes}")
    if not d["params"]:
        lines.append("  none")
    lines += [f"hypotheses: {d['hypotheses']}", f"expected:   {d['expected']}"]
    if d["erratum"]:
        lines.append(f"erratum:    {d['erratum']}")
    lines.append(f"derivation: {d['derivation'] or 'none (decided in code)'}")
    for line in lines:
        _emit(line)
    return 0


def _summary_line(s: dict) -> str:
    counts = ", ".join(f"{n} {v}" for v, n in s["verdicts"].items())
    closest = (
        f"; smallest |margin| {s['smallest_abs_margin']:.3g} at {_shown(s['at'])}"
        if s["at"] is not None else ""
    )
    return f"checked {s['checked']}: {counts}; {s['unexpected']} unexpected{closest}"


def cmd_check(args) -> int:
    claim = registry.get(args.claim)
    fixed = _parse_params(claim, args.param)
    ranges = _parse_ranges(claim, args.range, fixed)
    _compute_setup()
    if not args.samples:
        cert = claim.check(**fixed)
        _emit(json.dumps(cert.to_dict(), indent=1, allow_nan=False, ensure_ascii=False)
              if args.json else str(cert))
        return 0 if cert.verdict == claim.expected_for(cert.params) else 1
    instances = _instances(claim, fixed, ranges, args.samples, args.seed)
    from verifiers.sweep import batched_for

    batched = batched_for(claim.id)
    if batched is not None:  # screened by the batched margin (verifiers/sweep/)
        from verifiers.sweep.commands import check_samples

        return check_samples(claim, batched, instances, args.samples + 1, args.seed, args.json,
                             args.verbose)
    return _stream_checks(claim, instances, args.json)


def _closer(cert, best) -> bool:
    """Is ``cert``'s |margin| finite and below that of ``best`` (None: nothing yet)?"""
    return math.isfinite(cert.margin) and (best is None or abs(cert.margin) < abs(best.margin))


def _stream_checks(claim, instances: Iterator[dict], as_json: bool) -> int:
    """Check and print each instance as it comes; then a summary line: the number
    of checks, the verdict counts, the smallest finite |margin| and its instance."""
    from verifiers.certificate import to_jsonable

    counts: Counter = Counter()
    unexpected, closest = 0, None
    for i, params in enumerate(instances, 1):
        cert = claim.check(**params)
        expected = claim.expected_for(cert.params)
        counts[cert.verdict.value] += 1
        unexpected += cert.verdict.contradicts(expected)
        if _closer(cert, closest):
            closest = cert
        if as_json:
            row = {**cert.to_dict(), "expected": expected.value}
            _emit(json.dumps(row, allow_nan=False, ensure_ascii=False))
        else:
            flag = (f"  [UNEXPECTED: expected {expected.value}]"
                    if cert.verdict.contradicts(expected) else "")
            _emit(f"#{i} {_shown(cert.params)}: {cert}{flag}")
    summary = {
        "checked": i, "verdicts": dict(sorted(counts.items())), "unexpected": unexpected,
        "smallest_abs_margin": abs(closest.margin) if closest else None,
        "at": closest.params if closest else None,
    }
    _emit(json.dumps({"summary": to_jsonable(summary)}, allow_nan=False) if as_json
          else _summary_line(summary))
    return 0 if unexpected == 0 else 1


def cmd_hunt(args) -> int:
    from verifiers.hunt import hunt

    claim = registry.get(args.claim)
    ranges = _parse_ranges(claim, args.range, {})
    if args.out is not None:
        _check_out_file(args.out)
    _compute_setup()
    tty = sys.stdout.isatty()
    bar = None if tty else _progress(args.budget, claim.id)

    def on_check(finding) -> None:
        if tty or finding.unexpected:
            flag = (f"  [UNEXPECTED: expected {finding.expected.value}]"
                    if finding.unexpected else "")
            _emit(f"{_shown(finding.params)}: {finding.certificate}{flag}")
        if bar is not None:
            bar.update()

    result = hunt(claim, budget=args.budget, seed=args.seed, ranges=ranges or None,
                  on_check=on_check)
    if bar is not None:
        bar.close()
    payload = json.dumps(result.to_dict(), indent=1, allow_nan=False, ensure_ascii=False,
                         default=str)
    if args.out is not None:
        write_file(args.out, payload + "\n")
    _emit(payload if args.json else result.summary_line())
    return 1 if result.counts.get("unexpected", 0) else 0


def _progress(total: int, what: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=what, unit="check", leave=False, file=sys.stderr)


def _check_out_file(out: Path) -> None:
    """``--out FILE``: not a folder, its folder creatable and writable (before any work)."""
    try:
        _check_file_target(out)
    except OSError as exc:
        raise UsageError(f"--out {str(out)!r}: {exc.strerror or exc}") from None


def _check_file_target(out: Path) -> None:
    if out.is_dir():
        raise UsageError(f"--out {str(out)!r} is a folder, not a file")
    ancestor = out.absolute().parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir() or not os.access(ancestor, os.W_OK | os.X_OK):
        raise UsageError(f"--out {str(out)!r}: cannot write into {str(ancestor)!r}")


def write_file(out: Path, text: str) -> None:
    """Write ``out`` whole or not at all (temporary file, then one rename)."""
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".ganeq-{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


COMMANDS = {
    "list": cmd_list,
    "describe": cmd_describe,
    "check": cmd_check,
    "hunt": cmd_hunt,
}


def _error(message: str) -> None:
    print("ganeq: " + " ".join(str(message).split()), file=sys.stderr, flush=True)


def _run(argv: list[str] | None) -> int:
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:  # σ, λ … on a terminal that cannot show them: escaped
        reconfigure(errors="backslashreplace")
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version: argparse printed and exits
        return exc.code if isinstance(exc.code, int) else 0
    code = getattr(args, "func", COMMANDS.get(args.command))(args)
    sys.stdout.flush()
    return code


def _quiet_stdout() -> None:
    """After a closed pipe: send what is left of stdout to devnull (Python docs, SIGPIPE note)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ganeq`` console script."""
    _INTERRUPTED.clear()
    previous = (signal.signal(signal.SIGINT, _on_sigint)
                if threading.current_thread() is threading.main_thread() else None)
    try:
        return _run(argv)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except ValueError as exc:
        _error(f"error: {exc}")
        return 2
    except OSError as exc:  # disk full, output folder removed under us …
        where = f" ({exc.filename})" if exc.filename else ""
        _error(f"error: {exc.strerror or exc}{where}")
        return 1
    except Exception as exc:  # last resort: one line instead of a traceback
        _error(f"internal error: {type(exc).__name__}: {exc} (please report this)")
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


if __name__ == "__main__":
    sys.exit(main())
