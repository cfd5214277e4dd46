{#- The specification's column names of a delivery-file source, in their
    order: the columns documented for it in _imw__sources.yml (found by its
    identifier, the file name without .csv), without the reader's `filename`
    and `__extra`. Needs the graph: call it when the model runs. -#}
{% macro imw_source_field_names(source_relation) -%}
    {%- set found = [] -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == 'imw'
            and node.identifier == source_relation.identifier -%}
            {%- for column in node.columns.values() -%}
                {%- if column.name not in ('filename', '__extra') -%}
                    {%- do found.append(column.name) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "imw_source_field_names: no documented columns for source "
            ~ source_relation.identifier
        ) }}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}
