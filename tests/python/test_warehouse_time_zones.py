"""Timestamps are Europe/Brussels local time (source-extracts.md, "File format"): the
warehouse reads them as instants, measures durations as elapsed time across
daylight-saving changes, reads a local time that occurs twice in the autumn change as
the earlier instant, quarantines a local time in the spring gap (it does not exist, so
it does not parse), and counts a mail in the Brussels month in which it was handled.

A small delivery set with mails around the changes is built with `dbt build` under
TZ=America/New_York: the United States change their clocks on other dates (9 March and
2 November 2025), so anything that read the session's or the machine's time zone would
show here. The expected values are worked out by hand from the spec below, in hours.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import default_rows, write_delivery
from imw.csv_figures import figures as csv_figures

ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).parent / "dbt"

pytestmark = pytest.mark.slow

# (mail_id, delivery, ontvangen_op, afgehandeld_op, hours handled as worked out by hand,
# None: not counted in F12). Brussels is UTC+1 in winter and UTC+2 in summer; the
# clocks go forward at 02:00 on 30/03/2025 and back at 03:00 on 26/10/2025.
MAILS = [
    # handled at 00:30 on 1 July 2023 in Brussels (22:30 UTC on 30 June): July counts
    ("JULY_FIRST", "2023-07-31", "30/06/2023 22:00:00", "01/07/2023 00:30:00", 2.5),
    # handled at 23:30 on 30 June in Brussels: June, before the reference period
    ("JUNE_LAST", "2023-07-31", "30/06/2023 20:00:00", "30/06/2023 23:30:00", None),
    # across the US change of 9 March only: 48 hours in Brussels
    ("US_CHANGE", "2025-03-31", "08/03/2025 10:00:00", "10/03/2025 10:00:00", 48),
    # Saturday 10:00 winter time to Monday 10:00 summer time: an hour short of 48
    ("SPRING", "2025-03-31", "29/03/2025 10:00:00", "31/03/2025 10:00:00", 47),
    # 02:30 on 30 March does not exist: quarantined, and no other version of the mail
    ("SPRING_GAP", "2025-03-31", "29/03/2025 16:00:00", "30/03/2025 02:30:00", None),
    # Saturday 10:00 summer time to Monday 10:00 winter time: an hour over 48
    ("AUTUMN", "2025-10-31", "25/10/2025 10:00:00", "27/10/2025 10:00:00", 49),
    # handled at 02:30, which occurs twice: the earlier instant, 00:30 UTC
    ("AUTUMN_TWICE", "2025-10-31", "25/10/2025 20:00:00", "26/10/2025 02:30:00", 6.5),
    # received at 02:15 (the earlier: 00:15 UTC), handled at 03:15 (02:15 UTC)
    ("RECEIVED_TWICE", "2025-10-31", "26/10/2025 02:15:00", "26/10/2025 03:15:00", 2),
    ("MONTH_END", "2025-10-31", "31/10/2025 22:00:00", "31/10/2025 23:30:00", 1.5),
]
PERSONAL = ("PERSONAL", "2025-10-31", "25/10/2025 10:00:00", "27/10/2025 10:00:00")
REFERENCE_MONTHS = 28  # July 2023 up to and including October 2025


def run_dbt(args: list[str], extracts: Path, database: Path, work: Path) -> str:
    env = {
        **os.environ,
        "TZ": "America/New_York",
        "DBT_PROFILES_DIR": str(ROOT),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "IMW_EXTRACTS_DIR": str(extracts),
        "IMW_BUILD_PATH": str(database),
        "IMW_RECONCILE": "0",
    }
    command = [
        str(DBT),
        *args,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return result.stdout


def write_deliveries(root: Path) -> None:
    for delivery in ("2023-07-31", "2025-03-31", "2025-10-31"):
        mails = [
            [mail_id, "FUNCTIONEEL", received, handled]
            for mail_id, folder, received, handled, _ in MAILS
            if folder == delivery
        ]
        if delivery == PERSONAL[1]:
            mails.append([PERSONAL[0], "PERSOONLIJK", *PERSONAL[2:]])
        rows = {"mails.csv": mails}
        if delivery == "2025-10-31":
            rows["aanvragen.csv"] = (
                default_rows(delivery)["aanvragen.csv"]
                + applications_changed_around_the_autumn_change()
            )
        write_delivery(root, delivery, rows=rows)


def applications_changed_around_the_autumn_change() -> list[list[str]]:
    """AV2025-0000003 twice in one file (changed during the export): 02:45 in the hour
    that occurs twice is the earlier instant, 00:45 UTC, still after 02:15 (00:15 UTC),
    so the GEWEIGERD row wins; AV2025-0000004 changed at 02:30 on 30 March, a time
    that does not exist: quarantined."""

    def application(app_id: str, status: str, decided: str, changed: str) -> list[str]:
        return [
            app_id,
            "ORG0000001",
            "85073003328",
            "LP",
            "NIEUW",
            "",
            "01/10/2025",
            status,
            decided,
            "",
            "",
            "",
            "",
            changed,
        ]

    return [
        application("AV2025-0000003", "ONTVANGEN", "", "26/10/2025 02:15:00"),
        application("AV2025-0000003", "GEWEIGERD", "26/10/2025", "26/10/2025 02:45:00"),
        application("AV2025-0000004", "ONTVANGEN", "", "30/03/2025 02:30:00"),
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("warehouse_time_zones")
    extracts = work / "extracts"
    write_deliveries(extracts)
    database = work / "warehouse.duckdb"
    run_dbt(["build"], extracts, database, work)
    connection = duckdb.connect(str(database), read_only=True)
    connection.execute("set TimeZone = 'Asia/Tokyo'")  # what a reader's session shows
    yield connection, extracts
    connection.close()


def hand_figures() -> tuple[Decimal, Decimal]:
    hours = [h for *_, h in MAILS if h is not None]
    per_month = Decimal(len(hours)) / REFERENCE_MONTHS
    average_days = Decimal(str(sum(hours))) / len(hours) / 24
    return per_month, average_days


def test_handling_time_is_elapsed_time_between_brussels_instants(built):
    connection, _ = built
    got = dict(
        connection.execute(
            "select mail_id, handling_days * 24 from marts.fact_mail where is_handled"
        ).fetchall()
    )
    expected = {m: h for m, _, _, _, h in MAILS if h is not None}
    expected["JUNE_LAST"] = 3.5
    expected["PERSONAL"] = 49
    assert got.keys() == expected.keys()  # SPRING_GAP is not there at all
    for mail_id, hours in expected.items():
        assert got[mail_id] == pytest.approx(hours, abs=1e-9), mail_id


def test_local_columns_and_the_brussels_date(built):
    connection, _ = built
    got = {
        row[0]: row[1:]
        for row in connection.execute(
            "select mail_id, received_at_local, handled_at_local, handled_on, "
            "epoch(received_at)::bigint, epoch(handled_at)::bigint from marts.fact_mail"
        ).fetchall()
    }

    def utc(text: str) -> int:
        return int(datetime.fromisoformat(text + "+00:00").timestamp())

    assert got["AUTUMN_TWICE"] == (
        datetime(2025, 10, 25, 20),
        datetime(2025, 10, 26, 2, 30),
        date(2025, 10, 26),
        utc("2025-10-25 18:00:00"),
        utc("2025-10-26 00:30:00"),
    )
    assert got["RECEIVED_TWICE"][3:] == (utc("2025-10-26 00:15:00"), utc("2025-10-26 02:15:00"))
    assert got["JULY_FIRST"][2] == date(2023, 7, 1)
    assert got["JUNE_LAST"][2] == date(2023, 6, 30)
    assert got["MONTH_END"][2] == date(2025, 10, 31)
    types = dict(
        connection.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'fact_mail'"
        ).fetchall()
    )
    assert types["received_at"] == types["handled_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["received_at_local"] == types["handled_at_local"] == "TIMESTAMP"


def test_f12_equals_the_hand_computed_values(built):
    connection, _ = built
    values = dict(
        connection.execute(
            "select key, value from reporting.deck_figures where figure_id = 'F12'"
        ).fetchall()
    )
    per_month, average_days = hand_figures()
    assert per_month == Decimal("0.25")  # 7 mails over 28 months
    assert values["mails_per_month"] == round(per_month, 2)
    assert values["average_handling_days"] == round(average_days, 2)
    # full precision: the handled mails of the reference period in the fact
    (precise,) = connection.execute(
        "select avg(handling_days) from marts.fact_mail where is_functional_mailbox "
        "and is_handled and handled_on >= date '2023-07-01'"
    ).fetchone()
    assert precise == pytest.approx(float(average_days), abs=1e-12)


def test_the_independent_csv_check_agrees(built):
    _, extracts = built
    got = csv_figures(extracts, only=("F12",))
    per_month, average_days = hand_figures()
    assert got[("F12", "mails_per_month")] == per_month
    assert float(got[("F12", "average_handling_days")]) == pytest.approx(
        float(average_days), abs=1e-12
    )


def test_spring_gap_times_are_quarantined_with_their_reason(built):
    connection, _ = built
    quarantined = set(
        connection.execute(
            "select source_file, natural_key, quarantine_reason from audit.quarantined_rows"
        ).fetchall()
    )
    gap = "no such Europe/Brussels time (spring daylight-saving gap)"
    assert quarantined == {
        ("mails.csv", "SPRING_GAP", f"unparseable afgehandeld_op: {gap}"),
        ("aanvragen.csv", "AV2025-0000004", f"unparseable gewijzigd_op: {gap}"),
    }


def test_latest_change_wins_in_the_hour_that_occurs_twice(built):
    connection, _ = built
    assert connection.execute(
        "select status_code, changed_at_local, epoch(changed_at)::bigint "
        "from marts.fact_application where application_id = 'AV2025-0000003'"
    ).fetchall() == [
        (
            "GEWEIGERD",
            datetime(2025, 10, 26, 2, 45),
            int(datetime.fromisoformat("2025-10-26 00:45:00+00:00").timestamp()),
        ),
    ]


def test_gate_warns_on_a_spring_gap_time_but_not_on_a_double_autumn_time(tmp_path: Path):
    """The delivery gate says the same as the warehouse: a time in the spring gap does
    not parse (a warning; the warehouse quarantines the row), one in the hour that
    occurs twice is a valid time."""
    from imw.gate import WARN, run_gate

    mails = [
        ["ML1", "FUNCTIONEEL", "29/03/2025 16:00:00", "30/03/2025 02:30:00"],
        ["ML2", "FUNCTIONEEL", "25/10/2025 20:00:00", "26/10/2025 02:30:00"],
    ]
    write_delivery(tmp_path / "x", "2025-10-31", rows={"mails.csv": mails})
    result = run_gate(tmp_path / "x", None)
    assert not result.refused, result.refusals
    failures = {
        (s.file, f.column, f.severity): f
        for s in result.summaries["2025-10-31"]
        for f in s.failures
    }
    assert set(failures) == {("mails.csv", "afgehandeld_op", WARN)}
    assert failures[("mails.csv", "afgehandeld_op", WARN)].examples == ["30/03/2025 02:30:00"]
    assert failures[("mails.csv", "afgehandeld_op", WARN)].lines == [2]
