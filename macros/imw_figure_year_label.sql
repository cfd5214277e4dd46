{#- The year of a quarter of dim_quarter as the figure book labels it: `2023`, or
    ONBEKEND for the unknown quarter. -#}
{% macro imw_figure_year_label(quarters) -%}
    coalesce(cast({{ quarters }}.year_number as {{ dbt.type_string() }}), 'ONBEKEND')
{%- endmacro %}
