{#- The distinct delivery dates of a relation's `delivery_date` column as a list of
    `yyyy-mm-dd` strings, oldest first, read when the calling model runs (empty while
    dbt only parses). -#}
{% macro imw_delivery_dates(relation) -%}
    {%- set query -%}
        select distinct cast(delivery_date as {{ dbt.type_string() }}) as delivery
        from {{ relation }}
        where delivery_date is not null
        order by delivery
    {%- endset -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}
