{#- Fails for every pair of versions of the same entity whose validity intervals
    [valid_from, valid_to] overlap (SCD2 integrity). -#}
{% test no_overlapping_validity(
    model, entity_column, valid_from='valid_from', valid_to='valid_to'
) %}

select
    earlier.{{ entity_column }},
    earlier.{{ valid_from }} as earlier_valid_from,
    later.{{ valid_from }} as later_valid_from
from {{ model }} as earlier
inner join {{ model }} as later
    on
        earlier.{{ entity_column }} = later.{{ entity_column }}
        and earlier.{{ valid_from }} < later.{{ valid_from }}
        and earlier.{{ valid_to }} >= later.{{ valid_from }}

{% endtest %}
