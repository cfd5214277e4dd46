"""The deck's figures computed straight from the delivery CSV files, without the warehouse.

One hand-written DuckDB script over the raw files: the independent check that the
simulator reproduces the deck (tests), and the "floor" of the benchmark. It implements
the definitions of ``shared/spec/deck-figures.md`` on its own, so that a drift in either
the simulator or the warehouse shows up as a disagreement. Code lists are data, not
definitions: the premium-type labels come from the reference seed (`imw.reference`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
from bce_codes_to_label import nace as kbo_nace

from imw.reference import premium_type_labels

READ = "read_csv('{path}', delim=';', quote='\"', escape='\"', header=true, all_varchar=true)"


def nace_2008_divisions() -> list[str]:
    """The divisions of the official NACE-BEL 2008 list, straight from the KBO's code
    tables (package bce-codes-to-label), not from the warehouse's seeds."""
    return sorted(
        entry["value"]
        for entry in kbo_nace.codes.values()
        if entry["version"] == "2008" and entry["level"] == 2
    )


def complete_deliveries(extracts: Path) -> list[Path]:
    return sorted(p.parent for p in Path(extracts).glob("*/_manifest.json"))


def _views(con: duckdb.DuckDBPyConnection, extracts: Path) -> str:
    folders = complete_deliveries(extracts)
    if not folders:
        raise FileNotFoundError(f"no complete delivery in {extracts}")
    latest = folders[-1]
    ref = latest.name

    def all_of(name: str) -> str:
        files = ", ".join(f"'{f / name}'" for f in folders)
        return (
            f"read_csv([{files}], delim=';', quote='\"', escape='\"', header=true, "
            "all_varchar=true, filename=true)"
        )

    con.execute(f"""
        create or replace temp view applications as
        with raw as (select * from {READ.format(path=latest / "aanvragen.csv")}),
        typed as (
            select
                aanvraag_id,
                organisatie_id,
                {_premium_type_case("premietype")} as premium_type,
                aanvraagsoort as kind,
                status,
                strptime(ingediend_op, '%d/%m/%Y')::date as submitted,
                strptime(beslist_op, '%d/%m/%Y')::date as decided,
                strptime(premie_start, '%d/%m/%Y')::date as premium_start,
                strptime(premie_einde, '%d/%m/%Y')::date as premium_end,
                strptime(premie_stopgezet_op, '%d/%m/%Y')::date as premium_stop,
                strptime(gewijzigd_op, '%d/%m/%Y %H:%M:%S') as changed
            from raw
        )
        select * from typed
        qualify row_number() over (partition by aanvraag_id order by changed desc) = 1;

        create or replace temp view organisations as
        select
            organisatie_id,
            upper(trim(land)) as country,
            -- a subclass as the spec writes it (88.991 or 88991): five digits
            case when regexp_full_match(replace(trim(nace_code), '.', ''), '[0-9]{{5}}')
                then replace(trim(nace_code), '.', '') end as nace,
            is_maatwerkbedrijf = 'J' as is_maatwerkbedrijf
        from {READ.format(path=latest / "organisaties.csv")};

        create or replace temp table nace_divisions as
        select unnest({nace_2008_divisions()!r}) as division;

        create or replace temp view active_premiums as
        select a.*, o.country, o.nace, o.is_maatwerkbedrijf
        from applications as a
        left join organisations as o using (organisatie_id)
        where a.status = 'GOEDGEKEURD'
          and a.premium_start <= date '{ref}'
          and (a.premium_end is null or a.premium_end >= date '{ref}')
          and (a.premium_stop is null or a.premium_stop > date '{ref}');

        create or replace temp view coaching as
        select
            vorm, dienstverlener_id, aanvraag_id,
            strptime(start, '%d/%m/%Y')::date as started,
            strptime(einde, '%d/%m/%Y')::date as ended
        from {READ.format(path=latest / "begeleidingen.csv")};

        create or replace temp view providers as
        select
            dienstverlener_id, soort,
            strptime(erkend_vanaf, '%d/%m/%Y')::date as valid_from,
            strptime(erkend_tot, '%d/%m/%Y')::date as valid_to
        from {READ.format(path=latest / "dienstverleners.csv")};

        create or replace temp view settlements as
        select distinct on (afrekening_id)
            afrekening_id,
            component,
            cast(replace(replace(bedrag, '.', ''), ',', '.') as decimal(18, 2)) as amount,
            strptime(geboekt_op, '%d/%m/%Y')::date as booked
        from {all_of("afrekeningen.csv")};

        create or replace temp view mails as
        select * exclude (rn) from (
            select
                mail_id, postvak, received, handled,
                row_number() over (partition by mail_id order by filename desc) as rn
            from (
                select
                    mail_id, postvak, filename,
                    strptime(ontvangen_op, '%d/%m/%Y %H:%M:%S') as received,
                    strptime(afgehandeld_op, '%d/%m/%Y %H:%M:%S') as handled
                from {all_of("mails.csv")}
            )
            -- a time in the spring gap is no Brussels time: the row does not count
            where not coalesce(in_spring_gap(received) or in_spring_gap(handled), false)
        ) where rn = 1;
    """)
    return ref


