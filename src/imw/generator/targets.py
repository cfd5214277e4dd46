"""The figures of the March 2026 deck that the simulator is calibrated on (scale 1).

These numbers steer the *random draws* of the simulator so that the warehouse, computing
its figures from row-level data, lands on the published values. The warehouse never reads
this module: it compares itself with the published-figures seed.
"""

from datetime import date

REFERENCE_DATE = date(2026, 2, 28)
PROGRAMME_START = date(2023, 7, 1)
FIRST_SUBMISSION_DAY = date(2023, 7, 3)
FIRST_DELIVERY = date(2023, 7, 31)

TYPES = ("LP", "LPBP", "OP")

# F1: submitted applications (status other than ONONTVANKELIJK) per quarter and type.
SUBMITTED = {
    (2023, 3): (1098, 71, 64),
    (2023, 4): (2120, 205, 61),
    (2024, 1): (1178, 138, 63),
    (2024, 2): (1088, 164, 76),
    (2024, 3): (1120, 153, 55),
    (2024, 4): (1124, 164, 62),
    (2025, 1): (1064, 180, 51),
    (2025, 2): (1196, 191, 66),
    (2025, 3): (1011, 207, 66),
    (2025, 4): (1081, 211, 58),
    (2026, 1): (723, 137, 59),
}

# F2: approved applications by year of the decision.
APPROVED_BY_DECISION_YEAR = {2023: 3094, 2024: 5128, 2025: 5478, 2026: 813}

# Not in the deck: applications still undecided on the reference date.
PENDING_ON_REFERENCE_DATE = 130

# F3: active premiums on the reference date, and LP premiums at foreign employers.
ACTIVE = {"LP": 9750, "LPBP": 1574, "OP": 525}
ACTIVE_LP_FOREIGN = (2, 2, 1, 1)  # active LP premiums of each foreign employer

# F7: organisations with an active LP or LPBP premium, by NACE division (top 4 fixed).
WAGE_PREMIUM_ORGANISATIONS = 4260
DIVISION_TOP = (("86", 512), ("81", 468), ("88", 431), ("46", 296))
DIVISION_UNKNOWN = 21  # organisations without a NACE code

# F8: organisations with an active LPBP premium by subclass (maatwerkbedrijven apart).
COACHING_PREMIUM_ORGANISATIONS = 182
CLASS_TOP = (("88999", 34), ("MAATWERKBEDRIJF", 27), ("47793", 16), ("84114", 13), ("87101", 11))
CLASS_OTHER_MAX = 8
# Valid NACE-BEL 2008 subclasses outside the drawing profile (data/nace_profile.csv),
# given to a few organisations without an active wage premium (F7 and F8 unaffected).
CODES_BEYOND_PROFILE = ("46900", "47191")

# F9: coaching on the reference date.
ACTIVE_EXTERN = 449
ACTIVE_EXTERN_PROVIDERS = 58
RECOGNISED_PROVIDERS = 93
ACTIVE_INTERN = 1127
ACTIVE_INTERN_ORGANISATIONS = 246
TEMP_AGENCIES = 3
ACTIVE_UITZEND = 1

# F10: net expenditure in euro cents per booking period.
EXPENDITURE_CENTS = {
    "K3 2023": 177673749,
    "K4 2023": 570097990,
    "K1 2024": 870320965,
    "K2-K4 2024": 5388947510 - 870320965,
    "2025": 6669965096,
}

# F11: average processing days of new applications, rounded to one decimal.
PROCESSING_DAYS = 5.9

# F12: functional mails handled per month (32 months) and average handling days.
MAILS_HANDLED_PER_MONTH = 400
MAIL_HANDLING_DAYS = 2
