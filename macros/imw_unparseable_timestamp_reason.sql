{#- The quarantine reason of a delivered timestamp that gives no instant, or
    null: 'unparseable <column>' for text that is not `dd/mm/yyyy hh:mm:ss`,
    with the cause added for a well-formed time that does not exist in
    Brussels (the spring daylight-saving gap, see imw_brussels_instant). -#}
{% macro imw_unparseable_timestamp_reason(raw_column, instant_column, source_column) -%}
    case
        when {{ instant_column }} is null and trim({{ raw_column }}) <> ''
            then
                case
                    when {{ imw_parse_wall_clock(raw_column) }} is null
                        then 'unparseable {{ source_column }}'
                    else
                        'unparseable {{ source_column }}: no such Europe/Brussels'
                        || ' time (spring daylight-saving gap)'
                end
    end
{%- endmacro %}
