"""What `source-extracts.md` says about the delivery files, as data.

Column lists are copied from the specification, in its order; the gate refuses a file whose
header differs from them. Formats feed the Great Expectations suites; the value sets of
the code columns are the reference seeds' (`code_sets`), not a copy here.
"""

from __future__ import annotations

import re
from pathlib import Path

from imw import reference

MANIFEST = "_manifest.json"
BOM = b"\xef\xbb\xbf"
DELIMITER = ";"
QUOTECHAR = '"'

COLUMNS: dict[str, list[str]] = {
    "organisaties.csv": [
        "organisatie_id",
        "kbo_nummer",
        "buitenlands_nummer",
        "naam",
        "nace_code",
        "is_maatwerkbedrijf",
        "postcode",
        "gemeente",
        "land",
        "gewijzigd_op",
    ],
    "dienstverleners.csv": [
        "dienstverlener_id",
        "naam",
        "kbo_nummer",
        "soort",
        "erkend_vanaf",
        "erkend_tot",
        "postcode",
    ],
    "aanvragen.csv": [
        "aanvraag_id",
        "organisatie_id",
        "insz",
        "premietype",
        "aanvraagsoort",
        "vorige_maatregel",
        "ingediend_op",
        "status",
        "beslist_op",
        "premie_start",
        "premie_einde",
        "premie_stopgezet_op",
        "loonpremie_pct",
        "gewijzigd_op",
    ],
    "begeleidingen.csv": [
        "begeleiding_id",
        "aanvraag_id",
        "vorm",
        "dienstverlener_id",
        "start",
        "einde",
    ],
    "afrekeningen.csv": [
        "afrekening_id",
        "aanvraag_id",
        "component",
        "periode_van",
        "periode_tot",
        "bedrag",
        "geboekt_op",
        "corrigeert",
    ],
    "mails.csv": [
        "mail_id",
        "postvak",
        "ontvangen_op",
        "afgehandeld_op",
    ],
}

FILES: list[str] = list(COLUMNS)
SNAPSHOT_FILES = ["organisaties.csv", "dienstverleners.csv", "aanvragen.csv", "begeleidingen.csv"]
DELTA_FILES = ["afrekeningen.csv", "mails.csv"]

# Code columns and the reference seed (`seeds/reference/`, read by `imw.reference`) that
# lists their values: the warehouse maps the same codes with the same files.
CODE_SEEDS: dict[str, dict[str, tuple[str, str]]] = {
    "dienstverleners.csv": {"soort": ("ref_provider_kinds", "provider_kind_code")},
    "aanvragen.csv": {
        "aanvraagsoort": ("ref_application_kinds", "application_kind_code"),
        "vorige_maatregel": ("ref_previous_measures", "previous_measure_code"),
        "status": ("ref_application_statuses", "status_code"),
    },
    "begeleidingen.csv": {"vorm": ("ref_coaching_forms", "coaching_form_code")},
    "afrekeningen.csv": {"component": ("ref_settlement_components", "component_code")},
    "mails.csv": {"postvak": ("ref_mailboxes", "mailbox_code")},
}
# A flag, not a code list: the specification's J/N.
FLAGS: dict[str, dict[str, list[str]]] = {"organisaties.csv": {"is_maatwerkbedrijf": ["J", "N"]}}
# premietype: a code of `ref_premium_types` or a full label of `ref_premium_type_labels`
# (rows migrated in 2023, any case); see `imw.reference.premium_type_labels`.
PREMIETYPE_SEED = ("ref_premium_types", "premium_type_code")


def code_sets(file: str, project: Path | None = None) -> dict[str, list[str]]:
    """Column -> accepted values of the code columns of `file` (the seeds of `project`,
    default `imw.reference.project_dir()`), the J/N flags included."""
    sets = {column: list(values) for column, values in FLAGS.get(file, {}).items()}
    for column, (seed, seed_column) in CODE_SEEDS.get(file, {}).items():
        sets[column] = reference.codes(seed, seed_column, project)
    return sets


def premietype_codes(project: Path | None = None) -> list[str]:
    """The premium-type codes (LP, LPBP, OP) as `ref_premium_types` lists them."""
    return reference.codes(*PREMIETYPE_SEED, project)


