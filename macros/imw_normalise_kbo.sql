{#- An enterprise number as written in the source (`0412.345.678`, `0412345678`,
    `BE0412345678`, old 9-digit form) as 10 digits. Text that is not such a
    number is returned upper-cased without separators, so the check-digit test
    flags it; empty gives null. -#}
{% macro imw_normalise_kbo(column) -%}
    {{ return(adapter.dispatch('imw_normalise_kbo', 'imw')(column)) }}
{%- endmacro %}

{% macro default__imw_normalise_kbo(column) -%}
    case
        when length(regexp_replace(upper({{ column }}), '^ *BE|[ .-]', '')) = 9
            then concat('0', regexp_replace(upper({{ column }}), '^ *BE|[ .-]', ''))
        else nullif(regexp_replace(upper({{ column }}), '^ *BE|[ .-]', ''), '')
    end
{%- endmacro %}

{% macro duckdb__imw_normalise_kbo(column) -%}
    case
        when length(regexp_replace(upper({{ column }}), '^ *BE|[ .-]', '', 'g')) = 9
            then '0' || regexp_replace(upper({{ column }}), '^ *BE|[ .-]', '', 'g')
        else nullif(regexp_replace(upper({{ column }}), '^ *BE|[ .-]', '', 'g'), '')
    end
{%- endmacro %}
