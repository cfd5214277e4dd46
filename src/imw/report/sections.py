"""One section per figure of the deck, in the deck's slide order.

Each section has the deck's Dutch title, a few key figures, one chart, the data table
behind the chart and a short definition (from deck-figures.md). Every number goes
through `Protection`, so counts below the small-cell threshold print as `< 5`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import charts
from .charts import Series
from .data import COMPONENT_LABELS, COMPONENT_SHORT_LABELS, COMPONENTS, PREMIUM_TYPES, FigureBook
from .numbers import Kind, Protection, format_number

# Labels shared by a section and the changes section (imw.report.changes).
F3_FOREIGN_LABEL = "waarvan loonpremies bij buitenlandse werkgevers"
F9_ROWS = (
    ("Actieve externe begeleidingen", "extern|trajectories"),
    ("Erkende dienstverleners met actieve begeleidingen", "extern|providers"),
    ("Erkende dienstverleners", "recognised_providers"),
    ("Actieve interne begeleidingen", "intern|trajectories"),
    ("Organisaties met actieve interne begeleidingen", "intern|organisations"),
    ("Geregistreerde uitzendkantoren", "temp_agencies"),
    ("Actieve begeleidingen door uitzendkantoren", "uitzend|trajectories"),
)

MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from this index are right-aligned
    text_from: int | None = None  # ... up to (not including) this one


@dataclass
class Section:
    figure_id: str
    title: str
    definition: str
    chart_svg: str
    chart_caption: str
    facts: list[str] = field(default_factory=list)  # plain text, **bold**
    table: Table | None = None
    slide: str = ""


def belgian_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _quarters(book: FigureBook, figure_id: str) -> list[str]:
    """Quarter labels present in a figure's '<quarter>|...' keys, in time order."""
    labels = {key.split("|")[0] for key in book.keys(figure_id) if key.startswith("K")}
    return sorted(labels, key=lambda q: (int(q.split()[1]), int(q[1])))


def _year_groups(quarters: list[str], label: Callable[[str], str]) -> list[tuple[str, int, int]]:
    """(label, first, last) per year of the quarter labels ('K3 2023')."""
    groups: list[tuple[str, int, int]] = []
    for index, quarter in enumerate(quarters):
        year = quarter.split()[1]
        if groups and groups[-1][0] == year:
            groups[-1] = (year, groups[-1][1], index)
        else:
            groups.append((year, index, index))
    return [(label(year), first, last) for year, first, last in groups]


def _years(book: FigureBook, figure_id: str) -> list[str]:
    return sorted(key for key in book.keys(figure_id) if key.isdigit())


def _type_labels(book: FigureBook) -> list[str]:
    return [book.premium_type_labels.get(code, code) for code in PREMIUM_TYPES]


def _count_series(
    book: FigureBook,
    protection: Protection,
    figure_id: str,
    categories: list[str],
    key_of: str = "{category}|{code}",
) -> list[Series]:
    series = []
    for code, label in zip(PREMIUM_TYPES, _type_labels(book), strict=True):
        raw = [book.get(figure_id, key_of.format(category=c, code=code)) or 0 for c in categories]
        series.append(
            Series(
                label=label,
                values=[protection.chart_value(v, Kind.COUNT) for v in raw],
                labels=[protection.show(v, Kind.COUNT) for v in raw],
            )
        )
    return series


def _per_type_table(
    book: FigureBook,
    protection: Protection,
    figure_id: str,
    categories: list[str],
    first_column: str,
    key_of: str = "{category}|{code}",
    kind: Kind = Kind.COUNT,
    category_labels: list[str] | None = None,
    codes: tuple[str, ...] = PREMIUM_TYPES,
    code_labels: list[str] | None = None,
    total_key_of: str | None = None,
) -> Table:
    rows = []
    for index, category in enumerate(categories):
        row = [category_labels[index] if category_labels else category]
        for code in codes:
            row.append(
                protection.show(
                    book.get(figure_id, key_of.format(category=category, code=code)), kind
                )
            )
        if total_key_of:
            row.append(
                protection.show(book.get(figure_id, total_key_of.format(category=category)), kind)
            )
        rows.append(row)
    header = [first_column, *(code_labels or _type_labels(book))]
    if total_key_of:
        header.append("Totaal")
    return Table(header=header, rows=rows)


