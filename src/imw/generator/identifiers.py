"""Belgian identifiers (KBO enterprise numbers, INSZ) and their written forms, vectorised.

The check digits are `imw.check_digits.mod97`, the rule the gate checks too.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from imw.check_digits import mod97

Array = np.ndarray[Any, Any]


def kbo_numbers(rng: np.random.Generator, n: int, invalid_share: float) -> Array:
    """n distinct 10-digit enterprise numbers as int64; a share gets wrong check digits."""
    # 8 leading digits 02000000..10999999: written with 10 digits they start with 0 or 1
    base = rng.choice(9_000_000, size=n, replace=False).astype(np.int64) + 2_000_000
    check = mod97(base)
    bad = rng.random(n) < invalid_share
    check = np.where(bad, (check + rng.integers(1, 96, size=n)) % 97 + 1, check)
    check = np.where(bad & (check == mod97(base)), check % 97 + 1, check)
    return base * 100 + check


def format_kbo(numbers: Array, style: Array) -> Array:
    """style 0: '0412.345.678', 1: '0412345678', 2: 'BE0412345678'."""
    plain = np.char.zfill(numbers.astype(str), 10)
    dotted = np.char.add(
        np.char.add(np.char.add(_slice(plain, 0, 4), "."), np.char.add(_slice(plain, 4, 7), ".")),
        _slice(plain, 7, 10),
    )
    out = np.where(style == 0, dotted, np.where(style == 1, plain, np.char.add("BE", plain)))
    return out.astype(object)


def insz_numbers(rng: np.random.Generator, birth: Array, invalid_share: float) -> Array:
    """11-digit INSZ as strings for birth dates (datetime64[D]); check digits per the rules:
    97 - (YYMMDDSSS mod 97), with 2000000000 added for people born from 2000."""
    n = len(birth)
    years = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    months = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    days = (birth - birth.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    serial = rng.integers(1, 998, size=n)
    body = (years % 100) * 10_000_000 + months * 100_000 + days * 1000 + serial
    body_for_check = np.where(years >= 2000, body + 2_000_000_000, body)
    check = mod97(body_for_check)
    bad = rng.random(n) < invalid_share
    check = np.where(bad, (check + 1 + rng.integers(0, 90, size=n)) % 97 + 1, check)
    return np.char.add(
        np.char.zfill(body.astype(str), 9), np.char.zfill(check.astype(str), 2)
    ).astype(object)


def format_insz(insz: Array, formatted: Array) -> Array:
    """'85073003328' or, where formatted, '85.07.30-033.28'."""
    s = insz.astype(str)
    pretty = _join(
        [
            _slice(s, 0, 2),
            ".",
            _slice(s, 2, 4),
            ".",
            _slice(s, 4, 6),
            "-",
            _slice(s, 6, 9),
            ".",
            _slice(s, 9, 11),
        ]
    )
    return np.where(formatted, pretty, s).astype(object)


def _slice(arr: Array, start: int, stop: int) -> Array:
    width = stop - start
    as_bytes = np.asarray(arr, dtype="U").astype(f"U{max(stop, 1)}")
    view = as_bytes.view("U1").reshape(len(as_bytes), -1)[:, start:stop]
    sliced: Array = view.copy().view(f"U{width}").ravel()
    return sliced


def _join(parts: list[Array | str]) -> Array:
    out = np.asarray(parts[0])
    for part in parts[1:]:
        out = np.char.add(out, part)
    return out
