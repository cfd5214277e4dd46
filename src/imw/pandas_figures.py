"""F1, F3 and F10 the way an analyst without the warehouse would compute them: pandas
straight over the delivery CSV files. The benchmark's second reference point."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import cast

import pandas as pd

from imw.reference import premium_type_labels


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    return pd.read_csv(
        path,
        sep=";",
        dtype=str,
        usecols=columns,
        encoding="utf-8-sig",
        keep_default_na=False,
        na_values=[""],
    )


def figures(extracts: Path) -> dict[tuple[str, str], Decimal]:
    """{(figure_id, key): Decimal} of F1, F3 and F10, keys as in the figure book."""
    folders = sorted(p.parent for p in Path(extracts).glob("*/_manifest.json"))
    latest = folders[-1]
    ref = pd.Timestamp(latest.name)
    apps = _read(
        latest / "aanvragen.csv",
        [
            "aanvraag_id",
            "organisatie_id",
            "premietype",
            "status",
            "ingediend_op",
            "premie_start",
            "premie_einde",
            "premie_stopgezet_op",
            "gewijzigd_op",
        ],
    )
    apps["changed"] = pd.to_datetime(apps.gewijzigd_op, format="%d/%m/%Y %H:%M:%S")
    apps = apps.sort_values("changed").drop_duplicates("aanvraag_id", keep="last")
    apps["type"] = apps.premietype.str.strip().str.lower().map(premium_type_labels())
    for col in ("ingediend_op", "premie_start", "premie_einde", "premie_stopgezet_op"):
        apps[col] = pd.to_datetime(apps[col], format="%d/%m/%Y")
    out: dict[tuple[str, str], Decimal] = {}

    submitted = apps[apps.status != "ONONTVANKELIJK"]
    quarter = (
        "K"
        + submitted.ingediend_op.dt.quarter.astype(str)
        + " "
        + submitted.ingediend_op.dt.year.astype(str)
    )
    by_quarter_type = submitted.groupby([quarter, submitted.type]).size()
    for pair, n in by_quarter_type.items():
        q, t = cast(tuple[str, str], pair)  # a two-level index: (quarter, type)
        out[("F1", f"{q}|{t}")] = Decimal(int(n))
    for y, n in submitted.groupby(submitted.ingediend_op.dt.year).size().items():
        out[("F1", str(y))] = Decimal(int(n))
    out[("F1", "total")] = Decimal(len(submitted))

    orgs = _read(latest / "organisaties.csv", ["organisatie_id", "land"])
    active = apps[
        (apps.status == "GOEDGEKEURD")
        & (apps.premie_start <= ref)
        & (apps.premie_einde.isna() | (apps.premie_einde >= ref))
        & (apps.premie_stopgezet_op.isna() | (apps.premie_stopgezet_op > ref))
    ]
    for premium_type, n in active.groupby("type").size().items():
        out[("F3", str(premium_type))] = Decimal(int(n))
    out[("F3", "total")] = Decimal(len(active))
    merged = active.merge(orgs, on="organisatie_id", how="left")
    foreign = merged[(merged.type == "LP") & (merged.land.str.strip().str.upper() != "BE")]
    out[("F3", "LP|foreign")] = Decimal(len(foreign))

    bookings = pd.concat(
        [
            _read(f / "afrekeningen.csv", ["afrekening_id", "component", "bedrag", "geboekt_op"])
            for f in folders
        ],
        ignore_index=True,
    ).drop_duplicates("afrekening_id")
    cents = (
        bookings.bedrag.str.replace(".", "", regex=False)
        .str.replace(",", "", regex=False)
        .astype("int64")
    )
    booked = pd.to_datetime(bookings.geboekt_op, format="%d/%m/%Y")
    quarter = "K" + booked.dt.quarter.astype(str) + " " + booked.dt.year.astype(str)
    by_quarter_component = cents.groupby([quarter, bookings.component]).sum()
    for pair, v in by_quarter_component.items():
        q, c = cast(tuple[str, str], pair)  # a two-level index: (quarter, component)
        out[("F10", f"{q}|{c}")] = Decimal(int(v)) / 100
    for period, v in cents.groupby(quarter).sum().items():
        out[("F10", str(period))] = Decimal(int(v)) / 100
    for y, v in cents.groupby(booked.dt.year).sum().items():
        out[("F10", str(y))] = Decimal(int(v)) / 100
    return out
