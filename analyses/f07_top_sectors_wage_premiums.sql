-- F7 Top 10 sectors (NACE-BEL division) of the organisations with active wage premiums
-- (deck: "Top 10 van economische sectoren met actieve loonpremies (uitgedrukt in
-- percentage van 4.260 organisaties met loonpremies)").
--
-- Definition (the project's interpretation of "organisaties met loonpremies"):
-- organisations with at least one active LP or LPBP premium on the reference date,
-- ranked by their share per NACE-BEL 2008 division (2 digits) of the organisation on
-- that date: the first two digits of its code when that division exists (a code missing
-- from the official list has its own dim_sector member under that division), ONBEKEND
-- for an empty or malformed code. The deck's four largest: 86, 81, 88, 46.
with

active_premiums as (
    select * from {{ ref('fact_active_premium') }}
),

sectors as (
    select * from {{ ref('dim_sector') }}
),

premium_types as (
    select * from {{ ref('dim_premium_type') }}
),

wage_premium_organisations as (
    select distinct
        active_premiums.organisation_id,
        sectors.nace_division_code,
        sectors.nace_division_label_nl
    from active_premiums
    inner join premium_types
        on active_premiums.premium_type_key = premium_types.premium_type_key
    inner join sectors
        on active_premiums.sector_key = sectors.sector_key
    where
        active_premiums.is_reference_date
        and premium_types.is_wage_premium
),

per_division as (
    select
        nace_division_code,
        nace_division_label_nl,
        count(*) as organisations
    from wage_premium_organisations
    group by nace_division_code, nace_division_label_nl
),

final as (
    select
        nace_division_code,
        nace_division_label_nl,
        organisations,
        round(100.0 * organisations / sum(organisations) over (), 2) as share_pct
    from per_division
    order by organisations desc, nace_division_code asc
    limit 10
)

select * from final
