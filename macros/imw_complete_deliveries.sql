{#- The complete deliveries listed by `deliveries_relation` (stg_imw__deliveries:
    the folders of var('extracts_dir') that hold a _manifest.json) as a list of
    folder names `yyyy-mm-dd`, oldest first, queried when the calling model
    runs. A complete delivery must exist: otherwise the run stops here. -#}
{% macro imw_complete_deliveries(deliveries_relation) -%}
    {%- set deliveries = imw_delivery_dates(deliveries_relation) -%}
    {%- if deliveries | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "no complete delivery (a folder yyyy-mm-dd with a _manifest.json) in "
            ~ var('extracts_dir')
        ) }}
    {%- endif -%}
    {{ return(deliveries) }}
{%- endmacro %}
