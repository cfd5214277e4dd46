{#- One row per calendar quarter from 1950 to 2099: the first day of each. -#}
with

quarters as (
    {{ imw_quarter_start_dates('1950-01-01', '2099-10-01') }}
),

final as (
    select cast(quarter_start_date as date) as quarter_start_date
    from quarters
)

select * from final
