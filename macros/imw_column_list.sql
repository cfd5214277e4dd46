{#- The columns of a relation, comma-separated in their order, optionally
    prefixed and without those in `except` (a cross-database `select * exclude`).
    An ephemeral model (the staging models on Spark) is no relation the database
    can describe: its columns are those documented for it, which are its columns
    in their order (tests/python/test_spark_lane.py checks that on DuckDB). -#}
{% macro imw_column_list(relation, except=[], prefix='') -%}
    {%- set excluded = except | map('lower') | list -%}
    {%- set names = [] -%}
    {%- set rendered = relation | string -%}
    {%- if rendered.startswith('__dbt__cte__') -%}
        {%- set columns = imw_documented_columns(rendered[12:]) -%}
    {%- else -%}
        {%- set columns = adapter.get_columns_in_relation(relation)
            | map(attribute='name') | list -%}
    {%- endif -%}
    {%- for column in columns -%}
        {%- if column | lower not in excluded -%}
            {%- do names.append(prefix ~ adapter.quote(column)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ names | join(',\n') }}
{%- endmacro %}

{#- The documented column names of a model of this project, in their order. -#}
{% macro imw_documented_columns(model_name) -%}
    {%- set found = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.name == model_name -%}
            {%- for column in node.columns.values() -%}
                {%- do found.append(column.name) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "imw_documented_columns: no documented columns for model " ~ model_name
        ) }}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}
