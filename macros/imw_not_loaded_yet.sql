{#- The one incremental filter: a predicate for the rows an incremental model has
    not loaded yet. Outside an incremental run (first build, --full-refresh) every
    row qualifies (`true`). Three uses, each the rule of its model:
    - key='delivery_date' (default; a table that takes each delivery once): rows
      of the deliveries not loaded into {{ this }} yet. The loaded dates are read
      when the model runs and written into the query as constants, so the staging
      reader skips the files of loaded deliveries without opening them
      (imw_locate_source_rows).
    - key=<column> (one row per key, the first version stands): rows whose key is
      not in {{ this }} yet.
    - key=<column>, newer_deliveries=true (one row per key, the newest version
      wins): also rows of deliveries newer than the newest in {{ this }}.
    Deliveries are immutable and arrive in date order: the pipeline rebuilds from
    nothing when a loaded delivery changes or disappears. Columns unqualified: use
    it on a relation of its own. -#}
{% macro imw_not_loaded_yet(key='delivery_date', newer_deliveries=false) -%}
    {%- set loaded = imw_delivery_dates(this) if is_incremental() else [] -%}
    {%- if loaded | length == 0 -%}
        true
    {%- elif key != 'delivery_date' -%}
        {%- set newer = " or delivery_date > cast('" ~ loaded | last ~ "' as date)" -%}
        {%- set newer = newer if newer_deliveries else '' -%}
        ({{ key }} not in (select {{ key }} from {{ this }}){{ newer }})
    {%- else -%}
        {%- set literals = [] -%}
        {%- for delivery in loaded -%}
            {%- do literals.append("cast('" ~ delivery ~ "' as date)") -%}
        {%- endfor -%}
        delivery_date not in ({{ literals | join(', ') }})
    {%- endif -%}
{%- endmacro %}
