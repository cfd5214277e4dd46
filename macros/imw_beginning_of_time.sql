{#- The first day of a validity interval that holds since forever (1900-01-01):
    the first version of an organisation (the oldest state we know), the unknown
    member. ref_postal_code_ranges writes the same date for mappings valid since
    forever. -#}
{% macro imw_beginning_of_time() -%}
    cast('1900-01-01' as date)
{%- endmacro %}
