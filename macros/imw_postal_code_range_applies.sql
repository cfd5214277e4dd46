{#- Join condition of postal code -> province: the range of ref_postal_code_ranges
    (alias `ranges`) holds the postal code and applies on some day from `first_day`
    to `last_day` (both included; the same expression twice for one date). A range
    applies from its valid_from to its valid_to, both included; a null valid_to is
    open-ended. Only Belgian postal codes are looked up (imw_is_head_office_abroad). -#}
{% macro imw_postal_code_range_applies(ranges, postcode_number, first_day, last_day) -%}
    {{ postcode_number }} between {{ ranges }}.postcode_from and {{ ranges }}.postcode_to
    and {{ ranges }}.valid_from <= {{ last_day }}
    and ({{ ranges }}.valid_to is null or {{ ranges }}.valid_to >= {{ first_day }})
{%- endmacro %}
