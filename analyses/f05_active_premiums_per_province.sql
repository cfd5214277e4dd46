-- F5 Active premiums per province of the head office and premium type
-- (deck: "Provinciale verdeling van actieve premies (per type) o.b.v. locatie
-- organisatiehoofdzetel").
--
-- Definition: active premiums on the reference date, by the province of the
-- organisation's head office on that date (fact_active_premium.province_key is the
-- organisation version's province on the snapshot date). The Brussels-Capital Region is
-- its own unit; 'Buitenland' for a head office abroad.
-- Before publishing: counts below 5 must be shown as "< 5" (small-cell protection).
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
        provinces.region_label_nl,
        active_premiums.premium_type_code,
        count(*) as active_premiums
    from active_premiums
    inner join provinces
        on active_premiums.province_key = provinces.province_key
    where active_premiums.is_reference_date
    group by
        provinces.province_code,
        provinces.province_label_nl,
        provinces.region_label_nl,
        active_premiums.premium_type_code
    order by provinces.province_code, active_premiums.premium_type_code
)

select * from final
