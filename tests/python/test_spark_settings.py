"""The local Spark session's settings that need no Java: the driver's heap."""

from __future__ import annotations

import os

import pytest

from imw.engines import spark


def test_the_configured_driver_memory_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(spark.DRIVER_MEMORY_VARIABLE, "6g")
    assert spark.driver_memory() == "6g"


@pytest.mark.parametrize(
    ("physical", "expected"),
    [(2 * 2**30, "4g"), (8 * 2**30, "4g"), (24 * 2**30, "8g"), (23 * 2**30, "7g"),
     (256 * 2**30, "16g")],
)
def test_by_default_a_third_of_the_machine_between_4g_and_16g(
    monkeypatch: pytest.MonkeyPatch, physical: int, expected: str
) -> None:
    monkeypatch.delenv(spark.DRIVER_MEMORY_VARIABLE, raising=False)
    pages = {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": physical // 4096}
    monkeypatch.setattr(os, "sysconf", lambda name: pages[name])
    assert spark.driver_memory() == expected