def _applications_section(
    book: FigureBook,
    protection: Protection,
    figure_id: str,
    title: str,
    headline: str,
    definition: str,
    slide: str,
) -> Section:
    quarters = _quarters(book, figure_id)
    series = _count_series(book, protection, figure_id, quarters)
    totals = [
        protection.show(
            sum(book.get(figure_id, f"{q}|{code}") or 0 for code in PREMIUM_TYPES), Kind.COUNT
        )
        for q in quarters
    ]
    groups = _year_groups(
        quarters, lambda y: f"{y}: {protection.show(book.get(figure_id, y), Kind.COUNT)}"
    )
    svg = charts.stacked_columns(
        figure_id.lower(), title, quarters, series, totals=totals, groups=groups
    )
    total = book.get(figure_id, "total")
    years = _years(book, figure_id)
    facts = [f"**{protection.show(total, Kind.COUNT)}** {headline}"]
    facts.append(
        " · ".join(
            f"{year}: **{protection.show(book.get(figure_id, year), Kind.COUNT)}**"
            for year in years
        )
    )
    table = _per_type_table(book, protection, figure_id, quarters, "Kwartaal")
    for row, total_label in zip(table.rows, totals, strict=True):
        row.append(total_label)
    table.header.append("Totaal")
    for year in years:
        table.rows.append(
            [f"Totaal {year}", "", "", "", protection.show(book.get(figure_id, year), Kind.COUNT)]
        )
    table.rows.append(["Totaal", "", "", "", protection.show(total, Kind.COUNT)])
    return Section(
        figure_id=figure_id,
        title=title,
        definition=definition,
        chart_svg=svg,
        chart_caption=f"{title}, per kwartaal en premietype; boven elke kolom het totaal.",
        facts=facts,
        table=table,
        slide=slide,
    )


def f1(book: FigureBook, protection: Protection) -> Section:
    return _applications_section(
        book,
        protection,
        "F1",
        "Aantal ingediende aanvragen per kwartaal per premietype",
        "ingediende aanvragen (excl. onontvankelijke aanvragen)",
        "Aanvragen met een andere status dan ONONTVANKELIJK, per kwartaal van de "
        "indieningsdatum (ingediend_op) en premietype. Het laatste kwartaal loopt tot de "
        "referentiedatum. De deck vermeldt op dezelfde dia ook ‘13.361 ingediende "
        "aanvragen’; dat getal volgt niet uit de reeks (de kolommen en jaartotalen tellen "
        "op tot 15.305) en wordt niet nagebootst (anomalie A1).",
        "Dia ‘Aantal ingediende aanvragen per kwartaal per premietype’",
    )


def f2(book: FigureBook, protection: Protection) -> Section:
    return _applications_section(
        book,
        protection,
        "F2",
        "Aantal goedgekeurde dossiers per kwartaal per premietype",
        "goedgekeurde aanvragen",
        "Aanvragen met status GOEDGEKEURD, per kwartaal van de beslissingsdatum "
        "(beslist_op) en premietype. Jaartotalen per jaar van de beslissingsdatum.",
        "Dia ‘Aantal goedgekeurde dossiers per kwartaal per premietype’",
    )


def _snapshot_dates(book: FigureBook) -> list[str]:
    return sorted({key.split("|")[0] for key in book.keys("F4")})


def f4(book: FigureBook, protection: Protection) -> Section:
    title = "Kwartaalevolutie van aantal actieve premies"
    dates = _snapshot_dates(book)
    labels = [belgian_date(date.fromisoformat(d)) for d in dates]
    tick_labels = [label[:5] + "\n" + label[6:] for label in labels]
    series = _count_series(book, protection, "F4", dates)
    totals = [
        protection.show(
            sum(book.get("F4", f"{d}|{code}") or 0 for code in PREMIUM_TYPES), Kind.COUNT
        )
        for d in dates
    ]
    svg = charts.stacked_columns("f4", title, tick_labels, series, totals=totals)
    table = _per_type_table(book, protection, "F4", dates, "Datum", category_labels=labels)
    for row, total in zip(table.rows, totals, strict=True):
        row.append(total)
    table.header.append("Totaal")
    reference = belgian_date(book.reference_date)
    return Section(
        figure_id="F4",
        title=title,
        definition="Actieve premies (definitie zoals bij de actieve dossiers per premietype) "
        "op elk kwartaaleinde vanaf 30/09/2023 en op de referentiedatum, per premietype. "
        "De deck toont deze grafiek zonder leesbare waarden.",
        chart_svg=svg,
        chart_caption="Actieve premies op elk kwartaaleinde en op de referentiedatum.",
        facts=[
            f"**{protection.show(book.get('F3', 'total'), Kind.COUNT)}** "
            f"actieve premies op {reference}"
        ],
        table=table,
        slide="Dia ‘Kwartaalevolutie van aantal actieve premies’",
    )


