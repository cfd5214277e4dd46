{#- Every row of a delivery-file source with its lineage: delivery_date (the
    folder name) and source_line_number (physical line in its file, header = 1),
    for the complete deliveries only (those listed by stg_imw__deliveries), and
    its fields as imw_delivered_fields gives them (an empty field as null, the
    surplus field `__extra`, `field_count_issue`) in the per-delivery form.

    Per-delivery form (a source read over `<extracts_dir>/*/<file>.csv`): one
    read per complete delivery, glued with union all. Each read numbers its own
    rows in scan order (DuckDB keeps a file's order), and a filter on
    delivery_date (an incremental model asking for new deliveries only) skips
    the other files without opening them, because each branch's delivery_date
    is a constant. The list is taken when the model runs, so a view lists the
    deliveries of its build, not a folder that lands afterwards.

    Whole-relation form (any other relation, e.g. the rows a unit test gives,
    and while dbt parses): the delivery date from the file name, and a streaming
    row_number() over the whole scan minus each file's first number (numbering
    per file with a partition would lose the scan order). Its rows are taken as
    fields already (null = empty, `__extra` given), with no field_count_issue. -#}
{% macro imw_locate_source_rows(source_relation) -%}
    {%- set deliveries_relation = ref('stg_imw__deliveries') -%}
    {%- set is_delivery_glob = (source_relation | string).count('/*/') == 1 -%}
    {%- if execute and is_delivery_glob and model.resource_type != 'unit_test' -%}
        {%- set deliveries = imw_complete_deliveries(deliveries_relation) -%}
        {#- the fields after the numbering, so that DuckDB reads them on every core -#}
        select
            {{ imw_delivered_fields(source_relation, 'located_rows') | indent(8) }},
            located_rows.delivery_date,
            located_rows.source_line_number
        from (
            {{ imw_locate_rows_per_delivery(source_relation, deliveries) }}
        ) as located_rows
    {%- else -%}
        {%- set whole_relation = imw_locate_rows_whole_relation(
            source_relation, deliveries_relation
        ) -%}
        {{ return(whole_relation) }}
    {%- endif -%}
{%- endmacro %}

{% macro imw_locate_rows_per_delivery(source_relation, deliveries) -%}
    {{ return(adapter.dispatch('imw_locate_rows_per_delivery', 'imw')(
        source_relation, deliveries
    )) }}
{%- endmacro %}

{% macro default__imw_locate_rows_per_delivery(source_relation, deliveries) -%}
    {%- for delivery in deliveries %}
        {{ imw_number_delivery_rows(source_relation, delivery) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- DuckDB runs row_number() over () in a single-threaded pipeline, and with it
    everything up to the next pipeline breaker: the staging view's parsing and
    pseudonymising and the validated model's joins and write. A materialized CTE
    ends that pipeline right after the numbering, so the rest runs on every core
    (a 1.6-million-row delivery: 18.7 s -> 12.6 s on 2 cores). The filter on the
    constant delivery_date still skips the other deliveries' files. -#}
{% macro duckdb__imw_locate_rows_per_delivery(source_relation, deliveries) -%}
    {%- for delivery in deliveries %}
        select numbered.*
        from (
            with located_rows as materialized (
                {{ imw_number_delivery_rows(source_relation, delivery) }}
            )

            select * from located_rows
        ) as numbered
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- One delivery's file, each row with the delivery date and its line number. -#}
{% macro imw_number_delivery_rows(source_relation, delivery) -%}
    select
        located.*,
        cast('{{ delivery }}' as date) as delivery_date,
        row_number() over () + 1 as source_line_number
    from {{ imw_delivery_file(source_relation, delivery) }} as located
{%- endmacro %}

{% macro imw_locate_rows_whole_relation(source_relation, deliveries_relation) -%}
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
            row_number() over () as scan_row_number
        from {{ source_relation }}
    ) as numbered
    where numbered.delivery_date in (
        select complete.delivery_date from {{ deliveries_relation }} as complete
    )
{%- endmacro %}
