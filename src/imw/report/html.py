"""The figure book as one self-contained HTML page: inline CSS and SVG, no script, no
external resource (no CDN, no web font, no image file)."""

from __future__ import annotations

import re
from html import escape

from .changes import ANCHOR, ChangesSection
from .data import FigureBook
from .numbers import Protection
from .sections import Section, Table, belgian_date

CSS = """
:root { --blue: #1f4e79; --grey: #5f6b76; --line: #d9d9d9; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #222;
       background: #f4f5f7; line-height: 1.45; }
header.page { background: var(--blue); color: #fff; padding: 1.5rem 2rem; }
header.page h1 { margin: 0 0 .3rem; font-size: 1.6rem; }
header.page p { margin: .2rem 0; }
main { max-width: 1050px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
nav.toc { background: #fff; border: 1px solid var(--line); padding: .8rem 1.2rem;
          margin: 1rem 0; columns: 2; font-size: .9rem; }
nav.toc ol { margin: 0; padding-left: 1.2rem; }
section.figure { background: #fff; border: 1px solid var(--line); margin: 1.2rem 0;
                 padding: 1rem 1.5rem 1.2rem; page-break-inside: avoid; }
section.figure h2 { color: var(--blue); font-size: 1.25rem; margin: .2rem 0 .2rem; }
.figure-id { color: var(--grey); font-size: .85rem; font-weight: normal; }
.slide { color: var(--grey); font-size: .85rem; margin: 0 0 .6rem; }
ul.facts { margin: .4rem 0 .8rem; padding-left: 1.2rem; }
ul.facts strong { white-space: nowrap; }
figure.chart { margin: .5rem 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--grey); font-size: .85rem; }
details { margin: .6rem 0; }
summary { cursor: pointer; color: var(--blue); font-size: .9rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .6rem; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
p.definition { font-size: .85rem; color: #333; background: #f7f9fb;
               border-left: 3px solid var(--blue); padding: .4rem .8rem; margin: .6rem 0 0; }
section.changes { background: #fff; border: 1px solid var(--line); margin: 1.2rem 0;
                  padding: 1rem 1.5rem 1.2rem; }
section.changes h2 { color: var(--blue); font-size: 1.25rem; margin: .2rem 0 .2rem; }
p.note { font-size: .85rem; color: #333; margin: .6rem 0 0; }
footer { color: var(--grey); font-size: .8rem; max-width: 1050px; margin: 0 auto;
         padding: 0 1.5rem 2rem; }
@media print { body { background: #fff; } nav.toc { display: none; } }
"""


def _table(table: Table) -> str:
    def attr(index: int) -> str:
        numeric = index >= table.numeric_from and (
            table.text_from is None or index < table.text_from
        )
        return ' class="num"' if numeric else ""

    head = "".join(f"<th{attr(i)}>{escape(h)}</th>" for i, h in enumerate(table.header))
    body = []
    for row in table.rows:
        cells = "".join(f"<td{attr(i)}>{escape(c)}</td>" for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def _inline(text: str) -> str:
    """Escape, then turn **bold** into <strong> (the facts' only markup)."""
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escape(text))


def _section(section: Section) -> str:
    anchor = section.figure_id.lower()
    facts = "".join(f"<li>{_inline(fact)}</li>" for fact in section.facts)
    table = (
        f"<details><summary>Tabel met de cijfers</summary>{_table(section.table)}</details>"
        if section.table
        else ""
    )
    return f"""
<section class="figure" id="{anchor}" data-figure="{section.figure_id}">
  <h2>{escape(section.title)} <span class="figure-id">({section.figure_id})</span></h2>
  <p class="slide">{escape(section.slide)}</p>
  {f'<ul class="facts">{facts}</ul>' if facts else ""}
  <figure class="chart" data-figure="{section.figure_id}">
    {section.chart_svg}
    <figcaption>{escape(section.chart_caption)}</figcaption>
  </figure>
  {table}
  <p class="definition"><strong>Definitie.</strong> {escape(section.definition)}</p>
</section>"""


def _changes(section: ChangesSection) -> str:
    """The changes section: its table open (it is the content), no chart."""
    facts = "".join(f"<li>{_inline(fact)}</li>" for fact in section.facts)
    table = _table(section.table) if section.table else ""
    note = f'<p class="note">{escape(section.note)}</p>' if section.note else ""
    return f"""
<section class="changes" id="{ANCHOR}">
  <h2>{escape(section.title)}</h2>
  <ul class="facts">{facts}</ul>
  {table}
  {note}
</section>"""


def _source(book: FigureBook) -> str:
    """Where the page's numbers come from, for its header."""
    if book.source == "reporting.deck_figures":
        return "reporting.deck_figures en de marts"
    return (
        f"{book.source} op {belgian_date(book.reference_date)} en de marts: de editie van "
        "het cijferboek toen die levering de nieuwste was"
    )


def render(
    book: FigureBook,
    sections: list[Section],
    protection: Protection,
    changes: ChangesSection | None = None,
) -> str:
    reference = belgian_date(book.reference_date)
    day = book.reference_date
    period_end = f"{day.day}/{day.month}/{day.year % 100:02d}"
    toc = "".join(
        f'<li><a href="#{s.figure_id.lower()}">{escape(s.title)}</a></li>' for s in sections
    )
    if changes:
        toc += f'<li><a href="#{ANCHOR}">{escape(changes.title)}</a></li>'
    if protection.threshold > 0:
        small_cells = (
            f"Aantallen kleiner dan {protection.threshold} worden niet gepubliceerd en "
            f"verschijnen als ‘{escape(protection.label)}’ (ook niet getekend in de grafieken); "
            "bedragen, aandelen en gemiddelden worden wel getoond."
        )
    else:
        small_cells = "Bescherming van kleine aantallen staat uit: alle aantallen zijn exact."
    body = "".join(_section(s) for s in sections) + (_changes(changes) if changes else "")
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="reference-date" content="{book.reference_date.isoformat()}">
<title>Individueel maatwerk: cijferboek op {reference}</title>
<style>{CSS}</style>
</head>
<body>
<header class="page">
  <h1>Enkele cijfers over individueel maatwerk</h1>
  <p>Referentiedatum: <strong id="reference-date">{reference}</strong> ·
     referentieperiode 1/7/23 tot {period_end}</p>
  <p>Cijferboek van de stakeholdersfora, berekend uit het datawarehouse
     ({escape(_source(book))}).</p>
</header>
<main>
<nav class="toc" aria-label="Inhoud"><ol>{toc}</ol></nav>
<p class="small-cells">{small_cells}</p>
{body}
</main>
<footer>
  <p>Premietypes: LP = loonpremie, LPBP = loonpremie en begeleidingspremie,
  OP = ondersteuningspremie (zelfstandigen). Kwartalen zijn kalenderkwartalen (K3 2023 =
  juli–september 2023). Getallen in Belgische notatie.</p>
  <p>Individueel maatwerk (IMW) startte op 1/07/2023 en vervangt de Vlaamse
  Ondersteuningspremie, de Lokale Diensteneconomie, de Sociale Inschakelingseconomie en de
  maatwerkafdelingen.</p>
</footer>
</body>
</html>
"""
