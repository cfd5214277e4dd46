{#- The columns of a relation, comma-separated in their order, optionally
    prefixed and without those in `except` (a cross-database `select * exclude`). -#}
{% macro imw_column_list(relation, except=[], prefix='') -%}
    {%- set excluded = except | map('lower') | list -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- if column.name | lower not in excluded -%}
            {%- do names.append(prefix ~ adapter.quote(column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ names | join(',\n') }}
{%- endmacro %}
