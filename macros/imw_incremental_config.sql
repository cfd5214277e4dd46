{#- The one home of how an incremental model is written on each engine: its config
    (materialization, strategy, key, partitioning) for the rule its rows follow.
    Use `{{ config(on_schema_change='fail', **imw_incremental_config('<rule>')) }}`.
    Every rule gives the same rows as a full refresh (tests/python: an increment
    equals a full refresh, on DuckDB and on Spark).

    - revalidated: one row per delivered row (delivery_date, source_line_number);
      a run validates the new deliveries and again the rows quarantined earlier
      (imw_rows_to_validate). DuckDB: delete+insert of those rows. Spark (no
      delete without Delta Lake): insert_overwrite of the partitions (delivery_date)
      of the deliveries it validates again, whole.
    - new_keys: one row per `key`, the first version stands, a run adds keys not
      loaded yet. DuckDB: delete+insert (which deletes nothing). Spark: append.
    - newest_wins: one row per `key`, a row of a newer delivery replaces it.
      DuckDB: delete+insert. Spark: rebuilt in full each run (a table): replacing
      rows anywhere in it is a rewrite of the table without a row-level delete.
    - per_edition: the rows of each edition of the figure book (reference_date);
      a run adds (or replaces) its own. DuckDB: delete+insert on reference_date.
      Spark: insert_overwrite of the reference_date partition. -#}
{% macro imw_incremental_config(rule, key=none) -%}
    {%- if rule not in ('revalidated', 'new_keys', 'newest_wins', 'per_edition') -%}
        {{ exceptions.raise_compiler_error(
            "imw_incremental_config: unknown rule " ~ rule) }}
    {%- endif -%}
    {{ return(adapter.dispatch('imw_incremental_config', 'imw')(rule, key)) }}
{%- endmacro %}

{% macro default__imw_incremental_config(rule, key) -%}
    {%- set configs = {
        'revalidated': {
            'materialized': 'incremental',
            'incremental_strategy': 'delete+insert',
            'unique_key': ['delivery_date', 'source_line_number'],
            'incremental_predicates': [
                'DBT_INCREMENTAL_TARGET.quarantine_reason is not null'
            ],
        },
        'new_keys': {
            'materialized': 'incremental',
            'incremental_strategy': 'delete+insert',
            'unique_key': key,
        },
        'newest_wins': {
            'materialized': 'incremental',
            'incremental_strategy': 'delete+insert',
            'unique_key': key,
        },
        'per_edition': {
            'materialized': 'incremental',
            'incremental_strategy': 'delete+insert',
            'unique_key': 'reference_date',
        },
    } -%}
    {{ return(configs[rule]) }}
{%- endmacro %}

{% macro spark__imw_incremental_config(rule, key) -%}
    {%- set configs = {
        'revalidated': {
            'materialized': 'incremental',
            'incremental_strategy': 'insert_overwrite',
            'partition_by': ['delivery_date'],
        },
        'new_keys': {
            'materialized': 'incremental',
            'incremental_strategy': 'append',
        },
        'newest_wins': {'materialized': 'table'},
        'per_edition': {
            'materialized': 'incremental',
            'incremental_strategy': 'insert_overwrite',
            'partition_by': ['reference_date'],
        },
    } -%}
    {{ return(configs[rule]) }}
{%- endmacro %}
