"""``ganeq reproduce``: every claim on its defaults plus random admissible
instances, every figure, ``REPORT.md`` and ``results.json``.

Everything is written into a temporary folder first and moved into place only
when the whole run succeeded, so a failed run leaves no half-written report.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from verifiers.certificate import Certificate
from verifiers.claim import Claim


@dataclass(frozen=True)
class ClaimResult:
    """A claim's certificates: on its defaults, then on random instances."""

    claim: Claim
    certificates: tuple[Certificate, ...]

    @property
    def matched(self) -> int:
        return sum(c.verdict == self.claim.expected_for(c.params) for c in self.certificates)

    @property
    def ok(self) -> bool:
        return self.matched == len(self.certificates)


def instances(claim: Claim, samples: int, rng: np.random.Generator) -> list[dict]:
    """The defaults followed by ``samples`` random admissible parameter sets."""
    return [claim.defaults()] + [claim.sample(rng) for _ in range(samples)]


def run_claims(
    claims: Iterable[Claim], samples: int, seed: int, progress: bool = True
) -> list[ClaimResult]:
    """Check every claim on its instances, with a progress bar over all checks."""
    rng = np.random.default_rng(seed)
    plan = [(c, instances(c, samples, rng)) for c in claims]
    bar = tqdm(
        total=sum(len(p) for _, p in plan),
        desc="checking claims",
        unit="check",
        disable=not progress,
        leave=False,
    )
    results = []
    for claim, params in plan:
        bar.set_postfix_str(claim.id)
        certs = []
        for p in params:
            certs.append(claim.check(**p))
            bar.update()
        results.append(ClaimResult(claim, tuple(certs)))
    bar.close()
    return results


def summary_table(results: list[ClaimResult]) -> str:
    """Markdown table: one row per claim with expected and observed verdicts."""
    rows = [
        "| claim | reference | expected | on defaults | random instances matching "
        "| margin (defaults) | method |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        d = r.certificates[0]
        expected = r.claim.expected_for(d.params)
        rows.append(
            f"| `{r.claim.id}` | {r.claim.reference} | {expected.value} | "
            f"{'✓ ' if d.verdict == expected else '✗ '}{d.verdict.value} | "
            f"{r.matched - (d.verdict == expected)}/{len(r.certificates) - 1} | "
            f"{d.margin:.3g} | {d.method} |"
        )
    return "\n".join(rows)


def report_markdown(results: list[ClaimResult], figures: list[str], samples: int, seed: int) -> str:
    """The body of ``REPORT.md``."""
    ok = sum(r.ok for r in results)
    errata = [r for r in results if r.claim.erratum]
    lines = [
        "# ganeq reproduce",
        "",
        f"{ok} of {len(results)} claims gave their expected verdict on the defaults and on "
        f"{samples} random admissible instances each (seed {seed}).",
        "A claim registered as printed where the paper is wrong is expected `refuted`.",
        "",
        summary_table(results),
        "",
        "## Statements checked",
        "",
    ]
    lines += [
        f"- `{r.claim.id}` ({r.claim.reference}): {r.claim.statement} — {r.certificates[0]}"
        for r in results
    ]
    if errata:
        lines += ["", "## Errata (printed statement vs verified form)", ""]
        lines += [f"- `{r.claim.id}`: {r.claim.erratum}" for r in errata]
    lines += ["", "## Figures", ""] + [
        f"- `figures/{name}.png`, `figures/{name}.pdf`" for name in figures
    ]
    return "\n".join(lines) + "\n"


def write_outputs(out: Path, writer: Callable[[Path], None]) -> None:
    """Run ``writer`` on a fresh temporary folder, then move its files into ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".ganeq-", dir=out.parent))
    try:
        writer(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for path in sorted(tmp.rglob("*")):
            if path.is_file():
                target = out / path.relative_to(tmp)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(path), target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def results_json(results: list[ClaimResult], samples: int, seed: int) -> str:
    """``results.json``: every certificate, grouped by claim."""
    payload = {
        "samples": samples,
        "seed": seed,
        "claims": [
            {
                "id": r.claim.id,
                "reference": r.claim.reference,
                "statement": r.claim.statement,
                "expected": r.claim.regions(),
                "erratum": r.claim.erratum,
                "ok": r.ok,
                "certificates": [c.to_dict() for c in r.certificates],
            }
            for r in results
        ],
    }
    return json.dumps(payload, indent=1, allow_nan=False)
