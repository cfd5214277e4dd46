{#- Use the configured schema name as is (marts, reporting, ...), not <target>_<schema>:
    the schema names are part of the published interface. On Spark the build writes
    private schemas, `imw_build__<schema>` (imw_build_schema_name): the published schemas
    hold views over an audited copy of a finished build (imw.engines.spark_publish). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set name = target.schema if custom_schema_name is none
        else custom_schema_name | trim -%}
    {{ adapter.dispatch('imw_build_schema_name', 'imw')(name) }}
{%- endmacro %}

{% macro default__imw_build_schema_name(name) -%}
    {{ name }}
{%- endmacro %}

{% macro spark__imw_build_schema_name(name) -%}
    {{ env_var('IMW_SPARK_BUILD_PREFIX', 'imw_build__') }}{{ name }}
{%- endmacro %}
