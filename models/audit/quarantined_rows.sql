{#- The quarantine a user can query: one row per delivered row that could not be
    interpreted, with file, delivery, line and reason. The raw values stay in the
    private build store (int_quarantined_rows): they may be those of a natural
    person. -#}
with

quarantined as (
    select * from {{ ref('int_quarantined_rows') }}
),

final as (
    select
        source_file,
        delivery_date,
        source_line_number,
        natural_key,
        quarantine_reason
    from quarantined
)

select * from final
