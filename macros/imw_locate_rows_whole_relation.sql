{#- The whole-relation form of imw_locate_source_rows (unit-test rows, and while
    dbt parses): the delivery date from the file name, only the complete
    deliveries (imw_complete_deliveries_query; a unit test names them in
    var('deliveries')), and a streaming row_number() over
    the whole scan minus each file's first number (numbering per file with a
    partition would lose the scan order). Its rows are taken as fields already
    (null = empty, `__extra` given), with no field_count_issue. -#}
{% macro imw_locate_rows_whole_relation(source_relation) -%}
    select
        numbered.*,
        cast(null as {{ dbt.type_string() }}) as field_count_issue,
        numbered.scan_row_number
        - min(numbered.scan_row_number) over (partition by numbered.filename)
        + 2 as source_line_number
    from (
        select
            *,
            {{ imw_delivery_date_from_path('filename') }} as delivery_date,
            {{ imw_scan_row_number() }} as scan_row_number
        from {{ source_relation }}
    ) as numbered
    where numbered.delivery_date in (
        select complete.delivery_date
        from ({{ imw_complete_deliveries_query() }}) as complete
    )
{%- endmacro %}
