{#- Every row of a delivery-file source with its lineage: delivery_date (the
    folder name) and source_line_number (physical line in its file, header = 1),
    for the complete deliveries only (imw_complete_deliveries: var('deliveries'),
    or the folders with a _manifest.json), and its fields as imw_delivered_fields
    gives them (an empty field as null, the surplus field `__extra`,
    `field_count_issue`) in the per-delivery form.

    Per-delivery form (a source read over `<extracts_dir>/*/<file>.csv`, when the
    model runs): one read per complete delivery, glued with union all
    (imw_locate_rows_per_delivery). Each read numbers its own rows in scan order
    (DuckDB keeps a file's order), and a filter on delivery_date (an incremental
    model asking for new deliveries only) skips the other files without opening
    them, because each branch's delivery_date is a constant. The list is taken
    when the model runs, so a view lists the deliveries of its build, not a
    folder that lands afterwards.

    Whole-relation form (any other relation, e.g. the rows a unit test gives,
    and while dbt parses): imw_locate_rows_whole_relation. -#}
{% macro imw_locate_source_rows(source_relation) -%}
    {%- set is_delivery_glob = imw_is_delivery_source(source_relation) -%}
    {%- if execute and is_delivery_glob and model.resource_type != 'unit_test' -%}
        {%- set deliveries = imw_complete_deliveries() -%}
        {#- the fields after the numbering, so that DuckDB reads them on every core -#}
        select
            {{ imw_delivered_fields(source_relation, 'located_rows') | indent(8) }},
            located_rows.delivery_date,
            located_rows.source_line_number
        from (
            {{ imw_locate_rows_per_delivery(source_relation, deliveries) }}
        ) as located_rows
    {%- else -%}
        {{ return(imw_locate_rows_whole_relation(source_relation)) }}
    {%- endif -%}
{%- endmacro %}