def f3(book: FigureBook, protection: Protection) -> Section:
    title = "Aantal actieve dossiers per premietype"
    labels = _type_labels(book)
    counts = [book.get("F3", code) for code in PREMIUM_TYPES]
    shares = [book.get("F3", f"share|{code}") for code in PREMIUM_TYPES]
    shown = [
        f"{protection.show(c, Kind.COUNT)} ({protection.show(s, Kind.SHARE)})"
        for c, s in zip(counts, shares, strict=True)
    ]
    total = protection.show(book.get("F3", "total"), Kind.COUNT)
    svg = charts.donut(
        "f3",
        title,
        labels,
        [protection.chart_value(c, Kind.COUNT) for c in counts],
        shown,
        centre=f"{total}\nactieve premies",
    )
    foreign = protection.show(book.get("F3", "LP|foreign"), Kind.COUNT)
    reference = belgian_date(book.reference_date)
    facts = [
        f"Op {reference} waren er **{total}** actieve premies:",
        f"**{shown[0].split(' (')[0]}** loonpremies, waarvan {foreign} bij "
        f"buitenlandse werkgevers ({protection.show(shares[0], Kind.SHARE)})",
        f"**{shown[1].split(' (')[0]}** loon- en begeleidingspremies "
        f"({protection.show(shares[1], Kind.SHARE)})",
        f"**{shown[2].split(' (')[0]}** ondersteuningspremies (zelfstandigen) "
        f"({protection.show(shares[2], Kind.SHARE)})",
    ]
    table = Table(
        header=["Premietype", "Actieve premies", "Aandeel"],
        rows=[
            [label, protection.show(c, Kind.COUNT), protection.show(s, Kind.SHARE)]
            for label, c, s in zip(labels, counts, shares, strict=True)
        ]
        + [
            [F3_FOREIGN_LABEL, foreign, ""],
            ["Totaal", total, protection.show(Decimal(100), Kind.SHARE)],
        ],
    )
    return Section(
        figure_id="F3",
        title=title,
        definition="Een premie (goedgekeurde aanvraag) is actief op dag d als premie_start ≤ "
        "d, premie_einde leeg is of ≥ d, en premie_stopgezet_op leeg is of > d. Aandelen in "
        "% van alle actieve premies, op één decimaal. De deck drukt 13,2 % af voor de "
        "loon- en begeleidingspremies; 1.574 / 11.849 = 13,28 % wordt 13,3 % "
        "(anomalie A2).",
        chart_svg=svg,
        chart_caption=f"Actieve premies per premietype op {reference}.",
        facts=facts,
        table=table,
        slide="Dia ‘Aantal actieve dossiers per premietype’",
    )


def _provinces(book: FigureBook, figure_id: str) -> list[str]:
    present = {key.split("|")[0] for key in book.keys(figure_id)}
    ordered = [code for code in book.province_order if code in present]
    return ordered + sorted(present - set(ordered))


def f5(book: FigureBook, protection: Protection) -> Section:
    title = "Provinciale verdeling van actieve premies (per type)"
    provinces = _provinces(book, "F5")
    labels = [book.province_labels.get(p, p) for p in provinces]
    series = _count_series(book, protection, "F5", provinces)
    svg = charts.horizontal_bars("f5", title, labels, series)
    table = _per_type_table(book, protection, "F5", provinces, "Provincie", category_labels=labels)
    reference = belgian_date(book.reference_date)
    return Section(
        figure_id="F5",
        title=title,
        definition="Actieve premies op de referentiedatum per premietype en per provincie "
        "van de hoofdzetel van de organisatie op die datum (postcode → provincie; het "
        "Brussels Hoofdstedelijk Gewest apart; ‘Buitenland’ voor een hoofdzetel in het "
        "buitenland). Kleine aantallen worden niet getekend.",
        chart_svg=svg,
        chart_caption=f"Actieve premies per provincie van de hoofdzetel en premietype, "
        f"{reference}.",
        facts=[
            f"**{protection.show(book.get('F3', 'total'), Kind.COUNT)}** "
            f"actieve premies op {reference}, o.b.v. locatie organisatiehoofdzetel"
        ],
        table=table,
        slide="Dia ‘Provinciale verdeling van actieve premies (per type) o.b.v. locatie "
        "organisatiehoofdzetel’",
    )


