{#- Keyed pseudonym of a personal identifier: HMAC-SHA256 under the key of env
    IMW_PSEUDONYM_KEY, as 64 hex digits; null stays null. The SQL only calls the
    function imw_pseudonym(), which the engine's connection gets from Python
    (imw.pseudonym: the dbt-duckdb plugin imw.dbt_plugin on DuckDB, a session UDF
    on Spark), so the key is never text in SQL, a view, a compiled file or a log.
    The same key gives the same pseudonym across builds; the build records a
    keyed fingerprint of the key (int_pseudonym_key) and never mixes two keys. -#}
{% macro imw_pseudonymise(column) -%}
    imw_pseudonym({{ column }})
{%- endmacro %}
