{#- The deck's rule for a premium (or trajectory) active on a date: started on
    or before it, not ended before it, and not stopped on or before it. Pass
    `none` as stopped_on for things that cannot be stopped. -#}
{% macro imw_is_active_on(started_on, ended_on, stopped_on, on_date) -%}
    (
        {{ started_on }} <= {{ on_date }}
        and ({{ ended_on }} is null or {{ ended_on }} >= {{ on_date }})
    {%- if stopped_on is not none %}
        and ({{ stopped_on }} is null or {{ stopped_on }} > {{ on_date }})
    {%- endif %}
    )
{%- endmacro %}