# Timestamps are Europe/Brussels wall clock. The EU rule (since 1996), written out here
# rather than taken from a time-zone database: summer time (UTC+2) from 01:00 UTC on the
# last Sunday of March (the wall clock jumps from 02:00 to 03:00) to 01:00 UTC on the
# last Sunday of October (03:00 summer time goes back to 02:00), else UTC+1. So
# 02:00-02:59 on the last Sunday of March does not exist, and 02:00-02:59 on the last
# Sunday of October occurs twice: the spec takes the earlier instant, summer time.
BRUSSELS_TIME = """
    create or replace temp macro last_sunday(yr, mo) as
        make_date(yr, mo, 31) - cast(dayofweek(make_date(yr, mo, 31)) as integer);
    create or replace temp macro in_spring_gap(wall) as
        wall >= last_sunday(year(wall), 3) + interval 2 hour
        and wall < last_sunday(year(wall), 3) + interval 3 hour;
    create or replace temp macro brussels_epoch(wall) as
        epoch(wall) - case
            when wall >= last_sunday(year(wall), 3) + interval 3 hour
                and wall < last_sunday(year(wall), 10) + interval 3 hour then 7200
            else 3600
        end;
"""


def _premium_type_case(column: str) -> str:
    """SQL: the premium-type code of a label as delivered (code or full label, any case),
    by the labels of the seed `ref_premium_type_labels`; null for an unknown label."""
    whens = " ".join(
        f"when '{label}' then '{code}'" for label, code in premium_type_labels().items()
    )
    return f"case lower(trim({column})) {whens} end"


def _quarter(col: str) -> str:
    return f"'K' || quarter({col}) || ' ' || year({col})"


def figures(
    extracts: Path,
    con: duckdb.DuckDBPyConnection | None = None,
    only: tuple[str, ...] | None = None,
) -> dict[tuple[str, str], Decimal | str]:
    """{(figure_id, key): Decimal} with keys as in the figure book (`only`: some figures),
    plus ("_", "reference_date") -> the reference date (the newest delivery's name)."""
    con = con or duckdb.connect()
    con.execute(BRUSSELS_TIME)
    ref = _views(con, extracts)
    parts = [
        *_count_by_period("F1", "submitted", "status <> 'ONONTVANKELIJK'"),
        *_count_by_period("F2", "decided", "status = 'GOEDGEKEURD'"),
        *_active_premium_queries(),
        *_coaching_queries(ref),
        *_money_and_time_queries(ref),
    ]
    sql = "\nunion all ".join(p for fig, p in parts if only is None or fig in only)
    out: dict[tuple[str, str], Decimal | str] = {}
    for figure, key, value in con.execute(sql).fetchall():
        out[(figure, key)] = Decimal(str(value))
    out[("_", "reference_date")] = ref
    return out


def _count_by_period(figure: str, day: str, where: str) -> list[tuple[str, str]]:
    """F1/F2: applications counted by quarter and premium type, by year and in total, on
    the date column `day`, rows filtered by `where`."""
    return [
        (
            figure,
            f"""select '{figure}', {_quarter(day)} || '|' || premium_type, count(*)
            from applications where {where} group by all""",
        ),
        (
            figure,
            f"""select '{figure}', year({day})::varchar, count(*) from applications
            where {where} group by all""",
        ),
        (figure, f"""select '{figure}', 'total', count(*) from applications where {where}"""),
    ]


