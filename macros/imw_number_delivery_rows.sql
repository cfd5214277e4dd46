{#- One delivery's file (imw_delivery_file), each row with the delivery date (a
    constant) and its line number (header = line 1). -#}
{% macro imw_number_delivery_rows(source_relation, delivery) -%}
    select
        located.*,
        cast('{{ delivery }}' as date) as delivery_date,
        row_number() over () + 1 as source_line_number
    from {{ imw_delivery_file(source_relation, delivery) }} as located
{%- endmacro %}
