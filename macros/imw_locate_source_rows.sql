{#- Every row of a delivery-file source with its lineage: delivery_date (from the
    folder name) and source_line_number (physical line in its file, header = 1).
    DuckDB keeps scan order, so a streaming row_number() over the whole scan,
    minus each file's first number, gives the line; partitioning the row_number
    by file would lose that order. -#}
{% macro imw_locate_source_rows(source_relation) -%}
    select
        numbered.*,
        {{ imw_delivery_date_from_path('numbered.filename') }} as delivery_date,
        numbered.scan_row_number
        - min(numbered.scan_row_number) over (partition by numbered.filename)
        + 2 as source_line_number
    from (
        select
            *,
            row_number() over () as scan_row_number
        from {{ source_relation }}
    ) as numbered
{%- endmacro %}
