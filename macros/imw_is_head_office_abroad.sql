{#- True when an organisation's head office is abroad: its country is not Belgium
    (BE). An empty country counts as Belgium (and is flagged country_missing). -#}
{% macro imw_is_head_office_abroad(country_code) -%}
    coalesce({{ country_code }}, 'BE') <> 'BE'
{%- endmacro %}
