{#- A relation (table_schema, table_name, column_name) of every column of the tables
    and views in `schemas`, as the database has them when the caller runs:
    information_schema.columns where there is one; Spark has none, so there the
    columns of each table and view this project builds in those schemas (Spark
    itself lists no other: the published schemas hold only dbt's relations). -#}
{% macro imw_published_columns(schemas) -%}
    {{ return(adapter.dispatch('imw_published_columns', 'imw')(schemas)) }}
{%- endmacro %}

{% macro default__imw_published_columns(schemas) -%}
    select
        table_schema,
        table_name,
        column_name
    from information_schema.columns
    where table_schema in ('{{ schemas | join("', '") }}')
{%- endmacro %}

{% macro spark__imw_published_columns(schemas) -%}
    {#- the build writes schema s as imw_build_schema_name(s) (generate_schema_name) -#}
    {%- set built = {} -%}
    {%- for schema in schemas -%}
        {%- do built.update({spark__imw_build_schema_name(schema) | trim: schema}) -%}
    {%- endfor -%}
    {%- set rows = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type in ('model', 'seed', 'snapshot')
                and node.schema in built
                and node.config.materialized != 'ephemeral' -%}
                {%- set relation = adapter.get_relation(
                    database=node.database, schema=node.schema, identifier=node.alias
                ) -%}
                {%- if relation is not none -%}
                    {%- for column in adapter.get_columns_in_relation(relation) -%}
                        {%- do rows.append(
                            "select '" ~ built[node.schema] ~ "' as table_schema, '"
                            ~ node.alias
                            ~ "' as table_name, '" ~ column.name ~ "' as column_name"
                        ) -%}
                    {%- endfor -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if rows | length == 0 -%}
        select
            cast(null as string) as table_schema,
            cast(null as string) as table_name,
            cast(null as string) as column_name
        where false
    {%- else -%}
        {{ rows | join('\nunion all\n') }}
    {%- endif -%}
{%- endmacro %}
