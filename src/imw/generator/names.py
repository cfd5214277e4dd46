"""Plausible Flemish names for organisations, self-employed people and providers."""

from __future__ import annotations

import numpy as np

SURNAMES = np.array(
    "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De Smet Dubois "
    "Lambert Dupont Martens Hermans Pauwels Vermeulen Van den Broeck Desmet Claeys "
    "Verstraete Michiels De Clercq Leclercq Coppens Lemmens Aerts Cools Stevens Van Damme "
    "De Backer Vandenberghe Segers Verhoeven Declercq Smets Van Dyck Mommaerts Bogaert "
    "Deprez Geerts Vervoort D'Hondt Vanhove Lenaerts Renard Bollaert Verbruggen Vercammen "
    "Öztürk Yılmaz Nuñez François Gérard Noël Hélène".split()
)
_COMPOUND = {"De", "Van", "Van den", "D'"}
FIRST_NAMES = np.array(
    "Jan Marc Luc Patrick Peter Koen Tom Bart Wim Dirk Els An Sofie Katrien Lies Nathalie "
    "Sarah Emma Noah Lucas Liam Louise Ella Jef Mohamed Fatima Ayşe Zoë Chloë Renée José "
    "Thérèse Céline Gaëlle Jürgen Björn Ines Femke Jolien Wout Arne Seppe Lotte Hanne".split()
)
ORG_WORDS = np.array(
    "Bolster Horizon Kompas Brug Linde Eik Klaver Zonnebloem Dauw Bron Akker Molen Haven "
    "Toekomst Ommekeer Vlinder Sterrenhof Meander Kering Duinhelm Heide Bosrand Lindenhof "
    "Hoeve Kasteeltje Witte Raaf Pelikaan Zwaluw Regenboog Ankerpunt Vuurtoren Poort".split()
)
ORG_ACTIVITIES = np.array(
    [
        "Schoonmaak",
        "Bakkerij",
        "Tuinaanleg",
        "Bouwbedrijf",
        "Transport",
        "Garage",
        "Brasserie",
        "Woonzorgcentrum",
        "Apotheek",
        "Drukkerij",
        "Groothandel",
        "Kringwinkel",
        "Thuiszorg",
        "Kinderopvang",
        "Schrijnwerkerij",
        "Logistiek",
        "Elektro",
        "Slagerij",
        "Kapsalon",
        "Dierenartsenpraktijk",
        "Boekhoudkantoor",
        "Hotel",
        "Verpakking",
        "Metaalbewerking",
        "Interieur",
        "Poetsdienst",
        "Fietsatelier",
        "Catering",
    ]
)
LEGAL_FORMS = np.array(["bv", "nv", "vzw", "cv", "BV", "NV", "VZW", "comm.v"])


def _pick(rng: np.random.Generator, values: np.ndarray, n: int) -> np.ndarray:
    picked: np.ndarray = values[rng.integers(0, len(values), size=n)]
    return picked


def person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    first = _pick(rng, FIRST_NAMES, n).astype(object)
    last = _pick(rng, SURNAMES, n).astype(object)
    names: np.ndarray = first + " " + last
    return np.asarray(names)


def organisation_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """Mixes patterns, some with ';', quotes, '&' and accents, as real registers have."""
    pattern = rng.choice(6, size=n, p=[0.3, 0.25, 0.2, 0.1, 0.1, 0.05])
    act = _pick(rng, ORG_ACTIVITIES, n).astype(object)
    sur = _pick(rng, SURNAMES, n).astype(object)
    sur2 = _pick(rng, SURNAMES, n).astype(object)
    word = _pick(rng, ORG_WORDS, n).astype(object)
    form = _pick(rng, LEGAL_FORMS, n).astype(object)
    names: np.ndarray = np.select(
        [pattern == 0, pattern == 1, pattern == 2, pattern == 3, pattern == 4],
        [
            act + " " + sur + " " + form,
            "De " + word + " " + form,
            act + " " + sur + " & Zonen " + form,
            act + ' "' + word + '" ' + form,
            sur + "; " + sur2 + " " + form,
        ],
        default="Vzw 't " + word,
    )
    return names


def provider_names(rng: np.random.Generator, n: int, temp_agency: bool) -> np.ndarray:
    word = _pick(rng, ORG_WORDS, n).astype(object)
    if temp_agency:
        return "Interim " + word + " nv"
    kind = _pick(
        rng,
        np.array(
            [
                "GTB-partner",
                "Jobcoaching",
                "Trajectbegeleiding",
                "Arbeidszorg",
                "Werkplekbegeleiding",
            ]
        ),
        n,
    ).astype(object)
    names: np.ndarray = kind + " " + word + " vzw"
    return names
