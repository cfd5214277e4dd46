{#- The rows an incremental validated model quarantined in earlier runs, with the
    columns of its staging relation, to be validated again (a reference may have
    become known since). Outside an incremental run: no rows, same columns. -#}
{% macro imw_quarantined_earlier(staging_relation) -%}
    {%- if is_incremental() -%}
        select
            {{ imw_column_list(staging_relation) | indent(12) }}
        from {{ this }}
        where quarantine_reason is not null
    {%- else -%}
        select *
        from {{ staging_relation }}
        where false
    {%- endif -%}
{%- endmacro %}
