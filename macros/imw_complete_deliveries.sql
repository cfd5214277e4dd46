{#- The complete deliveries (imw_complete_deliveries_query: var('deliveries'), or the
    folders with a _manifest.json) as a list of folder names `yyyy-mm-dd`, oldest
    first, read when the calling model runs (empty while dbt parses). A complete
    delivery must exist: otherwise the run stops here. -#}
{% macro imw_complete_deliveries() -%}
    {%- set given = imw_delivery_list() -%}
    {%- if given is not none -%}
        {%- set deliveries = given -%}
    {%- elif execute -%}
        {%- set query -%}
            select distinct cast(complete.delivery_date as {{ dbt.type_string() }})
                as delivery
            from ({{ imw_complete_deliveries_query() }}) as complete
            where complete.delivery_date is not null
            order by delivery
        {%- endset -%}
        {%- set deliveries = run_query(query).columns[0].values() | list -%}
    {%- else -%}
        {{ return([]) }}
    {%- endif -%}
    {%- if deliveries | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "no complete delivery (a folder yyyy-mm-dd with a _manifest.json, or "
            ~ "var('deliveries')) in " ~ var('extracts_dir')
        ) }}
    {%- endif -%}
    {{ return(deliveries) }}
{%- endmacro %}