def f6(book: FigureBook, protection: Protection) -> Section:
    title = "Provinciale verdeling van organisaties met minstens één premie"
    provinces = _provinces(book, "F6")
    labels = [book.province_labels.get(p, p) for p in provinces]
    raw = [book.get("F6", p) for p in provinces]
    shown = [protection.show(v, Kind.COUNT) for v in raw]
    svg = charts.horizontal_bars(
        "f6",
        title,
        labels,
        [Series("Organisaties", [protection.chart_value(v, Kind.COUNT) for v in raw], shown)],
        end_labels=shown,
    )
    reference = belgian_date(book.reference_date)
    return Section(
        figure_id="F6",
        title=title,
        definition="Organisaties met minstens één actieve premie op de referentiedatum, per "
        "provincie van hun hoofdzetel op die datum.",
        chart_svg=svg,
        chart_caption=f"Organisaties per provincie van de hoofdzetel, {reference}.",
        table=Table(
            header=["Provincie", "Organisaties"],
            rows=[[label, s] for label, s in zip(labels, shown, strict=True)],
        ),
        slide="Dia ‘Provinciale verdeling van organisaties met minstens één premie’",
    )


def _deck_wordings(
    book: FigureBook, figure_id: str, keys: list[str], official: list[str]
) -> list[str]:
    """The deck's own wording of a sector it ranks, else the official label (the
    dimensions hold only official NACE-BEL labels; this report quotes the deck)."""
    return [
        book.deck_wordings.get((figure_id, key), label)
        for key, label in zip(keys, official, strict=True)
    ]


def _wording_notes(shown: list[str], official: list[str], codes: list[str]) -> list[str]:
    """One line for each label shown in the deck's wording instead of the official one."""
    return [
        f"‘{label}’ is de benaming in de presentatie; de officiële NACE-BEL "
        f"2008-omschrijving van {code} is ‘{label_official}’"
        for label, label_official, code in zip(shown, official, codes, strict=True)
        if label != label_official
    ]


def division_label(book: FigureBook, code: str) -> str:
    """The official label of a NACE-BEL division (F7's keys)."""
    return book.division_labels.get(code, "Onbekend")


def division_with_code(code: str, label: str) -> str:
    return f"{code} {label}" if code != "ONBEKEND" else "Onbekend"


def class_label(book: FigureBook, code: str) -> str:
    """The official label of an F8 class: a NACE-BEL subclass or the maatwerkbedrijven."""
    if code == "MAATWERKBEDRIJF":
        return "Maatwerkbedrijven"
    return book.subclass_labels.get(code, f"{code} (onbekend)")


def class_code(code: str) -> str:
    """An F8 subclass code as printed (88.999), empty for the maatwerkbedrijven."""
    return "" if code in ("MAATWERKBEDRIJF", "ONBEKEND") else f"{code[:2]}.{code[2:]}"


