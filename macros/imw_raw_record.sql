{#- One readable text of a delivered row's raw values, `column=value | ...`, from
    the staging columns raw_<column>. Used by the quarantine; never pass the
    INSZ. -#}
{% macro imw_raw_record(source_columns) -%}
    concat_ws(
        ' | '
    {%- for column in source_columns %},
        '{{ column }}=' || coalesce(raw_{{ column }}, '')
    {%- endfor %}
    )
{%- endmacro %}
