"""``ganeq check CLAIM --samples N`` through a claim's batched margin.

One line per instance when stdout is a terminal, with ``--verbose`` or ``--json``
(screened instances say ``screened``; certified ones print their certificate);
otherwise a progress bar on stderr. Always a summary line: N, verdict counts,
unexpected verdicts, full checks run, screen/full-check disagreements, the smallest
|margin| and its instance. Exit 0 when every verdict is the expected one and no full
check contradicts the screen, else 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

from verifiers.certificate import to_jsonable
from verifiers.sweep.run import Row, sweep


def _line(row: Row, shown) -> str:
    flag = f"  [UNEXPECTED: expected {row.expected.value}]" if row.unexpected else ""
    if row.disagrees:
        flag += f"  [SCREEN DISAGREES: screened {row.screened.value}]"
    if row.certificate is not None:
        return f"#{row.index + 1} {shown(row.params)}: {row.certificate}{flag}"
    return (f"#{row.index + 1} {shown(row.params)}: {row.screened.value} (screened: margin "
            f"{row.margin:.6g}, tol {row.tolerance:.2g}){flag}")


def _json(row: Row) -> str:
    if row.certificate is not None:
        data = {**row.certificate.to_dict(), "screened": row.screened.value}
    else:
        data = {"claim": None, "params": row.params, "verdict": row.screened.value,
                "margin": row.margin, "tolerance": row.tolerance, "method": "batched screen",
                "screened": row.screened.value}
    data["expected"] = row.expected.value
    return json.dumps(to_jsonable(data), allow_nan=False, ensure_ascii=False)


def check_samples(claim, batched, instances: Iterator[dict], total: int, seed: int,
                  as_json: bool, verbose: bool) -> int:
    """Sweep ``instances`` (``total`` of them) and print as the module docstring says."""
    from verifiers.cli import _emit, _progress, _shown, _summary_line

    lines = as_json or verbose or sys.stdout.isatty()
    bar = None if lines else _progress(total, claim.id)

    def on_row(row: Row) -> None:
        if lines:
            _emit(_json(row) if as_json else _line(row, _shown))
        elif row.disagrees or row.unexpected:
            _emit(_line(row, _shown))
        if bar is not None:
            bar.update()

    summary = sweep(claim, batched, instances, seed=seed, on_row=on_row)
    if bar is not None:
        bar.close()
    s = summary.to_dict()
    if as_json:
        _emit(json.dumps({"summary": to_jsonable(s)}, allow_nan=False))
    else:
        _emit(_summary_line(s) + f"; {s['full_checks']} full checks, "
              f"{s['disagreements']} screen disagreements")
    return 0 if summary.unexpected == 0 and summary.disagreements == 0 else 1
