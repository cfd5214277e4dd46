with

quarter_spine as (
    select quarter_start_date from {{ ref('int_quarter_spine') }}
),

quarters as (
    select
        {{ imw_quarter_key('quarter_start_date') }} as quarter_key,
        {{ imw_quarter_label('quarter_start_date') }} as quarter_label,
        cast(extract(year from quarter_start_date) as integer) as year_number,
        cast(extract(quarter from quarter_start_date) as integer) as quarter_number,
        quarter_start_date,
        cast(
            {{ dbt.dateadd('day', -1, dbt.dateadd('month', 3, 'quarter_start_date')) }}
            as date
        ) as quarter_end_date
    from quarter_spine
),

unknown_member as (
    select
        -1 as quarter_key,
        'Onbekend' as quarter_label,
        cast(null as integer) as year_number,
        cast(null as integer) as quarter_number,
        cast(null as date) as quarter_start_date,
        cast(null as date) as quarter_end_date
),

final as (
    select * from quarters
    union all
    select * from unknown_member
)

select
    cast(quarter_key as integer) as quarter_key,
    cast(quarter_label as {{ dbt.type_string() }}) as quarter_label,
    year_number,
    quarter_number,
    quarter_start_date,
    quarter_end_date
from final
