{#- The key of the INSZ pseudonym: env IMW_PSEUDONYM_KEY, or a documented
    development default that must not be used in production. -#}
{% macro imw_pseudonym_key() -%}
    {{- env_var('IMW_PSEUDONYM_KEY', 'imw-development-key-not-for-production') -}}
{%- endmacro %}
