{#- One delivery's file (imw_delivery_file), each row with the delivery date (a
    constant) and its line number (header = line 1). -#}
{% macro imw_number_delivery_rows(source_relation, delivery) -%}
    {%- set dispatched = adapter.dispatch('imw_number_delivery_rows', 'imw') -%}
    {{ return(dispatched(source_relation, delivery)) }}
{%- endmacro %}

{% macro default__imw_number_delivery_rows(source_relation, delivery) -%}
    select
        located.*,
        cast('{{ delivery }}' as date) as delivery_date,
        {{ imw_scan_row_number() }} + 1 as source_line_number
    from {{ imw_delivery_file(source_relation, delivery) }} as located
{%- endmacro %}

{#- Spark: a window needs an order; monotonically_increasing_id() is the scan order
    (a multiLine CSV is one scan of its file), and the view has no `filename`. -#}
{% macro spark__imw_number_delivery_rows(source_relation, delivery) -%}
    select
        located.*,
        '{{ imw_delivery_file_path(source_relation.identifier, delivery) | replace("'", "\\'") }}'
            as filename,
        cast('{{ delivery }}' as date) as delivery_date,
        {{ imw_scan_row_number() }} + 1 as source_line_number
    from {{ imw_delivery_file(source_relation, delivery) }} as located
{%- endmacro %}
