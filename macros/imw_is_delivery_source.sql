{#- Whether a relation is a delivery-file source read per delivery
    (imw_locate_source_rows): on DuckDB the source's reader over
    `<extracts_dir>/*/<file>.csv`, on Spark a table of source `imw` other than
    `manifests` (read through the views of imw_spark_delivery_readers). -#}
{% macro imw_is_delivery_source(source_relation) -%}
    {{ return(adapter.dispatch('imw_is_delivery_source', 'imw')(source_relation)) }}
{%- endmacro %}

{% macro default__imw_is_delivery_source(source_relation) -%}
    {{ return((source_relation | string).count('/*/') == 1) }}
{%- endmacro %}

{% macro spark__imw_is_delivery_source(source_relation) -%}
    {{ return(
        source_relation.schema == 'imw' and source_relation.identifier != 'manifests'
    ) }}
{%- endmacro %}
