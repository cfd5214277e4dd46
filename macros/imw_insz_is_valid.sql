{#- True when a normalised INSZ has 11 digits and its check digits fit either
    the 1900s rule, 97 - (YYMMDDSSS mod 97), or the rule for people born from
    2000, 97 - ((2000000000 + YYMMDDSSS) mod 97); null for null. -#}
{% macro imw_insz_is_valid(column) -%}
    {{ return(adapter.dispatch('imw_insz_is_valid', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_insz_is_valid(column) -%}
    case
        when {{ column }} is null then null
        when not {{ column }} rlike '^[0-9]{11}$' then false
        else cast(substring({{ column }}, 10, 2) as bigint) in (
            97 - cast(substring({{ column }}, 1, 9) as bigint) % 97,
            97 - (2000000000 + cast(substring({{ column }}, 1, 9) as bigint)) % 97
        )
    end
{%- endmacro %}

{% macro duckdb__imw_insz_is_valid(column) -%}
    case
        when {{ column }} is null then null
        when not regexp_full_match({{ column }}, '[0-9]{11}') then false
        else cast(substring({{ column }}, 10, 2) as bigint) in (
            97 - cast(substring({{ column }}, 1, 9) as bigint) % 97,
            97 - (2000000000 + cast(substring({{ column }}, 1, 9) as bigint)) % 97
        )
    end
{%- endmacro %}
