"""Europe/Brussels time, the zone of every timestamp in the deliveries (`source-extracts.md`).

Two kinds of helper, each written once for the Python side:

- conversions between Brussels wall-clock times and instants by the time-zone database
  (pandas/tzdata): the simulator writes what the source's clock shows, the gate tells a
  wall-clock time that does not exist (the spring gap);
- the EU rule itself, written out (`dst_changes`): summer time from 01:00 UTC on the last
  Sunday of March to 01:00 UTC on the last Sunday of October. The simulator plants
  mails at the autumn change with it. (`imw.csv_figures`, the independent check, writes
  the same rule out in DuckDB SQL, on purpose apart from the time-zone database.)

The gate's spring-gap test (`existing_wall_clock`) and the simulator's conversions are
the ones here; nothing else in Python converts Brussels time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

TIME_ZONE = "Europe/Brussels"
CHANGE_HOUR_UTC = 1  # both EU changes happen at 01:00 UTC
WINTER_OFFSET = timedelta(hours=1)  # CET, UTC+1
SUMMER_OFFSET = timedelta(hours=2)  # CEST, UTC+2


def last_sunday(year: int, month: int) -> date:
    """The last Sunday of a month with 31 days (March, October)."""
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def dst_changes(first_year: int, last_year: int) -> list[tuple[datetime, int]]:
    """(UTC instant as a naive datetime, +1 spring / -1 autumn) of each EU daylight-saving
    change from first_year to last_year, in time order."""
    changes = []
    for year in range(first_year, last_year + 1):
        for month, kind in ((3, 1), (10, -1)):
            day = last_sunday(year, month)
            changes.append((datetime(day.year, day.month, day.day, CHANGE_HOUR_UTC), kind))
    return changes


def wall_clock_to_utc(wall_clock: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """UTC (datetime64[s]) of Brussels wall-clock times that exist and occur once; raises
    for a time in the spring gap or the autumn double hour."""
    local = pd.DatetimeIndex(wall_clock).tz_localize(
        TIME_ZONE, ambiguous="raise", nonexistent="raise"
    )
    return local.tz_convert("UTC").tz_localize(None).to_numpy().astype("datetime64[s]")


def utc_to_wall_clock(utc: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The Brussels wall clock (datetime64[s]) of UTC instants: what the source writes."""
    local = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(TIME_ZONE)
    return local.tz_localize(None).to_numpy().astype("datetime64[s]")


def existing_wall_clock(wall_clock: pd.Series) -> pd.Series:
    """The wall-clock times that exist in Brussels; a time in the spring gap becomes NaT.
    A time that occurs twice (the autumn change) is kept: either reading exists."""
    summer = np.ones(len(wall_clock), dtype=bool)
    local = wall_clock.dt.tz_localize(TIME_ZONE, ambiguous=summer, nonexistent="NaT")
    return wall_clock.where(local.notna())
