{#- The reader of one delivery's file: the source's reader over all delivery
    folders (external location `<extracts_dir>/*/<file>.csv`) narrowed to the
    folder `delivery` (yyyy-mm-dd). Same read options as the source. -#}
{% macro imw_delivery_file(source_relation, delivery) -%}
    {%- set dispatched = adapter.dispatch('imw_delivery_file', 'imw') -%}
    {{ return(dispatched(source_relation, delivery)) }}
{%- endmacro %}

{#- Spark: the temporary view of that delivery's file (imw_spark_delivery_readers). -#}
{% macro spark__imw_delivery_file(source_relation, delivery) -%}
    {{ imw_spark_delivery_view(source_relation.identifier, delivery) }}
{%- endmacro %}

{% macro default__imw_delivery_file(source_relation, delivery) -%}
    {%- set reader = source_relation | string -%}
    {%- if reader.count('/*/') != 1 -%}
        {{ exceptions.raise_compiler_error(
            "imw_delivery_file: expected one '/*/' (the delivery folder) in the "
            ~ "external location of " ~ source_relation.identifier ~ ": " ~ reader
        ) }}
    {%- endif -%}
    {{ reader.replace('/*/', '/' ~ delivery ~ '/') }}
{%- endmacro %}
