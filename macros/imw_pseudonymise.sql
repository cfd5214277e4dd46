{#- Keyed pseudonym of a personal identifier: sha256 over the key of env
    IMW_PSEUDONYM_KEY (development default when unset: never use it in
    production) and the value; null stays null. The same key gives the same
    pseudonym across builds, so people can be followed without their INSZ. -#}
{% macro imw_pseudonymise(column) -%}
    {{ return(adapter.dispatch('imw_pseudonymise', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_pseudonymise(column) -%}
    case
        when {{ column }} is not null
            then sha2(concat('{{ imw_pseudonym_key() }}', '|', {{ column }}), 256)
    end
{%- endmacro %}

{% macro duckdb__imw_pseudonymise(column) -%}
    case
        when {{ column }} is not null
            then sha256('{{ imw_pseudonym_key() }}' || '|' || {{ column }})
    end
{%- endmacro %}
