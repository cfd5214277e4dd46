{#- Each edition (reference_date) of a relation with one, beside the edition before
    it (previous_reference_date; null for the first): the consecutive pairs the
    figure book's changes are computed over. -#}
{% macro imw_edition_pairs(relation) -%}
    select
        reference_date,
        lag(reference_date) over (order by reference_date) as previous_reference_date
    from (select distinct reference_date from {{ relation }}) as editions
{%- endmacro %}
