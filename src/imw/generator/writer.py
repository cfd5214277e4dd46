"""Cuts the true history into monthly deliveries, byte for byte as the spec describes.

Each delivery folder holds four snapshots (the state on the extract date) and two deltas
(what happened since the previous delivery), plus ``_manifest.json``. Formatting is done
by DuckDB (``COPY ... TO``) so large scales stay fast; the files are then given their
byte-order mark while their checksum is computed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from imw.gate import spec
from imw.generator import targets as T
from imw.generator.calendar import month_ends
from imw.generator.identifiers import format_insz, format_kbo
from imw.generator.truth import Truth

# The file list and column order are the spec's, kept in one place (the gate checks
# deliveries against the same lists).
BOM = spec.BOM
FILES = tuple(spec.FILES)
COLUMNS = spec.COLUMNS
FULL_LABELS = {
    "LP": ["Loonpremie", "loonpremie", "LOONPREMIE"],
    "LPBP": [
        "Loonpremie en begeleidingspremie",
        "loonpremie en begeleidingspremie",
        "LOONPREMIE EN BEGELEIDINGSPREMIE",
        "Loonpremie + begeleidingspremie",
    ],
    "OP": ["Ondersteuningspremie", "ondersteuningspremie", "ONDERSTEUNINGSPREMIE"],
}

DATE = "'%d/%m/%Y'"
TS = "'%d/%m/%Y %H:%M:%S'"


def _times(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """A working-hours time on each day (NaT stays NaT)."""
    seconds = rng.integers(8 * 3600, 18 * 3600, size=len(days)).astype("timedelta64[s]")
    times: np.ndarray = days.astype("datetime64[s]") + seconds
    return times


def _prepare(truth: Truth) -> dict[str, pd.DataFrame]:
    """Source-shaped tables with every per-record quirk fixed once (a record keeps its
    formatting from delivery to delivery, as a source system's stored value does)."""
    rng = np.random.default_rng([truth.seed, truth.scale, 7])
    # The steps draw from one generator in this order: the deliveries depend on it.
    aanvragen = _source_applications(rng, truth)
    organisaties = _source_organisations(rng, truth)
    _add_organisation_history(rng, truth, organisaties)
    dienstverleners = _source_providers(truth)
    begeleidingen = _source_coaching(truth)
    afrekeningen = _source_settlements(rng, truth)
    mails = truth.mails[["mail_no", "postvak", "ontvangen_op", "afgehandeld_op"]].copy()
    apps = truth.applications
    application_ids = pd.DataFrame({"app": np.arange(len(apps)), "aanvraag_id": apps.aanvraag_id})
    return {
        "application_ids": application_ids,
        "aanvragen": aanvragen,
        "organisaties": organisaties,
        "dienstverleners": dienstverleners,
        "begeleidingen": begeleidingen,
        "afrekeningen": afrekeningen,
        "mails": mails,
    }


def _source_applications(rng: np.random.Generator, truth: Truth) -> pd.DataFrame:
    """Applications as the source holds them: a full label instead of the code on a share
    of the rows migrated before 2024, the times of submission, decision and stop."""
    apps = truth.applications
    orgs = truth.organisations
    n = len(apps)
    sub = apps.ingediend_op.to_numpy("datetime64[D]")
    ptype = apps.premietype.to_numpy()
    label = ptype.astype(object).copy()
    migrated = (sub < np.datetime64("2024-01-01")) & (rng.random(n) < 0.3)
    for code, labels in FULL_LABELS.items():
        mask = migrated & (ptype == code)
        label[mask] = np.array(labels, dtype=object)[rng.integers(0, len(labels), mask.sum())]
    org_id = orgs.organisatie_id.to_numpy()[apps.org.to_numpy()]
    aanvragen = pd.DataFrame(
        {
            "aanvraag_id": apps.aanvraag_id,
            "organisatie_id": org_id,
            "insz": format_insz(apps.insz.to_numpy(), apps.insz_formatted.to_numpy()),
            "premietype": label,
            "aanvraagsoort": apps.aanvraagsoort,
            "vorige_maatregel": apps.vorige_maatregel,
            "ingediend_op": sub,
            "status": apps.status,
            "beslist_op": apps.beslist_op.to_numpy("datetime64[D]"),
            "premie_start": apps.premie_start.to_numpy("datetime64[D]"),
            "premie_einde": apps.premie_einde.to_numpy("datetime64[D]"),
            "premie_stopgezet_op": apps.premie_stopgezet_op.to_numpy("datetime64[D]"),
            "pct": apps.loonpremie_pct,
            "ts_sub": _times(rng, sub),
            "ts_dec": _times(rng, apps.beslist_op.to_numpy("datetime64[D]")),
            "ts_stop": _times(rng, apps.premie_stopgezet_op.to_numpy("datetime64[D]")),
            "stale_draw": rng.random(n),
        }
    )
    # The decision-before-submission rows: their decision timestamp still follows the
    # submission in the change log.
    aanvragen["ts_dec"] = np.maximum(
        aanvragen.ts_dec.to_numpy(), aanvragen.ts_sub.to_numpy() + np.timedelta64(3600, "s")
    )
    return aanvragen


def _nace_as_written(codes: np.ndarray, dotted: np.ndarray) -> np.ndarray:
    """NACE subclasses as the source writes them: '88.991' where dotted, else '88991';
    None for an empty code."""
    plain = codes.astype(str)
    padded = np.char.ljust(plain, 5).astype("U5")
    with_dot = np.char.add(np.char.add(_cut(padded, 0, 2), "."), _cut(padded, 2, 5))
    written: np.ndarray = np.where(
        plain == "",
        None,  # type: ignore[call-overload]  # numpy's stubs: None is a valid object value
        np.where(dotted, with_dot, plain),
    )
    return written


def _source_organisations(rng: np.random.Generator, truth: Truth) -> pd.DataFrame:
    """Organisations (final state) with their written forms: KBO number style, NACE code
    with or without a dot, padded postal code, lower-case country."""
    orgs = truth.organisations
    kbo = np.where(orgs.kbo.to_numpy() >= 0, orgs.kbo.to_numpy(), 0)
    kbo_text = format_kbo(kbo, orgs.kbo_style.to_numpy())
    kbo_text = np.where(orgs.kbo.to_numpy() >= 0, kbo_text, None)  # type: ignore[call-overload]
    land = orgs.land.to_numpy().astype(object)
    lower = orgs.land_lowercase.to_numpy()
    return pd.DataFrame(
        {
            "org": orgs.org,
            "organisatie_id": orgs.organisatie_id,
            "kbo_nummer": kbo_text,
            "buitenlands_nummer": orgs.buitenlands_nummer,
            "naam": orgs.naam,
            "nace_code": _nace_as_written(orgs.nace_code.to_numpy(), orgs.nace_dotted.to_numpy()),
            "is_maatwerkbedrijf": np.where(orgs.is_maatwerkbedrijf, "J", "N"),
            "postcode": orgs.postcode,
            "postcode_pad": orgs.postcode_spaces.to_numpy(),
            "gemeente": orgs.gemeente,
            "land": np.where(lower, np.char.lower(land.astype(str)), land),
            "ts_created": _times(rng, orgs.created.to_numpy("datetime64[D]")),
        }
    )


def _add_organisation_history(
    rng: np.random.Generator, truth: Truth, organisaties: pd.DataFrame
) -> None:
    """Per organisation and kind of change (move, nace, maatwerk): when it happened
    (`<kind>_on`, `<kind>_ts`) and the values before it (`old_*`), in place."""
    orgs = truth.organisations
    ch = truth.organisation_changes
    changes = pd.DataFrame(
        {
            "org": ch.org,
            "kind": ch.kind,
            "changed_on": ch.changed_on.to_numpy("datetime64[D]"),
            "ts_changed": _times(rng, ch.changed_on.to_numpy("datetime64[D]")),
            "old_postcode": ch.postcode,
            "old_gemeente": ch.gemeente,
            "old_nace": ch.nace_code,
            "old_maatwerk": np.where(ch.is_maatwerkbedrijf, "J", "N"),
        }
    )
    # An old NACE code is written the same way as the organisation's current one.
    dotted_org = orgs.nace_dotted.to_numpy()[ch.org.to_numpy()]
    changes["old_nace"] = _nace_as_written(ch.nace_code.to_numpy(), dotted_org)
    for kind, columns in (
        ("move", ["old_postcode", "old_gemeente"]),
        ("nace", ["old_nace"]),
        ("maatwerk", ["old_maatwerk"]),
    ):
        part = changes[changes.kind == kind].set_index("org").reindex(organisaties.org)
        organisaties[f"{kind}_on"] = part.changed_on.to_numpy()
        organisaties[f"{kind}_ts"] = part.ts_changed.to_numpy()
        for column in columns:
            organisaties[column] = part[column].to_numpy()


def _source_providers(truth: Truth) -> pd.DataFrame:
    """Service providers as the source holds them."""
    prov = truth.providers
    return pd.DataFrame(
        {
            "dienstverlener_id": prov.dienstverlener_id,
            "naam": prov.naam,
            "kbo_nummer": format_kbo(prov.kbo.to_numpy(), prov.kbo_style.to_numpy()),
            "soort": prov.soort,
            "erkend_vanaf": prov.erkend_vanaf.to_numpy("datetime64[D]"),
            "erkend_tot": prov.erkend_tot.to_numpy("datetime64[D]"),
            "postcode": prov.postcode,
        }
    )


def _source_coaching(truth: Truth) -> pd.DataFrame:
    """Coaching records with the provider's id (None for internal coaching)."""
    co = truth.coaching
    prov_ids = truth.providers.dienstverlener_id.to_numpy()
    return pd.DataFrame(
        {
            "begeleiding_no": co.begeleiding_no,
            "app": co.app,
            "vorm": co.vorm,
            "dienstverlener_id": np.where(
                co.prov.to_numpy() >= 0, prov_ids[np.maximum(co.prov.to_numpy(), 0)], None
            ),
            "start": co.start.to_numpy("datetime64[D]"),
            "einde": co.einde.to_numpy("datetime64[D]"),
        }
    )


def _source_settlements(rng: np.random.Generator, truth: Truth) -> pd.DataFrame:
    """Bookings with the draws that decide a thousands separator and a resend."""
    st = truth.settlements
    return pd.DataFrame(
        {
            "afrekening_no": st.afrekening_no,
            "app": st.app,
            "component": st.component,
            "periode_van": st.periode_van.to_numpy("datetime64[D]"),
            "periode_tot": st.periode_tot.to_numpy("datetime64[D]"),
            "cents": st.cents,
            "geboekt_op": st.geboekt_op.to_numpy("datetime64[D]"),
            "corrigeert_no": st.corrigeert_no,
            "thousands_draw": rng.random(len(st)),
            "resend_draw": rng.random(len(st)),
        }
    )


def _cut(arr: np.ndarray, start: int, stop: int) -> np.ndarray:
    view = arr.view("U1").reshape(len(arr), -1)[:, start:stop]
    return view.copy().view(f"U{stop - start}").ravel()


QUERIES = {
    "organisaties.csv": f"""
        with state as (
            select
                *,
                move_on is not null and move_on > $d as before_move,
                nace_on is not null and nace_on > $d as before_nace,
                maatwerk_on is not null and maatwerk_on > $d as before_maatwerk
            from organisaties
            where cast(ts_created as date) <= $d
        ),
        as_of as (
            select
                *,
                case when before_move then old_postcode::varchar else postcode end as postcode_then
            from state
        )
        select
            organisatie_id,
            kbo_nummer,
            buitenlands_nummer,
            naam,
            case when before_nace then old_nace::varchar else nace_code end as nace_code,
            case when before_maatwerk then old_maatwerk::varchar else is_maatwerkbedrijf end
                as is_maatwerkbedrijf,
            case when postcode_pad then '  ' || postcode_then || ' ' else postcode_then end
                as postcode,
            case when before_move then old_gemeente::varchar else gemeente end as gemeente,
            land,
            strftime(greatest(
                ts_created,
                case when not before_move then move_ts end,
                case when not before_nace then nace_ts end,
                case when not before_maatwerk then maatwerk_ts end
            ), {TS}) as gewijzigd_op
        from as_of
        order by organisatie_id
    """,
    "dienstverleners.csv": f"""
        select
            dienstverlener_id, naam, kbo_nummer, soort,
            strftime(erkend_vanaf, {DATE}) as erkend_vanaf,
            strftime(erkend_tot, {DATE}) as erkend_tot,
            postcode
        from dienstverleners
        where erkend_vanaf <= $d
        order by dienstverlener_id
    """,
    "aanvragen.csv": f"""
        with visible as (
            select
                *,
                beslist_op is not null and cast(ts_dec as date) <= $d
                    and status <> 'ONTVANGEN' as is_decided
            from aanvragen
            where ingediend_op <= $d
        ),
        current_rows as (
            select
                aanvraag_id, organisatie_id, insz, premietype, aanvraagsoort,
                vorige_maatregel,
                ingediend_op,
                case when is_decided then status else 'ONTVANGEN' end as status,
                case when is_decided then beslist_op end as beslist_op,
                case when is_decided and status = 'GOEDGEKEURD' then premie_start end
                    as premie_start,
                case when is_decided and status = 'GOEDGEKEURD' then premie_einde end
                    as premie_einde,
                case when is_decided and premie_stopgezet_op <= $d then premie_stopgezet_op
                    end as premie_stopgezet_op,
                pct,
                greatest(
                    ts_sub,
                    case when is_decided then ts_dec else ts_sub end,
                    case when is_decided and premie_stopgezet_op <= $d then ts_stop
                         else ts_sub end
                ) as ts_changed,
                0 as version
            from visible
        ),
        stale_rows as (
            -- changed while the export ran: the previous version is in the file too
            select
                aanvraag_id, organisatie_id, insz, premietype, aanvraagsoort,
                vorige_maatregel, ingediend_op,
                'ONTVANGEN' as status,
                null::date as beslist_op, null::date as premie_start,
                null::date as premie_einde, null::date as premie_stopgezet_op,
                pct, ts_sub as ts_changed, 1 as version
            from visible
            where is_decided and beslist_op > $d - interval 20 day
                and ts_dec > ts_sub and stale_draw < $stale_share
        ),
        all_rows as (
            select * from current_rows
            union all
            select * from stale_rows
        )
        select
            aanvraag_id, organisatie_id, insz, premietype, aanvraagsoort, vorige_maatregel,
            strftime(ingediend_op, {DATE}) as ingediend_op,
            status,
            strftime(beslist_op, {DATE}) as beslist_op,
            strftime(premie_start, {DATE}) as premie_start,
            strftime(premie_einde, {DATE}) as premie_einde,
            strftime(premie_stopgezet_op, {DATE}) as premie_stopgezet_op,
            replace(printf('%.2f', pct), '.', ',') as loonpremie_pct,
            strftime(ts_changed, {TS}) as gewijzigd_op
        from all_rows
        order by aanvraag_id, version desc
    """,
    "begeleidingen.csv": f"""
        select
            'BG' || lpad(b.begeleiding_no::varchar, 7, '0') as begeleiding_id,
            a.aanvraag_id, b.vorm, b.dienstverlener_id,
            strftime(b.start, {DATE}) as start,
            strftime(case when b.einde <= $d then b.einde end, {DATE}) as einde
        from begeleidingen as b
        join application_ids as a on a.app = b.app
        where b.start <= $d
        order by b.begeleiding_no
    """,
    "afrekeningen.csv": f"""
        with delta as (
            select *, 0 as resent from afrekeningen where geboekt_op > $prev and geboekt_op <= $d
            union all
            -- a few rows of the previous delta are sent again
            select *, 1 as resent from afrekeningen
            where geboekt_op > $prevprev and geboekt_op <= $prev and resend_draw < 0.005
        )
        select
            'AF' || lpad(afrekening_no::varchar, 9, '0') as afrekening_id,
            a.aanvraag_id,
            ['BEGELEIDINGSPREMIE', 'LOONPREMIE', 'ONDERSTEUNINGSPREMIE'][component + 1]
                as component,
            strftime(periode_van, {DATE}) as periode_van,
            strftime(periode_tot, {DATE}) as periode_tot,
            case
                when $thousands and abs(cents) >= 100000 and thousands_draw < 0.6
                    then translate(format('{{:,.2f}}', cents / 100), ',.', '.,')
                else replace(printf('%.2f', cents / 100), '.', ',')
            end as bedrag,
            strftime(geboekt_op, {DATE}) as geboekt_op,
            case when corrigeert_no > 0 then 'AF' || lpad(corrigeert_no::varchar, 9, '0')
                end as corrigeert
        from delta
        join application_ids as a on a.app = delta.app
        order by resent desc, geboekt_op, afrekening_no
    """,
    "mails.csv": f"""
        select
            'ML' || lpad(mail_no::varchar, 8, '0') as mail_id, postvak,
            strftime(ontvangen_op, {TS}) as ontvangen_op,
            strftime(case when afgehandeld_op < $d + interval 1 day then afgehandeld_op end,
                     {TS}) as afgehandeld_op
        from mails
        where (ontvangen_op >= $prev + interval 1 day and ontvangen_op < $d + interval 1 day)
           or (afgehandeld_op >= $prev + interval 1 day
               and afgehandeld_op < $d + interval 1 day)
        order by ontvangen_op, mail_no
    """,
}


def _finish(tmp: Path, final: Path) -> tuple[str, int]:
    """Prepends the BOM while copying; returns the sha256 of the final bytes and the number
    of data rows (no field holds a line break, so rows = line ends - header)."""
    digest = hashlib.sha256(BOM)
    lines = 0
    with open(tmp, "rb") as src, open(final, "wb") as dst:
        dst.write(BOM)
        while chunk := src.read(1 << 22):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            dst.write(chunk)
    tmp.unlink()
    return digest.hexdigest(), lines - 1


def _control_total(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    (cents,) = con.execute(
        """
        select coalesce(sum(cast(replace(replace(bedrag, '.', ''), ',', '') as bigint)), 0)
        from read_csv(?, delim=';', header=true, all_varchar=true)
        """,
        [str(path)],
    ).fetchone() or (0,)
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    return f"{sign}{cents // 100},{cents % 100:02d}"


def write_deliveries(
    truth: Truth,
    out_dir: Path,
    only_latest: bool = False,
    progress: bool = True,
) -> list[Path]:
    """Writes every monthly delivery (or only the newest) into out_dir/<yyyy-mm-dd>/."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = _prepare(truth)
    con = duckdb.connect()
    con.execute("set preserve_insertion_order = true")
    for name, frame in tables.items():
        con.register(f"{name}_df", frame)
        con.execute(f"create table {name} as select * from {name}_df")
        con.unregister(f"{name}_df")
    dates = month_ends(T.FIRST_DELIVERY, T.REFERENCE_DATE)
    written = []
    started = time.perf_counter()
    for i, d in enumerate(dates):
        if only_latest and d != dates[-1]:
            continue
        prev = dates[i - 1] if i >= 1 else date(2023, 6, 30)
        prevprev = dates[i - 2] if i >= 2 else date(2023, 6, 30)
        folder = out_dir / d.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        params = {
            "d": d,
            "prev": prev,
            "prevprev": prevprev,
            "thousands": d < date(2024, 1, 1),
            "stale_share": 0.04,
        }
        files: dict[str, dict[str, object]] = {}
        manifest = {"extract_date": d.isoformat(), "files": files}
        for file in FILES:
            query = QUERIES[file]
            used = {k: v for k, v in params.items() if f"${k}" in query}
            tmp = folder / f".{file}.tmp"
            con.execute(
                f"copy ({query}) to '{tmp}' "
                "(format csv, delimiter ';', quote '\"', escape '\"', header true, "
                "new_line '\r\n')",
                used,
            )
            control_total = _control_total(con, tmp) if file == "afrekeningen.csv" else None
            sha256, rows = _finish(tmp, folder / file)
            entry = {"rows": rows, "sha256": sha256}
            if control_total is not None:
                entry["control_total"] = control_total
            files[file] = entry
        # The manifest comes last: a folder without it is still being written.
        with open(folder / "_manifest.json.tmp", "w", encoding="utf-8", newline="\n") as fh:
            json.dump(manifest, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        os.replace(folder / "_manifest.json.tmp", folder / "_manifest.json")
        written.append(folder)
        if progress:
            elapsed = time.perf_counter() - started
            total = len(dates) if not only_latest else 1
            print(
                f"  delivery {d.isoformat()} written ({len(written)}/{total}, {elapsed:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
    con.close()
    return written


def clear(out_dir: Path) -> None:
    """Removes earlier generated delivery folders (only folders named like a date)."""
    for child in Path(out_dir).glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"):
        shutil.rmtree(child)
