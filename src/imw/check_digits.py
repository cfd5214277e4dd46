"""The modulo-97 check digits of Belgian identifiers, for the Python side.

An enterprise number (KBO) is ten digits whose last two are 97 - (first eight mod 97); an
INSZ is eleven digits whose last two are 97 - (first nine mod 97), with 2000000000 added
to the nine for people born from 2000 on. The warehouse applies the same rule in SQL
(`macros/imw_kbo_is_valid.sql`, `imw_insz_is_valid.sql`); the simulator (vectorised, over
numpy arrays) and the delivery gate (one value at a time) both use `mod97`.
"""

from __future__ import annotations

import re
from typing import overload

import numpy as np
import numpy.typing as npt

Digits = npt.NDArray[np.int64]

# How the gate accepts an enterprise number as written: 10 digits, grouped 4.3.3 by dots
# or not, optionally with the prefix BE.
KBO_WRITTEN = re.compile(r"^(BE)?\d{4}\.?\d{3}\.?\d{3}$")


@overload
def mod97(body: int) -> int: ...
@overload
def mod97(body: Digits) -> Digits: ...
def mod97(body: int | Digits) -> int | Digits:
    """The two check digits of a number body: 97 - (body mod 97), from 1 to 97."""
    return 97 - body % 97


def kbo_digits_valid(numbers: Digits) -> npt.NDArray[np.bool_]:
    """Whether ten-digit enterprise numbers (as integers) carry their check digits."""
    return np.equal(mod97(numbers // 100), numbers % 100)


def kbo_text_fails(value: object) -> bool:
    """True when an enterprise number as written is malformed or its check digits fail;
    False for a missing value."""
    if value is None:
        return False
    text = str(value).strip().upper()
    if not KBO_WRITTEN.match(text):
        return True
    digits = "".join(ch for ch in text if ch.isdigit())
    number = int(digits)
    return mod97(number // 100) != number % 100
