{#- Predicate for an incremental model that takes each delivery once: true for
    rows of deliveries not loaded into {{ this }} yet. The loaded delivery dates
    are read when the model runs and written into the query as constants, so the
    staging reader skips the files of loaded deliveries without opening them
    (imw_locate_source_rows). Deliveries are immutable: the pipeline rebuilds
    from nothing when a loaded delivery changes or disappears. Outside an
    incremental run (first build, --full-refresh) every row qualifies. -#}
{% macro imw_new_deliveries_only(column='delivery_date') -%}
    {%- if is_incremental() and execute -%}
        {%- set query -%}
            select distinct cast(delivery_date as {{ dbt.type_string() }}) as delivery
            from {{ this }}
            where delivery_date is not null
            order by delivery
        {%- endset -%}
        {%- set loaded = run_query(query).columns[0].values() | list -%}
    {%- else -%}
        {%- set loaded = [] -%}
    {%- endif -%}
    {%- if loaded | length == 0 -%}
        true
    {%- else -%}
        {{ column }} not in (
            {%- for delivery in loaded %}
            cast('{{ delivery }}' as date){{ "," if not loop.last }}
            {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}
