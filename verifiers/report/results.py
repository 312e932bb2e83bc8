"""``results.json``: every certificate grouped by claim, with its relative margin,
the figures drawn, the tables computed and the provenance of the run."""

from __future__ import annotations

import json

from verifiers.report.content import Run
from verifiers.report.margins import relative_margin
from verifiers.report.provenance import RUN_FIELDS


def _certificate(cert) -> dict:
    return {**cert.to_dict(), **relative_margin(cert).to_dict()}


def payload(run: Run) -> dict:
    return {
        "samples": run.samples,
        "seed": run.seed,
        "provenance": run.provenance,
        "claims": [
            {
                "id": r.claim.id,
                "reference": r.claim.reference,
                "statement": r.claim.statement,
                "expected": r.claim.regions(),
                "erratum": r.claim.erratum,
                "ok": r.ok,
                "certificates": [_certificate(c) for c in r.certificates],
            }
            for r in run.results
        ],
        "figures": [
            {"name": info.name, "paper_figure": info.paper_figure, "caption": info.caption,
             "width": info.width, "files": [f"figures/{info.name}.{ext}" for ext in drawn.files],
             "seconds": round(drawn.seconds, 2)}
            for info, drawn in run.figures
        ],
        "tables": run.tables,
        "failures": run.failures,
        "skipped": run.skipped,
    }


def results_json(run: Run) -> str:
    return json.dumps(payload(run), indent=1, allow_nan=False, ensure_ascii=False)


def without_run_fields(data):
    """``results.json`` data without the run-dependent entries (:data:`RUN_FIELDS`,
    at any depth): what two runs with the same seed must share exactly."""
    if isinstance(data, dict):
        return {k: without_run_fields(v) for k, v in data.items() if k not in RUN_FIELDS}
    if isinstance(data, list):
        return [without_run_fields(v) for v in data]
    return data