def f7(book: FigureBook, protection: Protection) -> Section:
    title = "Top 10 van economische sectoren met actieve loonpremies"
    organisations = book.get("F7", "organisations")
    shown_total = protection.show(organisations, Kind.COUNT)
    divisions = [
        (key.split("|")[1], value)
        for key, value in book.values.get("F7", {}).items()
        if key.startswith("division|")
    ]
    top = sorted(divisions, key=lambda item: (-item[1], item[0]))[:10]
    official = [division_label(book, code) for code, _ in top]
    wordings = _deck_wordings(book, "F7", [f"division|{code}" for code, _ in top], official)
    labels = [
        division_with_code(code, wording) for (code, _), wording in zip(top, wordings, strict=True)
    ]
    shares = [protection.show(value, Kind.SHARE) for _, value in top]
    svg = charts.horizontal_bars(
        "f7",
        title,
        labels,
        [Series("Aandeel", [float(v) for _, v in top], shares)],
        axis=charts.belgian_axis(),
        end_labels=shares,
        wrap=70,
    )
    reference = belgian_date(book.reference_date)
    return Section(
        figure_id="F7",
        title=title,
        definition="Organisaties met minstens één actieve loonpremie (LP of LPBP) op de "
        "referentiedatum (interpretatie van ‘organisaties met loonpremies’), per NACE-BEL "
        "2008-afdeling van de organisatie op die datum (de eerste twee cijfers van haar "
        "subklasse; ‘Onbekend’ voor een lege code of een afdeling die niet bestaat), in % "
        "van die organisaties. Officiële NACE-BEL-labels uit de sectordimensie.",
        chart_svg=svg,
        chart_caption=f"Aandeel van de {shown_total} organisaties met loonpremies per "
        f"sector (afdeling), top 10, situatie op {reference}.",
        facts=[
            f"Uitgedrukt in percentage van **{shown_total}** organisaties "
            f"met loonpremies; situatie op {reference}",
            *_wording_notes(wordings, official, [code for code, _ in top]),
        ],
        table=Table(
            header=["Sector (NACE-BEL-afdeling)", "Aandeel"],
            rows=[[label, s] for label, s in zip(labels, shares, strict=True)],
        ),
        slide="Dia ‘Top 10 van economische sectoren met actieve loonpremies’",
    )


def f8(book: FigureBook, protection: Protection) -> Section:
    organisations = book.get("F8", "organisations")
    shown_total = protection.show(organisations, Kind.COUNT)
    title = f"Sectorverdeling van de {shown_total} organisaties met actieve begeleidingspremies"
    classes = [
        (key.split("|")[1], value)
        for key, value in book.values.get("F8", {}).items()
        if key.startswith("class|")
    ]
    top = sorted(classes, key=lambda item: (-item[1], item[0]))[:10]
    official = [class_label(book, code) for code, _ in top]
    labels = _deck_wordings(book, "F8", [f"class|{code}" for code, _ in top], official)
    shown = [protection.show(value, Kind.COUNT) for _, value in top]
    svg = charts.horizontal_bars(
        "f8",
        title,
        labels,
        [Series("Organisaties", [protection.chart_value(v, Kind.COUNT) for _, v in top], shown)],
        end_labels=shown,
        wrap=70,
    )
    reference = belgian_date(book.reference_date)
    codes = [class_code(code) for code, _ in top]
    return Section(
        figure_id="F8",
        title=title,
        definition="Organisaties met minstens één actieve loon- en begeleidingspremie (LPBP) "
        "op de referentiedatum, per NACE-BEL 2008-subklasse; een erkend maatwerkbedrijf "
        "telt onder ‘Maatwerkbedrijven’, welke NACE-code het ook heeft; een code die niet "
        "in de officiële lijst staat telt onder die code. De tien grootste klassen, met de "
        "benaming uit de presentatie waar die er een heeft.",
        chart_svg=svg,
        chart_caption=f"Organisaties met actieve begeleidingspremies per sector, top 10, "
        f"situatie op {reference}.",
        facts=[
            f"**{shown_total}** organisaties met actieve "
            f"begeleidingspremies; situatie op {reference}",
            *_wording_notes(labels, official, codes),
        ],
        table=Table(
            header=["Sector (NACE-BEL-subklasse)", "Code", "Organisaties"],
            rows=[[label, code, s] for label, code, s in zip(labels, codes, shown, strict=True)],
            numeric_from=2,
        ),
        slide="Dia ‘Sectorverdeling van de organisaties met actieve begeleidingspremies’",
    )


