{#- The last day of a validity interval that is still open (9999-12-31): the
    current version of an organisation, the unknown member. -#}
{% macro imw_end_of_time() -%}
    cast('9999-12-31' as date)
{%- endmacro %}
