"""The report's tables are found although their module registers no claim."""

from verifiers.registry import tables


def test_table_1_is_registered():
    assert "mescheder2018" in tables()
