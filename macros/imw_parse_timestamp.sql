{#- A source timestamp `dd/mm/yyyy hh:mm:ss` as an instant: the text is
    Europe/Brussels local time (source-extracts.md), so it is read as a wall
    clock and then placed on the time line by imw_brussels_instant (a time
    that occurs twice in the autumn change is the earlier instant; a time in
    the spring gap does not exist and gives null, like text that does not
    parse). Null when empty. -#}
{% macro imw_parse_timestamp(column) -%}
    {{ imw_brussels_instant(imw_parse_wall_clock(column)) }}
{%- endmacro %}
