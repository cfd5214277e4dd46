"""The complete true history of the simulated programme, drawn once per seed and scale.

Every table here holds final states plus the dates of each change, so that the writer can
cut a snapshot "as of" any extract date. Random draws are steered so that, at scale 1,
the figures of the March 2026 deck come out exactly (see ``targets.py``); everything the
deck does not pin down gets a plausible distribution.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from imw.brussels_time import dst_changes, utc_to_wall_clock, wall_clock_to_utc
from imw.generator import targets as T
from imw.generator.calendar import (
    DAY,
    d64,
    next_weekday,
    quarter_first_day,
    quarter_index,
    quarter_last_day,
    quarter_start,
    sample_days,
    year,
)
from imw.generator.identifiers import insz_numbers, kbo_numbers
from imw.generator.names import organisation_names, person_names, provider_names

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "seeds" / "reference"
DATA = Path(__file__).resolve().parent / "data"
REF = d64(T.REFERENCE_DATE)
COMPONENTS = ("BEGELEIDINGSPREMIE", "LOONPREMIE", "ONDERSTEUNINGSPREMIE")
START = d64(T.PROGRAMME_START)
EXPIRY_CUTOFF = d64("2024-01-01")  # 2-year premiums starting on or before it end before REF


@dataclass
class Truth:
    applications: pd.DataFrame
    organisations: pd.DataFrame
    organisation_changes: pd.DataFrame
    providers: pd.DataFrame
    coaching: pd.DataFrame
    settlements: pd.DataFrame
    mails: pd.DataFrame
    scale: int
    seed: int


def _scaled(n: float, scale: int) -> int:
    return int(round(n * scale))


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(np.int64)
    rest = total - out.sum()
    out[np.argsort(-(raw - out), kind="stable")[:rest]] += 1
    counts: np.ndarray = out
    return counts


def _distribute(
    rng: np.random.Generator, n_items: int, weights: np.ndarray, minimum_one: bool
) -> np.ndarray:
    """Owner index for n_items, each owner gets one first when minimum_one, rest ∝ weights."""
    owners = np.arange(len(weights))
    if minimum_one:
        rest = rng.choice(owners, size=n_items - len(owners), p=weights / weights.sum())
        out = np.concatenate([owners, rest])
    else:
        out = rng.choice(owners, size=n_items, p=weights / weights.sum())
    rng.shuffle(out)
    return out


# --------------------------------------------------------------------------- applications


def _draw_applications(rng: np.random.Generator, scale: int) -> pd.DataFrame:
    frames = []
    for (yr, q), counts in T.SUBMITTED.items():
        q_first = date(yr, 3 * q - 2, 1)
        q_last = quarter_last_day(quarter_index(np.array([d64(q_first)])))[0].astype(object)
        first = max(q_first, T.FIRST_SUBMISSION_DAY)
        last = min(q_last, T.REFERENCE_DATE)
        for ptype, n in zip(T.TYPES, counts, strict=True):
            n = _scaled(n, scale)
            n_bad = _scaled(n * 0.045, 1)
            kind = np.full(n + n_bad, "NIEUW", dtype=object)
            p_renew = {2023: 0.03, 2024: 0.07, 2025: 0.13, 2026: 0.17}[yr]
            u = rng.random(n + n_bad)
            kind[u < p_renew] = "VERLENGING"
            kind[(u >= p_renew) & (u < p_renew + 0.06)] = "HERZIENING"
            if (yr, q) == (2023, 3):
                share = {"LP": 0.40, "LPBP": 0.30, "OP": 0.40}[ptype]
                kind[: int(round(n * share))] = "OVERNAME"
            submitted = sample_days(rng, first, last, n + n_bad)
            submitted[kind == "OVERNAME"] = START
            frames.append(
                pd.DataFrame(
                    {
                        "premietype": ptype,
                        "aanvraagsoort": kind,
                        "ingediend_op": submitted,
                        "inadmissible": np.arange(n + n_bad) >= n,
                    }
                )
            )
    apps = pd.concat(frames, ignore_index=True)
    # OVERNAME rows are never inadmissible: the carry-over is automatic.
    assert not (apps.inadmissible & (apps.aanvraagsoort == "OVERNAME")).any()
    previous = np.array(["VOP", "SINE", "LDE", "MWA"], dtype=object)
    p_prev = {
        "LP": [0.6, 0.15, 0.15, 0.10],
        "LPBP": [0.3, 0.15, 0.15, 0.40],
        "OP": [1.0, 0.0, 0.0, 0.0],
    }
    apps["vorige_maatregel"] = None
    for ptype, p in p_prev.items():
        mask = (apps.aanvraagsoort == "OVERNAME") & (apps.premietype == ptype)
        apps.loc[mask, "vorige_maatregel"] = rng.choice(previous, size=mask.sum(), p=p)
    return apps


def _candidate_decisions(rng: np.random.Generator, apps: pd.DataFrame) -> np.ndarray:
    sub = apps.ingediend_op.to_numpy("datetime64[D]")
    kind = apps.aanvraagsoort.to_numpy()
    n = len(apps)
    lag_new = 1 + np.floor(rng.gamma(1.7, 2.9, size=n))
    lag_other = 3 + np.floor(rng.gamma(2.0, 11.0, size=n))
    lag_transfer = rng.integers(5, 200, size=n)
    lag = np.where(kind == "NIEUW", lag_new, np.where(kind == "OVERNAME", lag_transfer, lag_other))
    return next_weekday(sub + lag.astype(np.int64) * DAY)


def _assign_decisions(rng: np.random.Generator, apps: pd.DataFrame, scale: int) -> None:
    """Decision dates and statuses with exact approvals per decision year (F2)."""
    apps["status"] = "ONTVANGEN"
    apps["beslist_op"] = pd.NaT
    sub = apps.ingediend_op.to_numpy("datetime64[D]")
    cand = _candidate_decisions(rng, apps)
    bad = apps.inadmissible.to_numpy()

    # Inadmissible rows: decided quickly, and always before the reference date.
    dec_bad = np.minimum(next_weekday(sub + rng.integers(1, 12, size=len(apps)) * DAY), REF)
    dec_bad = np.maximum(dec_bad, sub)
    apps.loc[bad, "beslist_op"] = dec_bad[bad]
    apps.loc[bad, "status"] = "ONONTVANKELIJK"

    approved = {y: _scaled(v, scale) for y, v in T.APPROVED_BY_DECISION_YEAR.items()}
    pending = _scaled(T.PENDING_ON_REFERENCE_DATE, scale)
    n_main = int((~bad).sum())
    not_approved = n_main - sum(approved.values()) - pending
    rejected = dict(
        zip(
            approved,
            _largest_remainder(np.array(list(approved.values()), float), not_approved),
            strict=True,
        )
    )

    unassigned = ~bad
    dec = np.full(len(apps), np.datetime64("NaT"), dtype="datetime64[D]")
    decided_in = np.zeros(len(apps), dtype=np.int64)
    for yr in sorted(approved):
        first = d64(date(yr, 1, 1))
        last = min(d64(date(yr, 12, 31)), REF)
        eligible = np.flatnonzero(unassigned & (sub <= last))
        order = eligible[np.argsort(cand[eligible], kind="stable")]
        take = order[: approved[yr] + rejected[yr]]
        assert len(take) == approved[yr] + rejected[yr], "not enough submissions to decide"
        c = cand[take]
        early = c < first  # overflow of the previous year, decided in the first days of January
        c = np.where(early, next_weekday(first + rng.integers(1, 9, size=len(c)) * DAY), c)
        late = c > last  # pulled into this year: decided in its last days
        pulled = last - rng.integers(0, 8, size=len(c)) * DAY
        c = np.where(late, pulled, c)
        c = np.clip(np.maximum(c, sub[take]), first, last)
        dec[take] = c
        decided_in[take] = yr
        unassigned[take] = False
    assert unassigned.sum() == pending, (unassigned.sum(), pending)

    status = apps.status.to_numpy().copy()
    kind = apps.aanvraagsoort.to_numpy()
    for yr in sorted(approved):
        pool = np.flatnonzero((decided_in == yr) & (kind != "OVERNAME"))
        refused = rng.choice(pool, size=rejected[yr], replace=False)
        chosen = np.flatnonzero(decided_in == yr)
        status[chosen] = "GOEDGEKEURD"
        status[refused] = np.where(rng.random(len(refused)) < 0.6, "GEWEIGERD", "INGETROKKEN")
    main = ~bad
    apps.loc[main, "status"] = status[main]
    dec_all = np.where(bad, apps.beslist_op.to_numpy("datetime64[D]"), dec)
    apps["beslist_op"] = dec_all
    _calibrate_processing_time(rng, apps)
    _decision_before_submission_quirk(rng, apps, scale)


def _calibrate_processing_time(rng: np.random.Generator, apps: pd.DataFrame) -> None:
    """Nudges mid-year decisions of new applications so that F11 rounds to 5,9 days."""
    sub = apps.ingediend_op.to_numpy("datetime64[D]")
    dec = apps.beslist_op.to_numpy("datetime64[D]")
    in_scope = (
        (apps.aanvraagsoort == "NIEUW").to_numpy()
        & apps.status.isin(["GOEDGEKEURD", "GEWEIGERD"]).to_numpy()
        & (sub >= START)
        & (sub <= REF)
    )
    lag = (dec - sub).astype(np.int64)
    target_sum = int(round(T.PROCESSING_DAYS * in_scope.sum()))
    diff = target_sum - int(lag[in_scope].sum())
    month = dec.astype("datetime64[M]").astype(np.int64) % 12 + 1
    movable = in_scope & (month >= 2) & (month <= 11) & (dec < REF - 7 * DAY)
    if diff < 0:
        movable &= lag >= 2
    idx = np.flatnonzero(movable)
    steps = abs(diff)
    chosen = rng.choice(idx, size=steps, replace=steps > len(idx))
    np.add.at(dec, chosen, np.sign(diff) * DAY)
    apps["beslist_op"] = dec


def _decision_before_submission_quirk(
    rng: np.random.Generator, apps: pd.DataFrame, scale: int
) -> None:
    """A few refused revisions carry a decision date before their submission (data entry)."""
    pool = np.flatnonzero(
        (apps.aanvraagsoort == "HERZIENING").to_numpy()
        & (apps.status == "GEWEIGERD").to_numpy()
        & (apps.ingediend_op.dt.month.between(3, 10)).to_numpy()
    )
    chosen = rng.choice(pool, size=min(len(pool), 3 * scale), replace=False)
    dec = apps.beslist_op.to_numpy("datetime64[D]")
    sub = apps.ingediend_op.to_numpy("datetime64[D]")
    dec[chosen] = sub[chosen] - rng.integers(1, 4, size=len(chosen)) * DAY
    apps["beslist_op"] = dec


def _assign_premiums(rng: np.random.Generator, apps: pd.DataFrame, scale: int) -> None:
    """Premium periods; exactly the F3 number of premiums per type active on REF."""
    n = len(apps)
    approved = (apps.status == "GOEDGEKEURD").to_numpy()
    dec = apps.beslist_op.to_numpy("datetime64[D]")
    kind = apps.aanvraagsoort.to_numpy()
    start = np.where(kind == "OVERNAME", START, quarter_start(dec))
    start = np.where(approved, start, np.datetime64("NaT"))
    active = np.zeros(n, dtype=bool)
    for ptype in T.TYPES:
        pool = np.flatnonzero(approved & (apps.premietype == ptype).to_numpy())
        n_active = _scaled(T.ACTIVE[ptype], scale)
        w = np.where(start[pool] <= EXPIRY_CUTOFF, 1.0, 4.0)
        chosen = rng.choice(pool, size=n_active, replace=False, p=w / w.sum())
        active[chosen] = True
    inactive = approved & ~active

    years = np.where(rng.random(n) < 0.4, 2, 5)
    early = start <= EXPIRY_CUTOFF
    # Active: a 2-year premium started on or before the cutoff would have ended.
    years = np.where(active & early, 5, years)
    expire = inactive & early & (rng.random(n) < 0.65)
    years = np.where(expire, 2, years)
    years = np.where(inactive & ~expire & ~early, 5, years)
    years = np.where(inactive & ~expire & early, 5, years)
    end = (start.astype("datetime64[M]") + years * 12).astype("datetime64[D]") - DAY
    open_ended = active & (kind == "OVERNAME") & (rng.random(n) < 0.05)
    end = np.where(open_ended, np.datetime64("NaT"), end)

    stop_span = np.maximum((REF - (start + 45 * DAY)).astype(np.int64), 0)
    stop = start + 45 * DAY + (rng.random(n) * (stop_span + 1)).astype(np.int64) * DAY
    stop_needed = inactive & ~expire
    stop = np.where(stop_needed, stop, np.datetime64("NaT"))

    pct_values = np.arange(20, 80, 5)
    pct_weights = np.array([6, 5, 10, 8, 20, 9, 10, 9, 7, 5, 5, 6], float)
    pct = rng.choice(pct_values, size=n, p=pct_weights / pct_weights.sum()).astype(float)
    pct = np.where(approved & (apps.premietype != "OP").to_numpy(), pct, np.nan)
    # The percentage is known from the application for LP/LPBP, also before the decision.
    pct = np.where(
        ~approved & (apps.premietype != "OP").to_numpy() & (rng.random(n) < 0.7),
        rng.choice(pct_values, size=n),
        pct,
    )

    apps["premie_start"] = start
    apps["premie_einde"] = np.where(approved, end, np.datetime64("NaT"))
    apps["premie_stopgezet_op"] = stop
    apps["loonpremie_pct"] = pct
    apps["active_on_ref"] = _active_on(apps, REF)
    assert (apps.active_on_ref == active).all()


def _active_on(apps: pd.DataFrame, day: np.datetime64) -> np.ndarray:
    start = apps.premie_start.to_numpy("datetime64[D]")
    end = apps.premie_einde.to_numpy("datetime64[D]")
    stop = apps.premie_stopgezet_op.to_numpy("datetime64[D]")
    active: np.ndarray = (
        (apps.status == "GOEDGEKEURD").to_numpy()
        & (start <= day)
        & (np.isnat(end) | (end >= day))
        & (np.isnat(stop) | (stop > day))
    )
    return active


# ---------------------------------------------------------------------------- organisations


def _read_places(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    places = pd.read_csv(DATA / "places.csv", sep=";", dtype=str, keep_default_na=False)
    places["weight"] = places.weight.astype(float)
    foreign = pd.read_csv(DATA / "foreign_places.csv", sep=";", dtype=str, keep_default_na=False)
    foreign["weight"] = foreign.weight.astype(float)
    return places, foreign


def _read_subclasses() -> pd.DataFrame:
    """The subclasses organisations are drawn from: a profile of subclasses common
    among IMW employers (data/nace_profile.csv), each checked against the official
    NACE-BEL 2008 list (the seed generated from the KBO's code tables), so the simulator
    writes valid codes only."""
    with open(SEEDS / "ref_nace_subclasses.csv", encoding="utf-8") as fh:
        official = {row["subclass_code"]: row["division_code"] for row in csv.DictReader(fh)}
    with open(DATA / "nace_profile.csv", encoding="utf-8") as fh:
        profile = [row["subclass_code"] for row in csv.DictReader(fh)]
    invalid = sorted(set(profile) - set(official))
    if invalid:
        raise ValueError(f"nace_profile.csv has codes NACE-BEL 2008 does not: {invalid}")
    frame = pd.DataFrame(
        {"subclass_code": profile, "division_code": [official[c] for c in profile]}
    )
    return frame.sort_values("subclass_code").reset_index(drop=True)


def _division_targets(subclasses: pd.DataFrame, total: int, scale: int) -> dict[str, int]:
    """F7: exact counts for the top 4 divisions, a plausible tail below them."""
    top = {d: _scaled(n, scale) for d, n in T.DIVISION_TOP}
    unknown = _scaled(T.DIVISION_UNKNOWN, scale)
    divisions = sorted(set(subclasses.division_code) - set(top))
    # Tail weights: a fixed, plausible profile; divisions not named get a small weight.
    profile = {
        "47": 9,
        "43": 8,
        "56": 7.5,
        "87": 6.5,
        "85": 5.5,
        "84": 5,
        "10": 4,
        "49": 3.8,
        "41": 3.4,
        "45": 3.1,
        "96": 2.9,
        "82": 2.8,
        "62": 2.3,
        "78": 2.2,
        "94": 2.1,
        "38": 1.9,
        "52": 1.7,
        "93": 1.5,
        "55": 1.4,
        "68": 1.2,
        "70": 1.2,
    }
    w = np.array([profile.get(d, 0.45) for d in divisions])
    tail_total = total - sum(top.values()) - unknown
    tail = _largest_remainder(w, tail_total)
    assert tail.max() < min(top.values())
    out = dict(top)
    out.update(dict(zip(divisions, tail.tolist(), strict=True)))
    out[""] = unknown
    return out


@dataclass
class _Employers:
    """The employers (organisations of the wage premiums LP and LPBP) before the
    applications are linked to them. Ids 0..: Belgian active, foreign active, Belgian
    inactive, foreign inactive ("active": with an active wage premium on the reference
    date); the self-employed of OP come after them."""

    active: int  # organisations with an active wage premium
    belgian_active: int
    count: int  # all employers
    is_foreign: np.ndarray  # per employer
    size: np.ndarray  # per employer: bigger ones get more applications
    foreign_pattern: np.ndarray  # active LP applications per foreign active employer


def _assign_organisations(
    rng: np.random.Generator, apps: pd.DataFrame, scale: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Links every application to its organisation (`apps.org`, in place) and returns the
    organisations' final states and their earlier states (`_organisation_changes`)."""
    subclasses = _read_subclasses()
    places, foreign_places = _read_places(rng)
    employers = _draw_employers(rng, scale)
    lpbp_orgs = _link_wage_premiums(rng, apps, employers, scale)
    n_orgs = _link_self_employed(rng, apps, employers)
    nace, maatwerk = _coaching_employer_sectors(rng, subclasses, lpbp_orgs, n_orgs, scale)
    _other_sectors(rng, subclasses, employers, lpbp_orgs, nace, maatwerk, scale)
    orgs = _organisation_frame(
        rng,
        apps,
        employers,
        nace,
        maatwerk,
        _head_offices(rng, employers, n_orgs, places, foreign_places),
    )
    changes = _organisation_changes(rng, orgs, places, subclasses, employers.count)
    return orgs, changes


def _draw_employers(rng: np.random.Generator, scale: int) -> _Employers:
    """How many employers of each kind (the targets of F3/F5/F6) and their sizes."""
    n_active_orgs = _scaled(T.WAGE_PREMIUM_ORGANISATIONS, scale)
    foreign_pattern = np.tile(np.array(T.ACTIVE_LP_FOREIGN), scale)
    n_foreign_active = len(foreign_pattern)
    n_inactive_orgs = _scaled(690, scale)
    n_foreign_inactive = 3 * scale
    n_belgian_active = n_active_orgs - n_foreign_active
    n_employers = n_active_orgs + n_inactive_orgs
    is_foreign = np.zeros(n_employers, dtype=bool)
    is_foreign[n_belgian_active:n_active_orgs] = True
    is_foreign[n_employers - n_foreign_inactive :] = True
    size = rng.lognormal(0.0, 1.15, size=n_employers)
    return _Employers(
        n_active_orgs, n_belgian_active, n_employers, is_foreign, size, foreign_pattern
    )


def _link_wage_premiums(
    rng: np.random.Generator, apps: pd.DataFrame, employers: _Employers, scale: int
) -> np.ndarray:
    """`apps.org` of the LP and LPBP applications (in place; the others -1); returns the
    employers with an active LPBP."""
    n = len(apps)
    ptype = apps.premietype.to_numpy()
    active = apps.active_on_ref.to_numpy()
    wage = ptype != "OP"
    size = employers.size
    org = np.full(n, -1, dtype=np.int64)
    # Active LPBP: 182 organisations, bigger ones more likely.
    belgian_active = np.arange(employers.belgian_active)
    p = size[belgian_active] / size[belgian_active].sum()
    n_lpbp_orgs = _scaled(T.COACHING_PREMIUM_ORGANISATIONS, scale)
    lpbp_orgs = rng.choice(belgian_active, size=n_lpbp_orgs, replace=False, p=p)
    idx = np.flatnonzero(active & (ptype == "LPBP"))
    org[idx] = lpbp_orgs[_distribute(rng, len(idx), size[lpbp_orgs], minimum_one=True)]
    # Active LP: foreign pattern, one for every other Belgian active org, rest ∝ size.
    idx = rng.permutation(np.flatnonzero(active & (ptype == "LP")))
    foreign_ids = np.arange(employers.belgian_active, employers.active)
    k = int(employers.foreign_pattern.sum())
    org[idx[:k]] = np.repeat(foreign_ids, employers.foreign_pattern)
    rest = idx[k:]
    others = np.setdiff1d(belgian_active, lpbp_orgs)
    org[rest[: len(others)]] = rng.permutation(others)
    rest = rest[len(others) :]
    org[rest] = rng.choice(belgian_active, size=len(rest), p=p)
    # Everything else of LP/LPBP: each inactive organisation gets one, the rest anywhere.
    idx = rng.permutation(np.flatnonzero(wage & ~active))
    inactive_ids = np.arange(employers.active, employers.count)
    org[idx[: len(inactive_ids)]] = inactive_ids
    rest = idx[len(inactive_ids) :]
    org[rest] = rng.choice(employers.count, size=len(rest), p=size / size.sum())
    apps["org"] = org
    return lpbp_orgs


def _link_self_employed(rng: np.random.Generator, apps: pd.DataFrame, employers: _Employers) -> int:
    """`apps.org` of the OP applications (in place): every new self-employed person is an
    enterprise of its own, renewals reuse it. Returns the number of organisations."""
    org = apps.org.to_numpy().copy()
    op_idx = np.flatnonzero(apps.premietype.to_numpy() == "OP")
    op_idx = op_idx[np.argsort(apps.ingediend_op.to_numpy()[op_idx], kind="stable")]
    renew = np.isin(apps.aanvraagsoort.to_numpy()[op_idx], ["VERLENGING", "HERZIENING"])
    renew[0] = False
    new_ids = employers.count + np.cumsum(~renew) - 1
    earlier = (rng.random(len(op_idx)) * np.arange(len(op_idx))).astype(np.int64)
    op_org = new_ids.copy()
    op_org[renew] = new_ids[earlier[renew]]
    op_org[renew] = op_org[earlier[renew]]  # follow one level of renewal chains
    org[op_idx] = op_org
    assert (org >= 0).all()
    apps["org"] = org
    return int(new_ids.max()) + 1 if len(op_idx) else employers.count


def _coaching_employer_sectors(
    rng: np.random.Generator,
    subclasses: pd.DataFrame,
    lpbp_orgs: np.ndarray,
    n_orgs: int,
    scale: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(NACE subclass, is sheltered workshop) per organisation, filled in for the employers
    with an active LPBP (F8: the top classes and the sheltered workshops, the rest spread
    with at most CLASS_OTHER_MAX per class); the other organisations still empty."""
    nace = np.full(n_orgs, "", dtype=object)
    maatwerk = np.zeros(n_orgs, dtype=bool)
    lpbp_set = lpbp_orgs[rng.permutation(len(lpbp_orgs))]
    pos = 0
    for code, count in T.CLASS_TOP:
        chosen = lpbp_set[pos : pos + _scaled(count, scale)]
        pos += len(chosen)
        if code == "MAATWERKBEDRIJF":
            maatwerk[chosen] = True
            nace[chosen] = rng.choice(
                np.array(["81210", "81300", "82920", "38110", "88109"]), size=len(chosen)
            )
        else:
            nace[chosen] = code
    rest = lpbp_set[pos:]
    excluded = {c for c, _ in T.CLASS_TOP}
    candidates = [c for c in subclasses.subclass_code if c not in excluded]
    cap = T.CLASS_OTHER_MAX * scale
    counts = dict.fromkeys(candidates, 0)
    preferred = [
        c
        for c in candidates
        if c[:2] in {"88", "86", "87", "81", "85", "56", "47", "10", "84", "43"}
    ]
    for i, o in enumerate(rest):
        pool = preferred if i % 3 else candidates
        c = pool[rng.integers(0, len(pool))]
        while counts[c] >= cap:
            c = pool[rng.integers(0, len(pool))]
        counts[c] += 1
        nace[o] = c
    return nace, maatwerk


def _other_sectors(
    rng: np.random.Generator,
    subclasses: pd.DataFrame,
    employers: _Employers,
    lpbp_orgs: np.ndarray,
    nace: np.ndarray,
    maatwerk: np.ndarray,
    scale: int,
) -> None:
    """The sectors of the other organisations, in place: the other active ones fill each
    division up to its F7 target; the rest anything, a few unknown or beyond the profile;
    a few more sheltered workshops among the active ones."""
    by_div = subclasses.groupby("division_code").subclass_code.apply(np.array).to_dict()
    div_target = _division_targets(subclasses, employers.active, scale)
    used = pd.Series([c[:2] for c in nace[lpbp_orgs]]).value_counts().to_dict()
    quota = []
    for div, target in div_target.items():
        left = target - used.get(div, 0)
        assert left >= 0, (div, target, used.get(div))
        quota += [div] * left
    active_others = np.setdiff1d(np.arange(employers.active), lpbp_orgs)
    assert len(quota) == len(active_others)
    divs = np.array(quota, dtype=object)[rng.permutation(len(quota))]
    for div in sorted(set(quota)):
        members = active_others[divs == div]
        if div == "":
            continue
        nace[members] = rng.choice(by_div[div], size=len(members))
    # Organisations without an active wage premium: anything, a few unknown codes.
    rest_orgs = np.arange(employers.active, len(nace))
    all_codes = subclasses.subclass_code.to_numpy()
    nace[rest_orgs] = rng.choice(all_codes, size=len(rest_orgs))
    unknown = rest_orgs[rng.random(len(rest_orgs)) < 0.01]
    nace[unknown] = ""
    # A few valid codes outside the profile (the spec allows any of the 943 subclasses).
    beyond_profile = rest_orgs[rng.random(len(rest_orgs)) < 0.002]
    nace[beyond_profile] = np.resize(np.array(T.CODES_BEYOND_PROFILE), len(beyond_profile))
    extra_maatwerk = rng.choice(active_others, size=_scaled(21, scale), replace=False)
    maatwerk[extra_maatwerk] = True


@dataclass
class _HeadOffices:
    """Where each organisation has its head office (final state)."""

    is_foreign: np.ndarray
    postcode: np.ndarray
    gemeente: np.ndarray
    land: np.ndarray


def _head_offices(
    rng: np.random.Generator,
    employers: _Employers,
    n_orgs: int,
    places: pd.DataFrame,
    foreign_places: pd.DataFrame,
) -> _HeadOffices:
    """A Belgian place for each organisation, a foreign one for the foreign employers
    (the self-employed are Belgian), weighted by the places' weights."""
    n_op = n_orgs - employers.count
    is_foreign_all = np.concatenate([employers.is_foreign, np.zeros(n_op, dtype=bool)])
    pl = places.iloc[rng.choice(len(places), size=n_orgs, p=places.weight / places.weight.sum())]
    fp = foreign_places.iloc[
        rng.choice(
            len(foreign_places), size=n_orgs, p=foreign_places.weight / foreign_places.weight.sum()
        )
    ]
    return _HeadOffices(
        is_foreign=is_foreign_all,
        postcode=np.where(is_foreign_all, fp.postcode.to_numpy(), pl.postcode.to_numpy()),
        gemeente=np.where(is_foreign_all, fp.gemeente.to_numpy(), pl.gemeente.to_numpy()),
        land=np.where(is_foreign_all, fp.country.to_numpy(), "BE"),
    )


def _organisation_frame(
    rng: np.random.Generator,
    apps: pd.DataFrame,
    employers: _Employers,
    nace: np.ndarray,
    maatwerk: np.ndarray,
    offices: _HeadOffices,
) -> pd.DataFrame:
    """One row per organisation (final state): ids, numbers, names and the per-record
    formatting quirks the writer applies."""
    n_orgs = len(nace)
    n_op = n_orgs - employers.count
    is_foreign_all = offices.is_foreign
    first_sub = apps.groupby("org").ingediend_op.min().reindex(range(n_orgs))
    created = first_sub.to_numpy("datetime64[D]")
    kbo = kbo_numbers(rng, n_orgs, invalid_share=0.001)
    names = organisation_names(rng, n_orgs)
    names[employers.count :] = person_names(rng, n_op)
    foreign_numbers = np.array(
        [f"{c}{rng.integers(10**8, 10**9)}" for c in offices.land[is_foreign_all]], dtype=object
    )
    buitenlands = np.full(n_orgs, None, dtype=object)
    buitenlands[is_foreign_all] = foreign_numbers
    return pd.DataFrame(
        {
            "org": np.arange(n_orgs),
            "organisatie_id": [f"ORG{i + 1:07d}" for i in rng.permutation(n_orgs)],
            "kbo": np.where(is_foreign_all, -1, kbo),
            "kbo_style": rng.choice(3, size=n_orgs, p=[0.5, 0.35, 0.15]),
            "buitenlands_nummer": buitenlands,
            "naam": names,
            "nace_code": nace,
            "nace_dotted": rng.random(n_orgs) < 0.5,
            "is_maatwerkbedrijf": maatwerk,
            "postcode": offices.postcode,
            "gemeente": offices.gemeente,
            "land": offices.land,
            "created": created,
            "postcode_spaces": rng.random(n_orgs) < 0.02,
            "land_lowercase": rng.random(n_orgs) < 0.02,
        }
    )


def _organisation_changes(
    rng: np.random.Generator,
    orgs: pd.DataFrame,
    places: pd.DataFrame,
    subclasses: pd.DataFrame,
    n_employers: int,
) -> pd.DataFrame:
    """Earlier states: some organisations moved their head office (within Belgium), changed
    NACE code or became a maatwerkbedrijf. Each row is the state valid *before* changed_on."""
    n = len(orgs)
    created = orgs.created.to_numpy("datetime64[D]")
    span = (REF - created).astype(np.int64)
    belgian = (orgs.land == "BE").to_numpy() & (span > 60)
    frames = []
    for what, share in (("move", 0.05), ("nace", 0.03), ("maatwerk", 0.01)):
        mask = belgian & (rng.random(n) < share)
        if what == "maatwerk":
            mask &= orgs.is_maatwerkbedrijf.to_numpy()
        if what == "nace":
            mask &= orgs.nace_code.to_numpy() != ""
        idx = np.flatnonzero(mask)
        when = created[idx] + (20 + rng.random(len(idx)) * (span[idx] - 20)).astype(np.int64) * DAY
        frame = orgs.iloc[idx][
            ["org", "postcode", "gemeente", "nace_code", "is_maatwerkbedrijf"]
        ].copy()
        frame["changed_on"] = when
        if what == "move":
            old = places.iloc[
                rng.choice(len(places), size=len(idx), p=places.weight / places.weight.sum())
            ]
            frame["postcode"] = old.postcode.to_numpy()
            frame["gemeente"] = old.gemeente.to_numpy()
        elif what == "nace":
            frame["nace_code"] = rng.choice(subclasses.subclass_code.to_numpy(), size=len(idx))
        else:
            frame["is_maatwerkbedrijf"] = False
        frame["kind"] = what
        frames.append(frame)
    changes: pd.DataFrame = pd.concat(frames, ignore_index=True)
    return changes


def _persons(rng: np.random.Generator, apps: pd.DataFrame, scale: int) -> None:
    """One worker per application; renewals and revisions concern an earlier worker of the
    same employer where there is one."""
    n = len(apps)
    order = np.lexsort((apps.ingediend_op.to_numpy(), apps.org.to_numpy()))
    person = np.arange(n)
    kind = apps.aanvraagsoort.to_numpy()[order]
    org_sorted = apps.org.to_numpy()[order]
    same_org_before = np.r_[False, org_sorted[1:] == org_sorted[:-1]]
    renew = np.isin(kind, ["VERLENGING", "HERZIENING"]) & same_org_before
    src = np.where(renew, np.arange(n) - 1, np.arange(n))
    # resolve chains of consecutive renewals to their first application
    for _ in range(6):
        src = src[src]
    person_sorted = person[order][src]
    person[order] = person_sorted
    uniq, inverse = np.unique(person, return_inverse=True)
    birth = d64("1960-01-01") + rng.integers(0, 365 * 47, size=len(uniq)) * DAY
    insz = insz_numbers(rng, birth, invalid_share=0.0005)
    apps["insz"] = insz[inverse]
    apps["insz_formatted"] = rng.random(n) < 0.3


# -------------------------------------------------------------------------------- providers


def _providers(rng: np.random.Generator, scale: int) -> pd.DataFrame:
    n_rec = _scaled(T.RECOGNISED_PROVIDERS, scale)
    n_rec_old = _scaled(7, scale)
    n_tmp = _scaled(T.TEMP_AGENCIES, scale)
    n_tmp_old = scale
    kinds = ["ERKEND"] * (n_rec + n_rec_old) + ["UITZEND"] * (n_tmp + n_tmp_old)
    n = len(kinds)
    vanaf = np.where(
        rng.random(n) < 0.7,
        START,
        sample_days(rng, date(2023, 7, 1), date(2024, 12, 31), n, weekend=0),
    )
    tot = (vanaf.astype("datetime64[M]") + 60).astype("datetime64[D]") - DAY
    open_ended = rng.random(n) < 0.15
    tot = np.where(open_ended, np.datetime64("NaT"), tot)
    expired = np.r_[
        np.zeros(n_rec, bool),
        np.ones(n_rec_old, bool),
        np.zeros(n_tmp, bool),
        np.ones(n_tmp_old, bool),
    ]
    vanaf = np.where(expired, START, vanaf)
    tot = np.where(expired, sample_days(rng, date(2024, 6, 30), date(2025, 12, 31), n), tot)
    names = np.concatenate(
        [
            provider_names(rng, n_rec + n_rec_old, temp_agency=False),
            provider_names(rng, n_tmp + n_tmp_old, temp_agency=True),
        ]
    )
    postcode = np.array(
        [
            f"{p}"
            for p in rng.choice(
                [1000, 1800, 2000, 2300, 2800, 3000, 3500, 8000, 8500, 9000, 9300, 9100], size=n
            )
        ]
    )
    frame = pd.DataFrame(
        {
            "soort": kinds,
            "naam": names,
            "kbo": kbo_numbers(rng, n, invalid_share=0.0),
            "kbo_style": rng.choice(3, size=n, p=[0.6, 0.3, 0.1]),
            "erkend_vanaf": vanaf,
            "erkend_tot": tot,
            "postcode": postcode,
            "expired": expired,
        }
    )
    perm = rng.permutation(n)
    frame["dienstverlener_id"] = [f"DV{i + 1:04d}" for i in perm]
    return frame


# --------------------------------------------------------------------------------- coaching


def _coaching(
    rng: np.random.Generator, apps: pd.DataFrame, providers: pd.DataFrame, scale: int
) -> pd.DataFrame:
    active = apps.active_on_ref.to_numpy()
    ptype = apps.premietype.to_numpy()
    org = apps.org.to_numpy()
    wage_active = np.flatnonzero(active & (ptype != "OP"))
    used = np.zeros(len(apps), dtype=bool)

    # INTERN: 246 organisations with several active wage premiums run 1,127 trajectories.
    per_org = pd.Series(org[wage_active]).value_counts()
    candidates = per_org[per_org >= 3].index.to_numpy()
    weights = per_org.loc[candidates].to_numpy(float)
    n_intern_orgs = _scaled(T.ACTIVE_INTERN_ORGANISATIONS, scale)
    n_intern = _scaled(T.ACTIVE_INTERN, scale)
    intern_orgs = rng.choice(
        candidates, size=n_intern_orgs, replace=False, p=weights / weights.sum()
    )
    pool = wage_active[np.isin(org[wage_active], intern_orgs)]
    pool = pool[rng.permutation(len(pool))]
    first_per_org = pool[np.unique(org[pool], return_index=True)[1]]
    others = np.setdiff1d(pool, first_per_org)
    assert len(first_per_org) + len(others) >= n_intern
    intern_apps = np.concatenate(
        [first_per_org, rng.choice(others, size=n_intern - len(first_per_org), replace=False)]
    )
    used[intern_apps] = True

    # EXTERN: 449 trajectories, mostly with a coaching premium, by 58 providers.
    n_extern = _scaled(T.ACTIVE_EXTERN, scale)
    free = wage_active[~used[wage_active]]
    w = np.where(ptype[free] == "LPBP", 6.0, 1.0)
    extern_apps = rng.choice(free, size=n_extern, replace=False, p=w / w.sum())
    used[extern_apps] = True
    recognised = np.flatnonzero(((providers.soort == "ERKEND") & ~providers.expired).to_numpy())
    busy = rng.choice(recognised, size=_scaled(T.ACTIVE_EXTERN_PROVIDERS, scale), replace=False)
    pw = rng.lognormal(0, 0.8, size=len(busy))
    extern_prov = busy[_distribute(rng, n_extern, pw, minimum_one=True)]

    # UITZEND: one active trajectory by a registered temp agency.
    n_uitzend = _scaled(T.ACTIVE_UITZEND, scale)
    free = wage_active[~used[wage_active]]
    uitzend_apps = rng.choice(free, size=n_uitzend, replace=False)
    used[uitzend_apps] = True
    agencies = np.flatnonzero(((providers.soort == "UITZEND") & ~providers.expired).to_numpy())
    uitzend_prov = rng.choice(agencies, size=n_uitzend)

    # Ended trajectories: coaching of premiums that ended, and earlier trajectories.
    approved = np.flatnonzero((apps.status == "GOEDGEKEURD").to_numpy() & (ptype != "OP"))
    ended_apps = rng.choice(approved, size=_scaled(1500, scale), replace=False)
    ended_form = rng.choice(
        np.array(["INTERN", "EXTERN", "UITZEND"]), size=len(ended_apps), p=[0.58, 0.415, 0.005]
    )
    all_erkend = np.flatnonzero((providers.soort == "ERKEND").to_numpy())
    all_uitzend = np.flatnonzero((providers.soort == "UITZEND").to_numpy())
    ended_prov = np.where(
        ended_form == "EXTERN",
        rng.choice(all_erkend, size=len(ended_apps)),
        np.where(ended_form == "UITZEND", rng.choice(all_uitzend, size=len(ended_apps)), -1),
    )

    app_idx = np.concatenate([intern_apps, extern_apps, uitzend_apps, ended_apps])
    form = np.concatenate(
        [
            np.full(len(intern_apps), "INTERN"),
            np.full(len(extern_apps), "EXTERN"),
            np.full(len(uitzend_apps), "UITZEND"),
            ended_form,
        ]
    ).astype(object)
    prov = np.concatenate([np.full(len(intern_apps), -1), extern_prov, uitzend_prov, ended_prov])
    is_active = np.arange(len(app_idx)) < len(intern_apps) + len(extern_apps) + len(uitzend_apps)

    pstart = apps.premie_start.to_numpy("datetime64[D]")[app_idx]
    pend = apps.premie_einde.to_numpy("datetime64[D]")[app_idx]
    pstop = apps.premie_stopgezet_op.to_numpy("datetime64[D]")[app_idx]
    dec = apps.beslist_op.to_numpy("datetime64[D]")[app_idx]
    vanaf = np.where(prov >= 0, providers.erkend_vanaf.to_numpy("datetime64[D]")[prov], START)
    tot = np.where(
        prov >= 0, providers.erkend_tot.to_numpy("datetime64[D]")[prov], np.datetime64("NaT")
    )
    earliest = np.maximum(np.maximum(pstart, vanaf), np.minimum(dec, REF))
    start = earliest + rng.integers(0, 45, size=len(app_idx)) * DAY
    start = np.minimum(start, REF)
    # ended ones: last day before the premium's end/stop, the provider's end and REF
    premium_last = np.fmin(np.fmin(pend, pstop), REF - DAY)
    limit = np.fmin(premium_last, np.where(np.isnat(tot), REF - DAY, tot))
    start = np.where(is_active, start, np.minimum(start, limit - 10 * DAY))
    length = (30 + rng.gamma(2.0, 120, size=len(app_idx))).astype(np.int64)
    end = np.minimum(start + length * DAY, limit)
    end = np.where(is_active, np.datetime64("NaT"), end)
    # An ended trajectory that cannot fit after the decision and the provider's recognition
    # and before its premium's (or provider's) end did not happen.
    fits = is_active | (start >= earliest)
    app_idx, form, prov, start, end = (x[fits] for x in (app_idx, form, prov, start, end))
    frame = pd.DataFrame(
        {
            "app": app_idx,
            "vorm": form,
            "prov": prov,
            "start": start,
            "einde": end,
        }
    )
    frame = frame.sort_values(["start", "app"], kind="stable").reset_index(drop=True)
    frame["begeleiding_no"] = np.arange(1, len(frame) + 1)
    return frame


# ------------------------------------------------------------------------------ settlements


def _settlements(rng: np.random.Generator, apps: pd.DataFrame, scale: int) -> pd.DataFrame:
    approved = np.flatnonzero((apps.status == "GOEDGEKEURD").to_numpy())
    start = apps.premie_start.to_numpy("datetime64[D]")[approved]
    end = apps.premie_einde.to_numpy("datetime64[D]")[approved]
    stop = apps.premie_stopgezet_op.to_numpy("datetime64[D]")[approved]
    last_day = np.fmin(np.fmin(end, stop - DAY), REF + 120 * DAY)
    q0 = quarter_index(start)
    q1 = quarter_index(last_day)
    nq = np.maximum(q1 - q0 + 1, 0)
    rep = np.repeat(np.arange(len(approved)), nq)
    offset = np.arange(nq.sum()) - np.repeat(np.cumsum(nq) - nq, nq)
    q = q0[rep] + offset
    app = approved[rep]
    # integer type codes: comparing millions of Python strings is slow
    type_code = pd.Categorical(apps.premietype, categories=list(T.TYPES)).codes
    ptype = type_code[app]
    is_op, is_lpbp = ptype == T.TYPES.index("OP"), ptype == T.TYPES.index("LPBP")
    qfirst = quarter_first_day(q)
    qlast = quarter_last_day(q)
    pfrom = np.maximum(qfirst, start[rep])
    pto = np.minimum(qlast, last_day[rep])
    days = (pto - pfrom).astype(np.int64) + 1
    fraction = days / ((qlast - qfirst).astype(np.int64) + 1)

    # Per premium: a reference wage (part-time pro rata) and the coaching need.
    n_app = len(apps)
    wage = np.clip(rng.normal(1900, 380, size=n_app), 1200, 4100)
    fte = rng.choice(
        np.array([0.5, 0.6, 0.75, 0.8, 1.0]), size=n_app, p=[0.25, 0.1, 0.2, 0.15, 0.3]
    )
    pct = apps.loonpremie_pct.fillna(0).to_numpy() / 100
    op_pct = rng.choice(np.arange(20, 60, 5), size=n_app) / 100
    coaching_extra = rng.choice(np.array([0, 150, 300, 450]), size=n_app)
    quarter_no = offset  # 0 for the first quarter of the premium

    lp_amount = wage[app] * fte[app] * pct[app] * 3 * fraction
    bp_amount = (np.where(quarter_no < 5, 1200.0, 600.0) + coaching_extra[app]) * fraction
    op_amount = 1750.0 * op_pct[app] * 3 * fraction
    # component codes index COMPONENTS (alphabetical, so sorting on them sorts on the names)
    component = np.where(is_op, 2, 1).astype(np.int8)
    amount = np.where(is_op, op_amount, lp_amount)
    # LPBP premiums get a second booking for the coaching premium.
    bp = is_lpbp
    rows = {
        "app": np.concatenate([app, app[bp]]),
        "component": np.concatenate([component, np.zeros(bp.sum(), dtype=np.int8)]),
        "periode_van": np.concatenate([pfrom, pfrom[bp]]),
        "periode_tot": np.concatenate([pto, pto[bp]]),
        "amount": np.concatenate([amount, bp_amount[bp]]),
        "qlast": np.concatenate([qlast, qlast[bp]]),
    }
    frame = pd.DataFrame(rows)
    lag = rng.integers(-50, 65, size=len(frame))
    frame["geboekt_op"] = next_weekday(frame.qlast.to_numpy("datetime64[D]") + lag * DAY)
    frame["geboekt_op"] = np.maximum(
        frame.geboekt_op.to_numpy("datetime64[D]"), frame.periode_van.to_numpy("datetime64[D]")
    )
    # nothing is paid before the premium is granted
    decided = apps.beslist_op.to_numpy("datetime64[D]")[frame.app.to_numpy()]
    frame["geboekt_op"] = np.maximum(
        frame.geboekt_op.to_numpy("datetime64[D]"), next_weekday(decided + 3 * DAY)
    )
    frame["cents"] = np.round(frame.amount.to_numpy() * 100).astype(np.int64)
    frame["corrects"] = -1
    frame = frame[frame.geboekt_op.to_numpy("datetime64[D]") <= REF].reset_index(drop=True)

    # Corrections: a negative booking referring to the booking it corrects.
    corr_src = np.flatnonzero(rng.random(len(frame)) < 0.03)
    corr = frame.iloc[corr_src].copy()
    corr["geboekt_op"] = next_weekday(
        corr.geboekt_op.to_numpy("datetime64[D]") + rng.integers(20, 150, size=len(corr)) * DAY
    )
    share = rng.choice(np.array([1.0, 0.5, 0.25, 0.1]), size=len(corr), p=[0.3, 0.2, 0.3, 0.2])
    corr["cents"] = -np.round(corr.cents.to_numpy() * share).astype(np.int64)
    corr["corrects"] = corr_src
    corr = corr[corr.geboekt_op.to_numpy("datetime64[D]") <= REF]
    frame = pd.concat([frame, corr], ignore_index=True)
    _calibrate_expenditure(frame, scale)

    order = np.lexsort(
        (frame.component.to_numpy(), frame.app.to_numpy(), frame.geboekt_op.to_numpy())
    )
    frame = frame.iloc[order].reset_index()  # 'index' keeps the pre-sort position
    new_id = np.empty(len(frame), dtype=np.int64)
    new_id[frame["index"].to_numpy()] = np.arange(len(frame))
    # Booking numbers (1-based) in booking order; the writer spells them AF000000001.
    frame["afrekening_no"] = np.arange(1, len(frame) + 1)
    corrects = frame.corrects.to_numpy()
    frame["corrigeert_no"] = np.where(corrects >= 0, new_id[np.maximum(corrects, 0)] + 1, 0)
    return frame.drop(columns=["index", "amount", "qlast", "corrects"])


def _calibrate_expenditure(frame: pd.DataFrame, scale: int) -> None:
    """Rescales bookings per period so that F10 comes out exact to the cent, then puts the
    rounding residue on the period's largest booking."""
    booked = frame.geboekt_op.to_numpy("datetime64[D]")
    q = quarter_index(booked)
    yr = year(booked)
    qn = (q % 4) + 1
    periods = {
        "K3 2023": (yr == 2023) & (qn == 3),
        "K4 2023": (yr == 2023) & (qn == 4),
        "K1 2024": (yr == 2024) & (qn == 1),
        "K2-K4 2024": (yr == 2024) & (qn >= 2),
        "2025": yr == 2025,
    }
    cents = frame.cents.to_numpy().copy()
    factors = {}
    for name, mask in periods.items():
        target = T.EXPENDITURE_CENTS[name] * scale
        factor = target / cents[mask].sum()
        factors[name] = factor
        cents[mask] = np.round(cents[mask] * factor).astype(np.int64)
        idx = np.flatnonzero(mask)
        biggest = idx[np.argmax(cents[idx])]
        cents[biggest] += target - cents[mask].sum()
    later = yr >= 2026
    cents[later] = np.round(cents[later] * factors["2025"]).astype(np.int64)
    frame["cents"] = cents
    frame.attrs["expenditure_factors"] = factors


# ------------------------------------------------------------------------------------ mails


def _plant_ambiguous_handling(
    received_utc: np.ndarray, handled_utc: np.ndarray, candidates: np.ndarray
) -> None:
    """At each autumn change, two handled mails get a wall-clock time that occurs twice
    (02:xx on the last Sunday of October): one handled in the first pass (summer time,
    the instant a reader takes), one in the second (winter time: the file cannot tell,
    and a reader takes the earlier instant, an hour before the truth). The mails are the
    last ones in `candidates` received at least six hours before the change; only their
    handling instant moves (they stay handled before the reference date, so the number
    of handled mails does not change). In place."""
    for change_at, kind in dst_changes(T.PROGRAMME_START.year, T.REFERENCE_DATE.year):
        change = np.datetime64(change_at, "s")
        if kind != -1 or not (START <= change.astype("datetime64[D]") <= REF):
            continue
        early = candidates[received_utc[candidates] <= change - np.timedelta64(6, "h")]
        early = early[np.argsort(received_utc[early], kind="stable")]
        for index, minutes in zip(early[-2:], (-41, 17), strict=True):
            handled_utc[index] = change + np.timedelta64(minutes * 60 + 23, "s")


def _mails(rng: np.random.Generator, scale: int) -> pd.DataFrame:
    """Times are Europe/Brussels wall clock, as the source writes them: received in office
    hours, handled after an elapsed handling time, so a mail handled across a
    daylight-saving change shows a wall-clock difference an hour off its handling time."""
    months = 32
    n_handled = T.MAILS_HANDLED_PER_MONTH * months * scale
    n_open = 37 * scale
    n_personal = 3100 * scale
    n = n_handled + n_open + n_personal
    received_day = sample_days(rng, T.PROGRAMME_START, T.REFERENCE_DATE, n, weekend=0.05)
    seconds = rng.integers(7 * 3600, 19 * 3600, size=n)
    received = received_day.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    handling = rng.gamma(1.3, 1.45 * 86400, size=n).astype(np.int64)
    received_utc = wall_clock_to_utc(received)
    handled_utc = received_utc + handling.astype("timedelta64[s]")
    handled = utc_to_wall_clock(handled_utc)
    ref_end = (REF + DAY).astype("datetime64[s]")
    functional = np.zeros(n, dtype=bool)
    # Functional mails: exactly n_handled handled by REF and n_open still open on REF.
    fits = np.flatnonzero(handled < ref_end)
    late = np.flatnonzero(handled >= ref_end)
    chosen = rng.choice(fits, size=n_handled, replace=False)
    functional[chosen] = True
    open_pick = late[:n_open] if len(late) >= n_open else late
    functional[open_pick] = True
    still_open = np.zeros(n, dtype=bool)
    still_open[open_pick] = True
    # Mails handled in the hour that occurs twice, among the functional ones handled by REF.
    _plant_ambiguous_handling(received_utc, handled_utc, chosen)
    handled = utc_to_wall_clock(handled_utc)
    frame = pd.DataFrame(
        {
            "postvak": np.where(functional, "FUNCTIONEEL", "PERSOONLIJK"),
            "ontvangen_op": received,
            "afgehandeld_op": handled,
        }
    )
    frame = frame.sort_values("ontvangen_op", kind="stable").reset_index(drop=True)
    frame["mail_no"] = np.arange(1, len(frame) + 1)
    return frame


# ------------------------------------------------------------------------------------- main


def build_truth(seed: int = 20260319, scale: int = 1) -> Truth:
    rng = np.random.default_rng([seed, scale])
    apps = _draw_applications(rng, scale)
    apps = apps.sort_values(["ingediend_op", "premietype"], kind="stable").reset_index(drop=True)
    _assign_decisions(rng, apps, scale)
    _assign_premiums(rng, apps, scale)
    orgs, changes = _assign_organisations(rng, apps, scale)
    _persons(rng, apps, scale)
    providers = _providers(rng, scale)
    coaching = _coaching(rng, apps, providers, scale)
    settlements = _settlements(rng, apps, scale)
    mails = _mails(rng, scale)

    # Source keys: AV<year of submission>-<7 digits>, numbered in submission order.
    yr = year(apps.ingediend_op.to_numpy("datetime64[D]"))
    seq = pd.Series(yr).groupby(yr).cumcount().to_numpy() + 1
    apps["aanvraag_id"] = [f"AV{y}-{s:07d}" for y, s in zip(yr, seq, strict=True)]
    return Truth(apps, orgs, changes, providers, coaching, settlements, mails, scale, seed)
