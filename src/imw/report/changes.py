"""The section "Wijzigingen sinds de vorige editie": every value of the figure book that
differs between the edition shown and an earlier one (imw.report.editions), with the
reasons the warehouse records for it (reporting.figure_change_reasons).

Values and differences are printed like the rest of the report (Belgian format); counts
and count differences below the small-cell threshold print as `< 5`. Keys are labelled
as the sections label them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .data import COMPONENT_SHORT_LABELS, FigureBook, value_kind
from .editions import COMPARE_WITH_ENV, Comparison, FigureChange
from .numbers import Kind, Protection, format_count
from .sections import (
    DECK_ORDER,
    F3_FOREIGN_LABEL,
    F9_ROWS,
    Table,
    belgian_date,
    class_code,
    class_label,
    division_label,
    division_with_code,
)

TITLE = "Wijzigingen sinds de vorige editie"
ANCHOR = "wijzigingen"

# Keys that are not built from parts (quarters, types, provinces, dates).
FIXED_KEY_LABELS = {
    ("F3", "LP|foreign"): F3_FOREIGN_LABEL,
    ("F7", "organisations"): "Organisaties met loonpremies",
    ("F8", "organisations"): "Organisaties met actieve begeleidingspremies",
    **{("F9", key): label for label, key in F9_ROWS},
    ("F11", "average_days"): "Gemiddelde doorlooptijd (kalenderdagen)",
    ("F12", "mails_per_month"): "Behandelde e-mails per maand (gemiddeld)",
    ("F12", "average_handling_days"): "Gemiddelde behandeltijd (dagen)",
}


@dataclass
class ChangesSection:
    title: str
    facts: list[str] = field(default_factory=list)  # plain text, **bold**
    table: Table | None = None
    note: str = ""


def _is_quarter(part: str) -> bool:
    return len(part) == 7 and part[0] == "K" and part[1].isdigit() and part[3:].isdigit()


def _is_iso_date(part: str) -> bool:
    try:
        date.fromisoformat(part)
    except ValueError:
        return False
    return len(part) == 10


def _part_label(book: FigureBook, part: str) -> str:
    """One '|'-separated part of a key: a type, component, province, date or year."""
    if part in book.premium_type_labels:
        return book.premium_type_labels[part]
    if part in COMPONENT_SHORT_LABELS:
        return COMPONENT_SHORT_LABELS[part]
    if part in book.province_labels:
        return book.province_labels[part]
    if _is_iso_date(part):
        return belgian_date(date.fromisoformat(part))
    if part == "total":
        return "Totaal"
    if len(part) == 4 and part.isdigit():
        return f"Totaal {part}"
    return part


def key_label(book: FigureBook, figure_id: str, key: str) -> str:
    """A figure-book key in words: 'K3 2023 · Loonpremie', 'Totaal 2024', 'Antwerpen'."""
    if (figure_id, key) in FIXED_KEY_LABELS:
        return FIXED_KEY_LABELS[(figure_id, key)]
    prefix, _, rest = key.partition("|")
    if prefix == "share":
        return f"Aandeel {_part_label(book, rest)}"
    if prefix == "division":
        wording = book.deck_wordings.get((figure_id, key), division_label(book, rest))
        return division_with_code(rest, wording)
    if prefix == "class":
        wording = book.deck_wordings.get((figure_id, key), class_label(book, rest))
        code = class_code(rest)
        return f"{wording} ({code})" if code else wording
    if figure_id == "F10" and _is_quarter(key):
        return f"{key} · Totaal"
    return " · ".join(_part_label(book, part) for part in key.split("|"))


def _quarter_order(part: str) -> str:
    """'K3 2023' sorts as '2023 3', so quarters sort in time order."""
    return f"{part[3:]} {part[1]}" if _is_quarter(part) else part


def _order(change: FigureChange) -> tuple[int, list[str]]:
    """Deck order of the figure (DECK_ORDER), then the key (quarters in time order)."""
    deck = [make.__name__.upper() for make in DECK_ORDER]
    position = deck.index(change.figure_id) if change.figure_id in deck else len(deck)
    return position, [_quarter_order(part) for part in change.key.split("|")]


def _decimals(kind: Kind) -> int:
    """Two decimals for shares and averages: a change of 0,01 shows."""
    return 2 if kind in (Kind.SHARE, Kind.AVERAGE) else 1


def _reasons_text(change: FigureChange, kind: Kind, protection: Protection) -> str:
    """'laat geleverd +3; status gewijzigd -1' (each reason summed over the pairs)."""
    return "; ".join(
        f"{label} {protection.show_change(amount, kind, _decimals(kind))}"
        for label, amount in change.reasons
    )


def _row(book: FigureBook, change: FigureChange, protection: Protection) -> list[str]:
    kind = value_kind(change.figure_id, change.key)
    decimals = _decimals(kind)
    return [
        change.figure_id,
        key_label(book, change.figure_id, change.key),
        protection.show(change.previous_value, kind, decimals),
        protection.show(change.value, kind, decimals),
        protection.show_change(change.difference, kind, decimals),
        _reasons_text(change, kind, protection),
    ]


def _why(comparison: Comparison, shown: str) -> str:
    if comparison.chosen_by == "option":
        return f"gekozen met {COMPARE_WITH_ENV}"
    if comparison.chosen_by == "quarter_end":
        return f"het laatste kwartaaleinde vóór {shown}"
    return f"de vorige editie; er is geen kwartaaleinde vóór {shown}"


def _note(previous: str, shown: str, protection: Protection) -> str:
    small = (
        f" Aantallen en verschillen van aantallen kleiner dan {protection.threshold} "
        f"verschijnen als ‘{protection.label}’."
        if protection.threshold > 0
        else ""
    )
    return (
        "Alle waarden van het cijferboek die verschillen tussen beide edities (waarden die "
        "in beide edities voorkomen). Redenen: waar het datawarehouse de aanvragen of "
        "boekingen achter een verschil bijhoudt, per reden de som van de wijzigingen over "
        f"alle opeenvolgende edities na {previous} tot en met {shown}; bij aantallen "
        "aanvragen die erbij komen (+) of wegvallen (-), bij uitgaven het bedrag. Een "
        f"reden die over die periode op nul uitkomt, staat er niet bij.{small}"
    )


def changes_section(book: FigureBook, protection: Protection) -> ChangesSection:
    shown = belgian_date(book.reference_date)
    comparison = book.comparison
    if comparison is None:
        return ChangesSection(
            TITLE,
            facts=[
                f"Er is geen eerdere editie in het datawarehouse om de editie van {shown} "
                "mee te vergelijken."
            ],
        )
    previous = belgian_date(comparison.previous_reference_date)
    changes = sorted(comparison.changes, key=_order)
    count = (
        f"**{format_count(len(changes))}** waarden verschillen."
        if changes
        else "Geen enkele waarde verschilt."
    )
    facts = [
        f"Editie van **{shown}** vergeleken met die van **{previous}** "
        f"({_why(comparison, shown)}). {count}"
    ]
    table = Table(
        header=["Figuur", "Waarde", f"Op {previous}", f"Op {shown}", "Verschil", "Redenen"],
        rows=[_row(book, change, protection) for change in changes],
        numeric_from=2,
        text_from=5,
    )
    return ChangesSection(
        TITLE,
        facts=facts,
        table=table if changes else None,
        note=_note(previous, shown, protection),
    )
