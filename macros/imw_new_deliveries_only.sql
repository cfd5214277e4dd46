{#- Predicate for an incremental model that takes each delivery once: true for
    rows of deliveries not loaded into {{ this }} yet. The loaded delivery dates
    are read when the model runs and written into the query as constants, so the
    staging reader skips the files of loaded deliveries without opening them
    (imw_locate_source_rows). Deliveries are immutable: the pipeline rebuilds
    from nothing when a loaded delivery changes or disappears. Outside an
    incremental run (first build, --full-refresh) every row qualifies. -#}
{% macro imw_new_deliveries_only(column='delivery_date') -%}
    {%- set loaded = imw_delivery_dates(this) if is_incremental() else [] -%}
    {%- if loaded | length == 0 -%}
        true
    {%- else -%}
        {%- set literals = [] -%}
        {%- for delivery in loaded -%}
            {%- do literals.append("cast('" ~ delivery ~ "' as date)") -%}
        {%- endfor -%}
        {{ column }} not in ({{ literals | join(', ') }})
    {%- endif -%}
{%- endmacro %}
