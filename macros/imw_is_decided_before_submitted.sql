{#- True when an application's decision date lies before its submission date (a
    source error, kept and flagged decision_before_submission); false when either
    date is missing. -#}
{% macro imw_is_decided_before_submitted(decided_on, submitted_on) -%}
    coalesce({{ decided_on }} < {{ submitted_on }}, false)
{%- endmacro %}
