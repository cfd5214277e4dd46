{#- A query with one row per complete delivery (column delivery_date): the deliveries
    var('deliveries') names (imw_delivery_list) when it is given, otherwise those whose
    folder holds a _manifest.json, read from `manifests_relation`. The one home of "the
    complete deliveries": stg_imw__deliveries passes the source `manifests` (its one
    parent); the staging readers of the delivery files (imw_complete_deliveries) call it
    without, and the source is then resolved only when the model runs, so that a staging
    model depends on its own file's source alone. While dbt parses, without a relation:
    no delivery. -#}
{% macro imw_complete_deliveries_query(manifests_relation=none) -%}
    {%- set deliveries = imw_delivery_list() -%}
    {%- if deliveries is none and manifests_relation is none and execute -%}
        {%- set manifests_relation = source('imw', 'manifests') -%}
    {%- endif -%}
    {%- if deliveries is none and manifests_relation is not none -%}
        select {{ imw_delivery_date_from_path('manifests.file') }} as delivery_date
        from {{ manifests_relation }} as manifests
    {%- elif not deliveries -%}
        select cast(null as date) as delivery_date
        where false
    {%- else -%}
        {%- for delivery in deliveries %}
        select cast('{{ delivery }}' as date) as delivery_date
        {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    {%- endif -%}
{%- endmacro %}
