-- F4 Quarterly evolution of active premiums, per premium type
-- (deck: "Kwartaalevolutie van aantal actieve premies").
--
-- Definition: active premiums (F3 definition) on every snapshot date: each quarter
-- end from 30/09/2023, plus the reference date (dim_snapshot_date). The deck shows the
-- chart without readable values; on the reference date the total is 11.849.
with

active_premiums as (
    select * from {{ ref('fact_active_premium') }}
),

snapshot_dates as (
    select * from {{ ref('dim_snapshot_date') }}
),

quarters as (
    select * from {{ ref('dim_quarter') }}
),

per_date_and_type as (
    select
        snapshot_dates.snapshot_date,
        snapshot_dates.is_reference_date,
        quarters.quarter_label,
        active_premiums.premium_type_code,
        count(*) as active_premiums
    from active_premiums
    inner join snapshot_dates
        on active_premiums.snapshot_date = snapshot_dates.snapshot_date
    inner join quarters
        on snapshot_dates.quarter_key = quarters.quarter_key
    group by
        snapshot_dates.snapshot_date,
        snapshot_dates.is_reference_date,
        quarters.quarter_label,
        active_premiums.premium_type_code
),

final as (
    select
        snapshot_date,
        quarter_label,
        is_reference_date,
        premium_type_code,
        active_premiums,
        sum(active_premiums) over (
            partition by snapshot_date
        ) as active_premiums_all_types
    from per_date_and_type
    order by snapshot_date, premium_type_code
)

select * from final
