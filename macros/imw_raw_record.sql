{#- One readable text of a delivered row's raw values, `column=value | ...`, from
    the staging columns raw_<column>, then `__extra=<value>` when the row has
    more fields than the specification's (staging column raw_extra_field).
    Used by the quarantine; never pass the INSZ column. A row with the wrong
    number of fields may carry an INSZ in another column's place: every value
    is shown with INSZ-like digits masked (imw_mask_insz). -#}
{% macro imw_raw_record(source_columns) -%}
    concat_ws(
        ' | '
    {%- for column in source_columns %},
        '{{ column }}=' || coalesce({{ imw_mask_insz('raw_' ~ column) }}, '')
    {%- endfor %},
        '__extra=' || {{ imw_mask_insz('raw_extra_field') }}
    )
{%- endmacro %}
