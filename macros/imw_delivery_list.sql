{#- The complete deliveries as a list of folder names `yyyy-mm-dd`, oldest first, when
    var('deliveries') gives them (a list, or one comma-separated text: the orchestrator
    knows which deliveries it validated and passes `--vars`); none when the var is not
    given. Stops the run on a name that is not a date. -#}
{% macro imw_delivery_list() -%}
    {%- set given = var('deliveries', none) -%}
    {%- if given is none or given == '' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set names = given.split(',') if given is string else given -%}
    {%- set deliveries = [] -%}
    {%- for name in names -%}
        {%- set delivery = name | string | trim -%}
        {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', delivery) -%}
            {{ exceptions.raise_compiler_error(
                "var('deliveries'): '" ~ delivery ~ "' is not a delivery folder name "
                ~ "yyyy-mm-dd"
            ) }}
        {%- endif -%}
        {%- if delivery not in deliveries -%}
            {%- do deliveries.append(delivery) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(deliveries | sort) }}
{%- endmacro %}
