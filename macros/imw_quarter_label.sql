{#- The Dutch label of the calendar quarter of a date: `K3 2023`. -#}
{% macro imw_quarter_label(column) -%}
    {{ dbt.concat([
        "'K'",
        dbt.cast("extract(quarter from " ~ column ~ ")", dbt.type_string()),
        "' '",
        dbt.cast("extract(year from " ~ column ~ ")", dbt.type_string()),
    ]) }}
{%- endmacro %}
