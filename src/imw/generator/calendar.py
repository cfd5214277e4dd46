"""Vectorised date helpers on numpy ``datetime64[D]`` arrays."""

from __future__ import annotations

from datetime import date

import numpy as np

DAY = np.timedelta64(1, "D")


def d64(value: date | str) -> np.datetime64:
    return np.datetime64(value, "D")


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday)."""
    return (days.astype("datetime64[D]").astype(np.int64) + 3) % 7


def next_weekday(days: np.ndarray) -> np.ndarray:
    """Moves Saturdays and Sundays to the following Monday."""
    wd = weekday(days)
    shift = np.where(wd == 5, 2, np.where(wd == 6, 1, 0))
    return days + shift * DAY


def sample_days(
    rng: np.random.Generator, start: date, end: date, n: int, weekend: float = 0.03
) -> np.ndarray:
    """Draws n days in [start, end] with an office-week pattern (busy Mondays, quiet weekends)."""
    days = np.arange(d64(start), d64(end) + DAY, dtype="datetime64[D]")
    wd = weekday(days)
    weights = np.select([wd == 0, wd == 4, wd >= 5], [1.15, 0.85, weekend], 1.0)
    return rng.choice(days, size=n, p=weights / weights.sum())


def quarter_start(days: np.ndarray) -> np.ndarray:
    months = days.astype("datetime64[M]")
    month_index = months.astype(np.int64)  # months since 1970-01
    return (months - (month_index % 3)).astype("datetime64[D]")


def add_months(days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    """First-of-month arithmetic: only valid for days that are the first of a month."""
    return (days.astype("datetime64[M]") + months).astype("datetime64[D]")


def quarter_index(days: np.ndarray) -> np.ndarray:
    """Quarters since 1970-Q1, so that consecutive quarters differ by one."""
    return days.astype("datetime64[M]").astype(np.int64) // 3


def quarter_first_day(qindex: np.ndarray) -> np.ndarray:
    return (np.asarray(qindex) * 3).astype("datetime64[M]").astype("datetime64[D]")


def quarter_last_day(qindex: np.ndarray) -> np.ndarray:
    return quarter_first_day(np.asarray(qindex) + 1) - DAY


def year(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def month_ends(first: date, last: date) -> list[date]:
    """Last days of the months from first's month to last's month."""
    months = np.arange(
        np.datetime64(first, "M"), np.datetime64(last, "M") + 1, dtype="datetime64[M]"
    )
    ends = (months + 1).astype("datetime64[D]") - DAY
    return [d.astype(object) for d in ends]
