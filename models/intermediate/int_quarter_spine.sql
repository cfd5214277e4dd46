{#- One row per calendar quarter from 2000 to 2040: the first day of each. -#}
with

quarters as (
    {{ imw_quarter_start_dates('2000-01-01', '2040-10-01') }}
),

final as (
    select cast(quarter_start_date as date) as quarter_start_date
    from quarters
)

select * from final
