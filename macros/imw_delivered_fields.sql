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
    {%- set dispatched = adapter.dispatch('imw_delivered_fields', 'imw') -%}
    {{ return(dispatched(source_relation, relation_alias)) }}
{%- endmacro %}

{% macro default__imw_delivered_fields(source_relation, relation_alias) -%}
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

{#- Spark: its reader gives an empty field as null too, so a record with another
    number of fields than the specification's is kept whole in `__imw_raw_record`
    (imw_spark_delivery_readers): its fields are counted (the `;` outside quotes,
    plus one) and the first surplus field is taken from it, unquoted, as `__extra`.
    Same values and texts as on DuckDB. -#}
{% macro spark__imw_delivered_fields(source_relation, relation_alias) -%}
    {%- set columns = imw_source_field_names(source_relation) -%}
    {%- set expected = columns | length -%}
    {%- set raw = relation_alias ~ '.__imw_raw_record' -%}
    {%- set quoted = '"(?:[^"]|"")*"' -%}
    {%- set field = '(?:' ~ quoted ~ '|[^;"]*)' -%}
    {%- set field_count = "size(split(regexp_replace(" ~ raw ~ ", '"
        ~ quoted ~ "', ''), ';'))" -%}
    {%- set surplus = "regexp_extract(" ~ raw ~ ", '^(?:" ~ field ~ ";){"
        ~ expected ~ "}(" ~ field ~ ")', 1)" -%}
    {%- for column in columns %}
    nullif({{ relation_alias }}.{{ column }}, '') as {{ column }},
    {%- endfor %}
    {{ relation_alias }}.filename,
    case
        when {{ raw }} is not null and {{ field_count }} > {{ expected }}
            then case
                when {{ surplus }} like '"%'
                    then replace(substring({{ surplus }}, 2, length({{ surplus }}) - 2), '""', '"')
                else {{ surplus }}
            end
    end as __extra,
    case
        when {{ raw }} is null then null
        when {{ field_count }} > {{ expected }}
            then 'row has more than {{ expected }} fields, expected {{ expected }}'
        when {{ field_count }} < {{ expected }}
            then 'row has ' || cast({{ field_count }} as string) || ' fields, expected {{ expected }}'
    end as field_count_issue
{%- endmacro %}
