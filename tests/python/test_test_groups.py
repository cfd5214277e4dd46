"""`make test`'s groups (conftest.py): each module, the sample group and the repo group
must be one unit of xdist's scheduler, or module fixtures run on both workers (as they
did when xdist's loadgroup met pytest 9: the Spark lane's 12-minute build twice)."""

from __future__ import annotations

import conftest


class _Config:
    def __init__(self, dist: str) -> None:
        self.values = {"dist": dist, "tx": ["popen", "popen"]}

    def getvalue(self, name: str):
        return self.values.get(name)


def test_loadgroup_scopes_are_the_conftest_groups() -> None:
    scheduler = conftest.pytest_xdist_make_scheduler(_Config("loadgroup"), None)
    scope = scheduler._split_scope
    lane = "tests/python/test_spark_lane.py::test_export_on_spark_gives_duckdbs_layout_and_rows"
    assert scope(lane) == "test_spark_lane"
    assert scope("tests/python/test_spark_lane.py::test_every_table_holds[marts]") == (
        "test_spark_lane"
    )
    assert scope("tests/python/test_report.py::test_x") == "sample"
    assert scope("tests/python/test_semantic.py::test_y[a::b]") == "sample"
    assert scope("tests/python/test_privacy.py::test_z") == "repo"
    assert scope("tests/python/test_generator.py::test_z") == "repo"


def test_other_distribution_modes_keep_xdists_scheduler() -> None:
    assert conftest.pytest_xdist_make_scheduler(_Config("load"), None) is None
