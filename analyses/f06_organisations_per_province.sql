-- F6 Organisations with at least one active premium, per province of the head office
-- (deck: "Provinciale verdeling van organisaties met minstens één premie").
--
-- Definition: distinct organisations (organisation_id: the natural key, not the
-- version key) with an active premium on the reference date, by the province of their
-- head office on that date.
with

active_premiums as (
    select * from {{ ref('fact_active_premium') }}
),

provinces as (
    select * from {{ ref('dim_province') }}
),

final as (
    select
        provinces.province_code,
        provinces.province_label_nl,
        count(distinct active_premiums.organisation_id) as organisations
    from active_premiums
    inner join provinces
        on active_premiums.province_key = provinces.province_key
    where active_premiums.is_reference_date
    group by
        provinces.province_code,
        provinces.province_label_nl
    order by organisations desc, provinces.province_code asc
)

select * from final
