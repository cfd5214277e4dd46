{#- The columns of a delivered row as the staging models read them, from a
    relation read with the source's options (`null_padding`, and a `nullstr`
    that no field holds): every specification column with an empty field as
    null (as a plain CSV read gives it), `filename`, `__extra` (the first field
    after the specification's columns, as delivered) and `field_count_issue`:
    why the row does not have the specification's number of fields ('row has 3
    fields, expected 4', 'row has more than 4 fields, expected 4'), null when it
    has. The reader keeps an empty field as '' and pads a short row with nulls
    from its end, so a short row is one whose last column is null, and its
    fields are its non-null columns. -#}
{% macro imw_delivered_fields(source_relation, relation_alias) -%}
    {%- set columns = imw_source_field_names(source_relation) -%}
    {%- set expected = columns | length -%}
    {%- set present = [] -%}
    {%- for column in columns -%}
        {%- do present.append(
            'case when ' ~ relation_alias ~ '.' ~ column ~ ' is null then 0 else 1 end'
        ) -%}
    {%- endfor -%}
    {%- for column in columns %}
    nullif({{ relation_alias }}.{{ column }}, '') as {{ column }},
    {%- endfor %}
    {{ relation_alias }}.filename,
    {{ relation_alias }}.__extra,
    case
        when {{ relation_alias }}.__extra is not null
            then 'row has more than {{ expected }} fields, expected {{ expected }}'
        when {{ relation_alias }}.{{ columns | last }} is null
            then 'row has '
            || cast({{ present | join(' + ') }} as {{ dbt.type_string() }})
            || ' fields, expected {{ expected }}'
    end as field_count_issue
{%- endmacro %}