# Columns that must never be empty (keys and the codes a row cannot be read without).
REQUIRED: dict[str, list[str]] = {
    "organisaties.csv": ["organisatie_id", "naam", "is_maatwerkbedrijf", "land", "gewijzigd_op"],
    "dienstverleners.csv": ["dienstverlener_id", "naam", "soort", "erkend_vanaf"],
    "aanvragen.csv": [
        "aanvraag_id",
        "organisatie_id",
        "insz",
        "premietype",
        "aanvraagsoort",
        "ingediend_op",
        "status",
        "gewijzigd_op",
    ],
    "begeleidingen.csv": ["begeleiding_id", "aanvraag_id", "vorm", "start"],
    # every column but the reference to the booking a row corrects
    "afrekeningen.csv": [c for c in COLUMNS["afrekeningen.csv"] if c != "corrigeert"],
    "mails.csv": ["mail_id", "postvak", "ontvangen_op"],
}

# Date columns: "past" ones cannot lie after the extract date, "future" ones may (end dates).
DATES_PAST: dict[str, list[str]] = {
    "dienstverleners.csv": ["erkend_vanaf"],
    "aanvragen.csv": ["ingediend_op", "beslist_op"],
    "begeleidingen.csv": ["start"],
    "afrekeningen.csv": ["periode_van", "geboekt_op"],
}
DATES_FUTURE: dict[str, list[str]] = {
    "dienstverleners.csv": ["erkend_tot"],
    "aanvragen.csv": ["premie_start", "premie_einde", "premie_stopgezet_op"],
    "begeleidingen.csv": ["einde"],
    "afrekeningen.csv": ["periode_tot"],
}
TIMESTAMPS: dict[str, list[str]] = {
    "organisaties.csv": ["gewijzigd_op"],
    "aanvragen.csv": ["gewijzigd_op"],
    "mails.csv": ["ontvangen_op", "afgehandeld_op"],
}
DATE_FORMAT = "%d/%m/%Y"
TIMESTAMP_FORMAT = "%d/%m/%Y %H:%M:%S"
# Timestamps are local time here (a duration is the time between the instants).
TIME_ZONE = "Europe/Brussels"
EARLIEST_DATE = "1990-01-01"  # predecessor measures (VOP, SINE, ...) reach back decades
FUTURE_YEARS = 15  # how far an end date may lie after the extract date

# Amounts: decimal comma, exactly 2 decimals, '.' thousands separator allowed (pre-2024 rows).
AMOUNT_PATTERN = r"^-?(\d{1,3}(\.\d{3})+|\d+),\d{2}$"
AMOUNT_LIMIT = 1_000_000  # absolute value of one booking, euro
PERCENT_PATTERN = r"^\d{1,3}(,\d+)?$"

# Keys: unique per file. aanvragen carries the stale-duplicate quirk, so its key there is
# (aanvraag_id, gewijzigd_op).
KEYS: dict[str, list[str]] = {
    "organisaties.csv": ["organisatie_id"],
    "dienstverleners.csv": ["dienstverlener_id"],
    "aanvragen.csv": ["aanvraag_id", "gewijzigd_op"],
    "begeleidingen.csv": ["begeleiding_id"],
    "afrekeningen.csv": ["afrekening_id"],
    "mails.csv": ["mail_id"],
}

# References resolvable within the delivery: (file, column) -> (file, key column).
# afrekeningen.corrigeert may also point to a booking of an earlier delivery (history).
REFERENCES: dict[str, list[tuple[str, str, str]]] = {
    "aanvragen.csv": [("organisatie_id", "organisaties.csv", "organisatie_id")],
    "begeleidingen.csv": [
        ("aanvraag_id", "aanvragen.csv", "aanvraag_id"),
        ("dienstverlener_id", "dienstverleners.csv", "dienstverlener_id"),
    ],
    "afrekeningen.csv": [
        ("aanvraag_id", "aanvragen.csv", "aanvraag_id"),
        ("corrigeert", "afrekeningen.csv", "afrekening_id"),
    ],
}


def parse_amount(text: str) -> int:
    """Parse a spec amount ('1.234,56', '-12,30') into cents; ValueError if malformed."""
    value = text.strip()
    if not re.match(AMOUNT_PATTERN, value):
        raise ValueError(f"not an amount with decimal comma: {text!r}")
    negative = value.startswith("-")
    digits = value.lstrip("-").replace(".", "").replace(",", "")
    cents = int(digits)
    return -cents if negative else cents


def format_amount(cents: int) -> str:
    """Cents to the manifest's control-total notation ('5812344,17')."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100},{cents % 100:02d}"
