-- F8 Sectors of the organisations with active coaching premiums (LPBP)
-- (deck: "Sectorverdeling van de 182 organisaties met actieve begeleidingspremies").
--
-- Definition: organisations with at least one active LPBP premium on the reference
-- date, by NACE-BEL subclass of the organisation on that date, except that a recognised
-- maatwerkbedrijf counts under "Maatwerkbedrijven" whatever its NACE code; a code
-- missing from the official list counts under that code (flagged nace_unknown). The
-- labels are the official ones (84.114 "Gemeentelijke overheid, met uitzondering van
-- het O.C.M.W.", which the deck words "Gemeentelijke overheid en O.C.M.W."). The deck's
-- five largest: 88.999, Maatwerkbedrijven, 47.793, 84.114, 87.101.
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

coaching_premium_organisations as (
    select distinct
        active_premiums.organisation_id,
        case
            when active_premiums.is_maatwerkbedrijf then 'MAATWERKBEDRIJF'
            else sectors.nace_subclass_code
        end as sector_class_code,
        case
            when active_premiums.is_maatwerkbedrijf then 'Maatwerkbedrijven'
            else sectors.nace_subclass_label_nl
        end as sector_class_label_nl
    from active_premiums
    inner join premium_types
        on active_premiums.premium_type_key = premium_types.premium_type_key
    inner join sectors
        on active_premiums.sector_key = sectors.sector_key
    where
        active_premiums.is_reference_date
        and premium_types.includes_coaching_premium
),

final as (
    select
        sector_class_code,
        sector_class_label_nl,
        count(*) as organisations
    from coaching_premium_organisations
    group by sector_class_code, sector_class_label_nl
    order by organisations desc, sector_class_code asc
)

select * from final
