{#- The consecutive pairs of editions (imw_edition_pairs) an incremental edition
    model adds in this run: those with an edition before them whose reference_date
    is newer than every edition {{ this }} holds (all of them outside an incremental
    run). -#}
{% macro imw_new_edition_pairs(relation) -%}
    {%- set newest_loaded = imw_beginning_of_time() -%}
    {%- if is_incremental() -%}
        {%- set newest_loaded = '(select coalesce(max(loaded.reference_date), '
            ~ imw_beginning_of_time() ~ ') from ' ~ this ~ ' as loaded)' -%}
    {%- endif -%}
    select
        pairs.reference_date,
        pairs.previous_reference_date
    from ({{ imw_edition_pairs(relation) }}) as pairs
    where
        pairs.previous_reference_date is not null
        and pairs.reference_date > {{ newest_loaded }}
{%- endmacro %}
