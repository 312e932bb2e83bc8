"""tools/compile_profile.py: the summary of recorded compilation events."""

import importlib.util
import json
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "ganeq_compile_profile", Path(__file__).resolve().parents[2] / "tools" / "compile_profile.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
summary = _module.summary


def test_summary_adds_seconds_per_stage_and_ranks_files_and_functions(tmp_path):
    rows = [("tests/a.py::t1", "compile", "jit(f)", 0.75), ("tests/a.py::t2", "compile",
            "jit(g)", 0.25), ("tests/b.py::t", "compile", "jit(f)", 1.5),
            ("tests/b.py::t", "trace", "f", 0.125)]
    for i, part in enumerate((rows[:2], rows[2:])):
        (tmp_path / f"{i}.jsonl").write_text("".join(
            json.dumps({"test": t, "stage": st, "fn": fn, "s": s}) + "\n"
            for t, st, fn, s in part))
    text = summary(tmp_path).splitlines()
    assert text[0] == "trace: 1 events, 0.1 s of CPU"
    assert text[2] == "compile: 3 events, 2.5 s of CPU"
    assert text[3] == "compilations over 0.5 s: 2, 2.2 s"
    assert text[5].split() == ["1.5", "1", "tests/b.py"]
    assert text[8].split() == ["2.2", "2", "jit(f)"]
