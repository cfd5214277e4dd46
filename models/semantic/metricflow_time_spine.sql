{{ config(materialized='table', schema='semantic') }}
{#- The time spine MetricFlow needs (dbt >= 1.9: declared with `time_spine:` in
    _semantic__models.yml): one row per day from 2000 to 2040, the range of dim_quarter.
    Not part of the published interface (schema semantic, not marts). -#}
with

days as (
    {{ imw_day_spine('2000-01-01', '2041-01-01') | indent(4) }}
),

final as (
    select date_day from days
)

select * from final