def f9(book: FigureBook, protection: Protection) -> Section:
    title = "Begeleiding in IMW"

    def show(key: str) -> str:
        return protection.show(book.get("F9", key), Kind.COUNT)

    forms = [
        ("Interne begeleiding (INTERN)", "intern|trajectories"),
        ("Externe begeleiding door erkende dienstverleners (EXTERN)", "extern|trajectories"),
        ("Begeleiding door uitzendkantoren (UITZEND)", "uitzend|trajectories"),
    ]
    raw = [book.get("F9", key) for _, key in forms]
    shown = [protection.show(v, Kind.COUNT) for v in raw]
    svg = charts.horizontal_bars(
        "f9",
        title,
        [label for label, _ in forms],
        [
            Series(
                "Actieve begeleidingen", [protection.chart_value(v, Kind.COUNT) for v in raw], shown
            )
        ],
        end_labels=shown,
    )
    reference = belgian_date(book.reference_date)
    facts = [
        f"**{show('extern|trajectories')}** actieve begeleidingen door "
        f"{show('extern|providers')} van de {show('recognised_providers')} erkende "
        "dienstverleners",
        f"**{show('intern|trajectories')}** actieve interne begeleidingen in "
        f"{show('intern|organisations')} organisaties",
        f"**{show('temp_agencies')}** uitzendkantoren die voldoen aan de "
        f"registratievoorwaarden voor begeleiding, {show('uitzend|trajectories')} actieve "
        "begeleiding(en)",
    ]
    rows = [[label, show(key)] for label, key in F9_ROWS]
    return Section(
        figure_id="F9",
        title=title,
        definition="Een begeleiding is actief op dag d als start ≤ d en einde leeg is of ≥ d. "
        "Erkende dienstverleners: soort ERKEND met een erkenning die de referentiedatum "
        "dekt; uitzendkantoren: soort UITZEND met een registratie die de referentiedatum "
        "dekt. Begeleiding kan zowel bij een loonpremie als bij een loon- en "
        "begeleidingspremie horen; daarom begeleiden meer organisaties intern dan er een "
        "begeleidingspremie hebben.",
        chart_svg=svg,
        chart_caption=f"Actieve begeleidingen per vorm op {reference}.",
        facts=facts,
        table=Table(header=["", "Aantal"], rows=rows),
        slide="Dia ‘Begeleiding in IMW’",
    )


def f10(book: FigureBook, protection: Protection) -> Section:
    title = "Uitgaven per kwartaal"
    quarters = _quarters(book, "F10")
    series = []
    for component in COMPONENTS:
        raw = [book.get("F10", f"{q}|{component}") or 0 for q in quarters]
        series.append(
            Series(
                COMPONENT_LABELS[component],
                [float(v) for v in raw],
                [protection.show(v, Kind.AMOUNT) for v in raw],
            )
        )
    totals = [book.get("F10", q) for q in quarters]

    def millions(value: Decimal | None) -> str:
        return "€ " + format_number((value or 0) / Decimal(1_000_000), 1) + " mln"

    total_labels = [millions(v) for v in totals]
    svg = charts.stacked_columns(
        "f10",
        title,
        quarters,
        series,
        totals=total_labels,
        axis=charts.euro_millions_axis(),
        segment_labels=False,
        groups=_year_groups(quarters, lambda y: f"{y}: {millions(book.get('F10', y))}"),
    )
    years = _years(book, "F10")
    reference = book.reference_date
    facts = [
        " · ".join(
            f"{year}{' (tot ' + belgian_date(reference) + ')' if int(year) == reference.year and (reference.month, reference.day) != (12, 31) else ''}: "  # noqa: E501
            f"**{protection.show(book.get('F10', year), Kind.AMOUNT)}**"
            for year in years
        )
    ]
    table = _per_type_table(
        book,
        protection,
        "F10",
        quarters,
        "Kwartaal",
        kind=Kind.AMOUNT,
        codes=COMPONENTS,
        code_labels=[COMPONENT_SHORT_LABELS[code] for code in COMPONENTS],
        total_key_of="{category}",
    )
    for year in years:
        table.rows.append(
            [f"Totaal {year}", "", "", "", protection.show(book.get("F10", year), Kind.AMOUNT)]
        )
    return Section(
        figure_id="F10",
        title=title,
        definition="Netto som van de afrekeningsbedragen (correcties inbegrepen) per kwartaal "
        "van de boekingsdatum (geboekt_op) en per component. De deck drukt 8.703.209,65 af "
        "zonder kwartaal; het hoort bij K1 2024. Het jaar 2026 (tot de referentiedatum) "
        "staat niet in de deck.",
        chart_svg=svg,
        chart_caption="Uitgaven per kwartaal en component; boven elke kolom het totaal in "
        "miljoen euro.",
        facts=facts,
        table=table,
        slide="Dia ‘Uitgaven per kwartaal’",
    )


