{#- A quarter of dim_quarter as the figure book labels it: `K3 2023`, or ONBEKEND
    for the unknown quarter (an empty date). -#}
{% macro imw_figure_quarter_label(quarters) -%}
    case
        when {{ quarters }}.quarter_key = -1 then 'ONBEKEND'
        else {{ quarters }}.quarter_label
    end
{%- endmacro %}
