{#- The rows an incremental validated model validates in this run: the rows of the
    deliveries it has not loaded yet (imw_not_loaded_yet), and the rows it
    quarantined in earlier runs, taken from the model itself with its staging
    relation's columns, because a reference may have become known since. On a first
    build or a full refresh: every staged row. -#}
{% macro imw_rows_to_validate(staging_relation) -%}
    {{ return(adapter.dispatch('imw_rows_to_validate', 'imw')(staging_relation)) }}
{%- endmacro %}

{% macro default__imw_rows_to_validate(staging_relation) -%}
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

{#- Spark: the model is written by insert_overwrite of delivery_date partitions
    (imw_incremental_config 'revalidated'): a delivery with a row quarantined
    earlier is read again from staging and validated whole (a clean row stays clean,
    so its other rows come out as they were), and its partition is replaced. -#}
{% macro spark__imw_rows_to_validate(staging_relation) -%}
    {%- set again = [] -%}
    {%- if is_incremental() and execute -%}
        {%- set query -%}
            select distinct cast(delivery_date as string) as delivery
            from {{ this }}
            where quarantine_reason is not null
            order by delivery
        {%- endset -%}
        {%- for delivery in run_query(query).columns[0].values() -%}
            {%- do again.append("cast('" ~ delivery ~ "' as date)") -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set validated_again = again | join(', ') -%}
    select * from {{ staging_relation }}
    where
        {{ imw_not_loaded_yet() }}
        or delivery_date in ({{ validated_again if again else 'null' }})
{%- endmacro %}
