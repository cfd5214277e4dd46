{#- A query for the newest edition (reference_date) an incremental edition model
    holds already, or the beginning of time outside an incremental run: the models
    over editions add the ones after it. -#}
{% macro imw_newest_loaded_edition() -%}
    {%- if is_incremental() -%}
        select coalesce(max(reference_date), {{ imw_beginning_of_time() }}) as reference_date
        from {{ this }}
    {%- else -%}
        select {{ imw_beginning_of_time() }} as reference_date
    {%- endif -%}
{%- endmacro %}