def _active_premium_queries() -> list[tuple[str, str]]:
    """F3, F7, F8: the premiums active on the reference date, their organisations and
    sectors."""
    return [
        ("F3", """select 'F3', premium_type, count(*) from active_premiums group by all"""),
        (
            "F3",
            """select 'F3', 'LP|foreign', count(*) from active_premiums
            where premium_type = 'LP' and coalesce(country, 'BE') <> 'BE'""",
        ),
        ("F3", """select 'F3', 'total', count(*) from active_premiums"""),
        (
            "F3",
            """select 'F3', 'share|' || premium_type,
            100.0 * count(*) / (select count(*) from active_premiums) from active_premiums
            group by all""",
        ),
        (
            "F7",
            """select 'F7', 'organisations', count(distinct organisatie_id)
            from active_premiums where premium_type in ('LP', 'LPBP')""",
        ),
        (
            "F7",
            # the first two digits of the subclass when that division exists;
            # ONBEKEND for an empty or malformed code or a division that does not exist
            """select 'F7', 'division|' || case when left(nace, 2) in (
                select division from nace_divisions) then left(nace, 2) else 'ONBEKEND' end,
            count(distinct organisatie_id)
            from active_premiums where premium_type in ('LP', 'LPBP') group by all""",
        ),
        (
            "F8",
            """select 'F8', 'organisations', count(distinct organisatie_id)
            from active_premiums where premium_type = 'LPBP'""",
        ),
        (
            "F8",
            # the subclass as delivered, listed or not (keep and flag); ONBEKEND for an
            # empty or malformed code; a maatwerkbedrijf counts apart, whatever its code
            """select 'F8', 'class|' || case when is_maatwerkbedrijf then 'MAATWERKBEDRIJF'
                else coalesce(nace, 'ONBEKEND') end,
            count(distinct organisatie_id)
            from active_premiums where premium_type = 'LPBP' group by all""",
        ),
    ]


def _coaching_queries(ref: str) -> list[tuple[str, str]]:
    """F9: coaching trajectories, providers and coaching organisations on `ref`."""
    return [
        (
            "F9",
            f"""select 'F9', lower(vorm) || '|trajectories', count(*) from coaching
            where started <= date '{ref}' and (ended is null or ended >= date '{ref}')
            group by all""",
        ),
        (
            "F9",
            f"""select 'F9', 'extern|providers', count(distinct dienstverlener_id)
            from coaching where vorm = 'EXTERN' and started <= date '{ref}'
            and (ended is null or ended >= date '{ref}')""",
        ),
        (
            "F9",
            f"""select 'F9', 'intern|organisations', count(distinct a.organisatie_id)
            from coaching as c join applications as a using (aanvraag_id)
            where c.vorm = 'INTERN' and c.started <= date '{ref}'
            and (c.ended is null or c.ended >= date '{ref}')""",
        ),
        (
            "F9",
            f"""select 'F9', case soort when 'ERKEND' then 'recognised_providers'
                else 'temp_agencies' end, count(*)
            from providers where valid_from <= date '{ref}'
            and (valid_to is null or valid_to >= date '{ref}') group by all""",
        ),
    ]


def _money_and_time_queries(ref: str) -> list[tuple[str, str]]:
    """F10 expenditure, F11 processing time, F12 mails (from programme start to `ref`)."""
    q = _quarter
    return [
        (
            "F10",
            f"""select 'F10', {q("booked")} || '|' || component, sum(amount) from settlements
            group by all""",
        ),
        ("F10", f"""select 'F10', {q("booked")}, sum(amount) from settlements group by all"""),
        (
            "F10",
            """select 'F10', year(booked)::varchar, sum(amount) from settlements
            group by all""",
        ),
        (
            "F11",
            f"""select 'F11', 'average_days', avg(decided - submitted) from applications
            where kind = 'NIEUW' and status in ('GOEDGEKEURD', 'GEWEIGERD')
            and submitted between date '2023-07-01' and date '{ref}'""",
        ),
        (
            "F12",
            f"""select 'F12', 'mails_per_month', count(*) / (
                datediff('month', date '2023-07-01', date '{ref}') + 1)
            from mails where postvak = 'FUNCTIONEEL'
            and cast(handled as date) between date '2023-07-01' and date '{ref}'""",
        ),
        (
            "F12",
            f"""select 'F12', 'average_handling_days',
            avg(brussels_epoch(handled) - brussels_epoch(received)) / 86400
            from mails where postvak = 'FUNCTIONEEL'
            and cast(handled as date) between date '2023-07-01' and date '{ref}'""",
        ),
    ]
