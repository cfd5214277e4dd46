-- F3 Active premiums on the reference date, per premium type, with shares
-- (deck: "Aantal actieve dossiers per premietype").
--
-- Definition: a premium (approved application) is active on d when
-- premium_start_on <= d, premium_end_on is empty or >= d, and premium_stopped_on is
-- empty or > d. fact_active_premium holds one row per premium per snapshot date on
-- which it is active; is_reference_date picks the reference date.
-- The deck: 11.849 active premiums, LP 9.750 (6 abroad, 82,3 %),
-- LPBP 1.574 (13,2 % printed; 13,28 % computed), OP 525 (4,4 %).
with

active_premiums as (
    select * from {{ ref('fact_active_premium') }}
),

premium_types as (
    select * from {{ ref('dim_premium_type') }}
),

active_on_reference_date as (
    select * from active_premiums
    where is_reference_date
),

per_type as (
    select
        premium_types.premium_type_key,
        premium_types.premium_type_code,
        premium_types.premium_type_label_nl,
        count(*) as active_premiums,
        count(*) filter (
            where active_on_reference_date.is_head_office_abroad
        ) as active_premiums_abroad
    from active_on_reference_date
    inner join premium_types
        on active_on_reference_date.premium_type_key = premium_types.premium_type_key
    group by
        premium_types.premium_type_key,
        premium_types.premium_type_code,
        premium_types.premium_type_label_nl
),

final as (
    select
        premium_type_code,
        premium_type_label_nl,
        active_premiums,
        active_premiums_abroad,
        round(100.0 * active_premiums / sum(active_premiums) over (), 2)
            as share_pct
    from per_type
    order by premium_type_key
)

select * from final