def f11(book: FigureBook, protection: Protection) -> Section:
    title = "Doorlooptijd van een nieuwe premieaanvraag"
    average = book.get("F11", "average_days")
    quarters = [row[0] for row in book.processing_by_quarter]
    values = [float(row[1]) for row in book.processing_by_quarter]
    counts = [row[2] for row in book.processing_by_quarter]
    shown = [protection.show(v, Kind.AVERAGE) for v in values]
    svg = charts.columns_with_line(
        "f11",
        title,
        quarters,
        values,
        float(average or 0),
        f"Gemiddelde over de referentieperiode: {protection.show(average, Kind.AVERAGE)} "
        "kalenderdagen",
        axis=charts.belgian_axis(),
        value_labels=shown,
    )
    return Section(
        figure_id="F11",
        title=title,
        definition="Gemiddeld aantal kalenderdagen van indiening (ingediend_op) tot beslissing "
        "(beslist_op) voor nieuwe aanvragen (aanvraagsoort NIEUW) met status GOEDGEKEURD of "
        "GEWEIGERD, ingediend in de referentieperiode. De grafiek toont hetzelfde gemiddelde "
        "per kwartaal van indiening (berekend uit de marts).",
        chart_svg=svg,
        chart_caption="Gemiddelde doorlooptijd in kalenderdagen per kwartaal van indiening.",
        facts=[
            f"Gemiddelde doorlooptijd van een nieuwe premieaanvraag van "
            f"**{protection.show(average, Kind.AVERAGE)}** kalenderdagen"
        ],
        table=Table(
            header=["Kwartaal van indiening", "Gemiddelde doorlooptijd (dagen)", "Aanvragen"],
            rows=[
                [q, s, protection.show(c, Kind.COUNT)]
                for q, s, c in zip(quarters, shown, counts, strict=True)
            ],
        ),
        slide="Dia ‘Doorlooptijden’",
    )


def f12(book: FigureBook, protection: Protection) -> Section:
    title = "Functionele mailbox: behandelde e-mails"
    per_month = book.get("F12", "mails_per_month")
    handling = book.get("F12", "average_handling_days")
    months = [f"{MONTHS_NL[m.month - 1]} {m.year}" for m, _ in book.mails_by_month]
    raw = [count for _, count in book.mails_by_month]
    per_month_rounded = format_number(round((per_month or 0) / 10) * 10, 0)
    svg = charts.columns_with_line(
        "f12",
        title,
        months,
        [protection.chart_value(v, Kind.COUNT) for v in raw],
        float(per_month or 0),
        f"Gemiddelde: {per_month_rounded} per maand (afgerond op tientallen)",
        tick_every=3,
    )
    return Section(
        figure_id="F12",
        title=title,
        definition="Alleen de functionele mailbox (postvak FUNCTIONEEL; persoonlijke "
        "postvakken niet meegeteld). Behandelde e-mails per kalendermaand van de "
        "referentieperiode (juli 2023 tot en met de maand van de referentiedatum), "
        "gemiddeld en afgerond op tientallen; behandeltijd = afgehandeld_op − ontvangen_op "
        "in dagen (met fracties), gemiddeld en afgerond op hele dagen.",
        chart_svg=svg,
        chart_caption="Behandelde e-mails van de functionele mailbox per maand van behandeling.",
        facts=[
            f"Gemiddeld **{per_month_rounded}** behandelde e-mails per maand "
            f"(excl. persoonlijke postvakken) met gemiddelde behandeltijd van "
            f"**{format_number(handling or 0, 0)}** dagen "
            f"({protection.show(handling, Kind.AVERAGE, 2)} dagen)"
        ],
        table=Table(
            header=["Maand", "Behandelde e-mails"],
            rows=[[m, protection.show(v, Kind.COUNT)] for m, v in zip(months, raw, strict=True)],
        ),
        slide="Dia ‘Doorlooptijden’",
    )


# The deck's slide order: the quarterly evolution (F4) comes before the shares (F3).
DECK_ORDER = (f1, f2, f4, f3, f5, f6, f7, f8, f9, f10, f11, f12)


def build_sections(book: FigureBook, protection: Protection) -> list[Section]:
    return [make(book, protection) for make in DECK_ORDER]
