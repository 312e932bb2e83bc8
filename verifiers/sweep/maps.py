"""``ganeq map CLAIM``: the verdict and margin of any claim over a 1-D or 2-D grid.

    ganeq map CLAIM --x NAME=LO:HI:N [--y NAME=LO:HI:N] [--param NAME=VALUE ...]
                    [--log-x] [--log-y] [--out DIR] [--json]
    ganeq map dirac ...          (a Dirac-GAN stability map: verifiers.ask.commands)

Grid points are instances of the claim (the other parameters at their defaults or
``--param``). A claim with a batched margin (:mod:`verifiers.sweep`) is screened in
one batch and fully checked where the sweep's rule says (:mod:`verifiers.sweep.run`);
any other claim is checked in full at every point, with a progress bar on stderr. A
point where the claim's objects are undefined (its ``requires`` rejects it) is
``undefined``. The *boundary* is the list of midpoints ``[x, y]`` (``y`` null on a
1-D map) between neighbouring points whose verdicts differ.

``--out DIR`` receives ``map.png`` (verdict regions coloured, the boundary drawn, axes
named in mathtext, the claim id as title) and ``map.json``, each written whole or not
at all. ``--json`` prints ``{"x": {"name", "values"}, "y": {...} | null,
"verdict": [[...]], "margin": [[...]], "boundary": [...]}`` (rows over y).
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from verifiers.params import Integer, Real, show

if TYPE_CHECKING:
    import numpy as np

COLOURS = {"holds": "#9fd49f", "refuted": "#f2a29a", "inconclusive": "#d9d9d9",
           "inapplicable": "#a9c8e8", "undefined": "#ffffff"}
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "lambda", "mu", "nu",
         "rho", "sigma", "tau", "phi", "psi", "omega", "kappa"}
ALIASES = {"lam": r"\lambda", "mu_re": r"\mathrm{Re}\,\mu", "mu_im": r"\mathrm{Im}\,\mu"}


def mathtext(name: str) -> str:
    """A parameter name as mathtext: ``sigma`` -> ``$\\sigma$``, ``n_g`` -> ``$n_{g}$``,
    ``f1`` -> ``$f_{1}$``."""
    if name in ALIASES:
        return f"${ALIASES[name]}$"
    head, _, sub = name.partition("_")
    if not sub and head[-1:].isdigit() and head.rstrip("0123456789"):
        head, sub = head.rstrip("0123456789"), head[len(head.rstrip("0123456789")):]
    head = f"\\{head}" if head in GREEK else head
    return f"${head}_{{{sub}}}$" if sub else f"${head}$"


def parse_axis(claim, option: str, text: str, log: bool) -> tuple[str, np.ndarray]:
    """``NAME=LO:HI:N`` of a real or integer parameter: N >= 2 points from LO < HI, both
    admissible (log-spaced with ``log``, then LO > 0); ``ValueError`` naming the option."""
    import numpy as np

    name, sep, spec = text.partition("=")
    parts = spec.split(":")
    if not sep or len(parts) != 3:
        raise ValueError(f"{option} {show(text)} must read NAME=LO:HI:N")
    param = claim.param_map.get(name)
    if not isinstance(param, (Real, Integer)):
        numeric = [p.name for p in claim.params if isinstance(p, (Real, Integer))]
        raise ValueError(f"{option}: {claim.id} has no real or integer parameter {show(name)}; "
                         f"numeric parameters: {', '.join(numeric) or 'none'}")
    try:
        n = int(parts[2])
    except ValueError:
        n = 0
    if n < 2 or n > 10**6:
        raise ValueError(f"{option} {name}: N={show(parts[2])} must be an integer in [2, 10**6]")
    try:
        lo, hi = param.check(param.parse(parts[0])), param.check(param.parse(parts[1]))
    except ValueError as exc:
        raise ValueError(f"{option} {name}: {exc}") from None
    if not lo < hi:
        raise ValueError(f"{option} {name}: LO={lo!r} must be below HI={hi!r}")
    if log and not lo > 0:
        raise ValueError(f"{option} {name}: a log axis needs LO > 0, got {lo!r}")
    values = np.geomspace(lo, hi, n) if log else np.linspace(lo, hi, n)
    values = np.clip(values, lo, hi)
    if isinstance(param, Integer):
        values = np.unique(np.round(values)).astype(int)
        if len(values) < 2:
            raise ValueError(f"{option} {name}: the grid has fewer than 2 integers")
    return name, values


def _points(x, y, fixed):
    xs = x[1]
    ys = [None] if y is None else y[1]
    for yv in ys:
        for xv in xs:
            p = {**fixed, x[0]: xv.item()}
            if y is not None:
                p[y[0]] = yv.item()
            yield p


def evaluate_grid(claim, x, y, fixed: dict, seed: int = 0, progress: bool = True):
    """``(verdict, margin)`` grids (rows over y) of ``claim`` on the grid."""
    import numpy as np

    from verifiers.sweep import batched_for

    points = list(_points(x, y, fixed))
    verdict = np.full(len(points), "undefined", dtype=object)
    margin = np.full(len(points), np.nan)
    valid, where = [], []
    for i, p in enumerate(points):
        try:
            valid.append(claim.validate(p))
        except ValueError:
            continue
        where.append(i)
    batched = batched_for(claim.id)
    if batched is not None and valid:
        from verifiers.sweep.run import sweep

        rows = []
        sweep(claim, batched, iter(valid), seed=seed, on_row=rows.append)
        found = [(r.verdict.value, r.final_margin) for r in rows]
    else:
        found = _full_checks(claim, valid, progress)
    for i, (v, m) in zip(where, found, strict=True):
        verdict[i], margin[i] = v, m
    shape = (1 if y is None else len(y[1]), len(x[1]))
    return verdict.reshape(shape), margin.reshape(shape)


def _full_checks(claim, valid, progress: bool):
    from tqdm import tqdm

    bar = tqdm(total=len(valid), desc=claim.id, unit="check", leave=False, file=sys.stderr,
               disable=not progress)
    out = []
    for p in valid:
        cert = claim.check(**p)
        out.append((cert.verdict.value, cert.margin))
        bar.update()
    bar.close()
    return out


def boundary(verdict: np.ndarray, x, y) -> list:
    """Midpoints ``[x, y]`` between neighbouring points of different verdicts."""
    import numpy as np

    xs = np.asarray(x[1], float)
    ys = None if y is None else np.asarray(y[1], float)
    out = []
    for j, row in enumerate(verdict):
        yv = None if ys is None else float(ys[j])
        for i in range(len(xs) - 1):
            if row[i] != row[i + 1]:
                out.append([float(0.5 * (xs[i] + xs[i + 1])), yv])
    if ys is not None:
        for j in range(len(ys) - 1):
            for i in range(len(xs)):
                if verdict[j, i] != verdict[j + 1, i]:
                    out.append([float(xs[i]), float(0.5 * (ys[j] + ys[j + 1]))])
    return out


def claim_map(claim, x, y, fixed: dict, seed: int = 0, progress: bool = True) -> dict:
    """The map as the JSON of ``ganeq map CLAIM --json`` (plus ``claim`` and ``fixed``)."""
    import numpy as np

    verdict, margin = evaluate_grid(claim, x, y, fixed, seed, progress)

    def axis(a):
        return None if a is None else {"name": a[0], "values": np.asarray(a[1]).tolist()}

    return {"x": axis(x), "y": axis(y), "verdict": verdict.tolist(),
            "margin": [[m if math.isfinite(m) else None for m in row] for row in margin.tolist()],
            "boundary": boundary(verdict, x, y), "claim": claim.id, "fixed": fixed}


def _edges(v: np.ndarray, log: bool) -> np.ndarray:
    import numpy as np

    v = np.log(v) if log else np.asarray(v, float)
    mid = 0.5 * (v[1:] + v[:-1])
    e = np.concatenate([[2 * v[0] - mid[0]], mid, [2 * v[-1] - mid[-1]]])
    return np.exp(e) if log else e


def figure(m: dict, log_x: bool = False, log_y: bool = False):
    """The map as a matplotlib Figure (no pyplot, no backend chosen): verdict regions
    coloured, the boundary drawn along the cell edges where the verdict changes."""
    import numpy as np
    from matplotlib.collections import LineCollection
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    names = list(COLOURS)
    grid = np.array([[names.index(v) for v in row] for row in m["verdict"]], float)
    xs = np.asarray(m["x"]["values"], float)
    xe = _edges(xs, log_x)
    ye = np.array([0.0, 1.0]) if m["y"] is None else _edges(np.asarray(m["y"]["values"],
                                                                      float), log_y)
    fig = Figure(figsize=(6.0, 4.5))
    ax = fig.add_subplot()
    ax.pcolormesh(xe, ye, grid, cmap=ListedColormap(list(COLOURS.values())), vmin=-0.5,
                  vmax=len(names) - 0.5)
    segments = []
    v = m["verdict"]
    for j, row in enumerate(v):
        segments += [[(xe[i + 1], ye[j]), (xe[i + 1], ye[j + 1])]
                     for i in range(len(row) - 1) if row[i] != row[i + 1]]
    for j in range(len(v) - 1):
        segments += [[(xe[i], ye[j + 1]), (xe[i + 1], ye[j + 1])]
                     for i in range(len(v[j])) if v[j][i] != v[j + 1][i]]
    if segments:
        ax.add_collection(LineCollection(segments, colors="k", linewidths=1.5))
    ax.set_xlabel(mathtext(m["x"]["name"]))
    if log_x:
        ax.set_xscale("log")
    if m["y"] is None:
        ax.set_yticks([])
    else:
        ax.set_ylabel(mathtext(m["y"]["name"]))
        if log_y:
            ax.set_yscale("log")
    ax.set_title(m["claim"])
    present = {x for row in v for x in row}
    ax.legend(handles=[Patch(color=COLOURS[k], label=k) for k in names if k in present]
              + ([Patch(color="k", label="boundary")] if segments else []),
              fontsize=7, loc="best")
    return fig


def save(m: dict, out: Path, log_x: bool = False, log_y: bool = False) -> None:
    """``map.png`` and ``map.json`` into ``out``, each written whole (temporary file in
    ``out``, then one rename)."""
    import io

    from figures._base import style

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with style():  # the project style (figures/ganeq.mplstyle), no backend chosen
        figure(m, log_x, log_y).savefig(buf, format="png", dpi=120,
                                        metadata={"Software": None})
    for name, data in (("map.png", buf.getvalue()),
                       ("map.json", json.dumps(m, indent=1, allow_nan=False).encode())):
        tmp = out / f".ganeq-{name}.{os.getpid()}.tmp"
        try:
            tmp.write_bytes(data)
            os.replace(tmp, out / name)
        finally:
            tmp.unlink(missing_ok=True)


def add_arguments(p) -> None:
    """The options a claim map adds to those of ``ganeq map dirac``."""
    p.add_argument("--log-x", action="store_true", help="log-spaced x grid (claim maps)")
    p.add_argument("--log-y", action="store_true", help="log-spaced y grid (claim maps)")
    p.add_argument("--seed", type=int, default=0, help="seed of the sweep's audit sample")


def run_map(args) -> int:
    """``ganeq map TARGET``: ``dirac`` (stability map) or a claim id."""
    from verifiers.ask.commands import run_map_dirac

    if args.target == "dirac":
        if args.log_x or args.log_y:
            raise ValueError("--log-x/--log-y: only for claim maps, not map dirac")
        return run_map_dirac(args)
    from verifiers.cli import _compute_setup, _emit, _parse_params
    from verifiers.registry import registry

    if args.target not in registry:
        raise ValueError(f"map: target {show(args.target)} is neither dirac nor a registered "
                         "claim; see `ganeq list`")
    claim = registry.get(args.target)
    if not args.x:
        raise ValueError("--x is required (NAME=LO:HI:N)")
    x = parse_axis(claim, "--x", args.x, args.log_x)
    y = None if args.y is None else parse_axis(claim, "--y", args.y, args.log_y)
    if y is not None and y[0] == x[0]:
        raise ValueError(f"--y {y[0]}: the same parameter as --x")
    fixed = _parse_params(claim, args.param)
    for a in (x, y):
        if a is not None and a[0] in fixed:
            raise ValueError(f"--param {a[0]}: also an axis of the map")
    _compute_setup()
    m = claim_map(claim, x, y, fixed, seed=args.seed, progress=not args.json)
    if args.out is not None:
        save(m, Path(args.out), args.log_x, args.log_y)
    if args.json:
        _emit(json.dumps({k: m[k] for k in ("x", "y", "verdict", "margin", "boundary")},
                         allow_nan=False, default=str))
    else:
        counts = {}
        for row in m["verdict"]:
            for v in row:
                counts[v] = counts.get(v, 0) + 1
        _emit(f"{claim.id} over {x[0]}" + (f" x {y[0]}" if y else "") + ": "
              + ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
              + f"; {len(m['boundary'])} boundary points"
              + (f"; wrote {args.out}/map.png, map.json" if args.out is not None else ""))
    return 0
