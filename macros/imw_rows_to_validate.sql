{#- The rows an incremental validated model validates in this run: the rows of the
    deliveries it has not loaded yet (imw_not_loaded_yet), and the rows it
    quarantined in earlier runs, taken from the model itself with its staging
    relation's columns, because a reference may have become known since. On a first
    build or a full refresh: every staged row. -#}
{% macro imw_rows_to_validate(staging_relation) -%}
    select * from {{ staging_relation }}
    where {{ imw_not_loaded_yet() }}
    {%- if is_incremental() %}
    union all
    select
        {{ imw_column_list(staging_relation) | indent(8) }}
    from {{ this }}
    where quarantine_reason is not null
    {%- endif %}
{%- endmacro %}
