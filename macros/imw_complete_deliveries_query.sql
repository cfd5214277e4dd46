{#- A query with one row per complete delivery (column delivery_date): the deliveries
    var('deliveries') names (imw_delivery_list) when it is given, otherwise those whose
    folder holds a _manifest.json (the source `manifests`). The one home of "the
    complete deliveries": stg_imw__deliveries and every staging model's reader
    (imw_locate_source_rows) take them from here, so staging reads only sources. -#}
{% macro imw_complete_deliveries_query() -%}
    {%- set deliveries = imw_delivery_list() -%}
    {%- if deliveries is none -%}
        select {{ imw_delivery_date_from_path('manifests.file') }} as delivery_date
        from {{ source('imw', 'manifests') }} as manifests
    {%- elif deliveries | length == 0 -%}
        select cast(null as date) as delivery_date
        where false
    {%- else -%}
        {%- for delivery in deliveries %}
        select cast('{{ delivery }}' as date) as delivery_date
        {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    {%- endif -%}
{%- endmacro %}
