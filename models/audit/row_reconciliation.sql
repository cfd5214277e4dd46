{#- One row per delivered file per complete delivery: rows delivered (raw),
    rows kept (cleaned) and rows quarantined. raw_rows = cleaned_rows +
    quarantined_rows is tested. -#}
{%- set entities = [
    ('stg_imw__organisations', 'int_organisations_validated'),
    ('stg_imw__providers', 'int_providers_validated'),
    ('stg_imw__applications', 'int_applications_validated'),
    ('stg_imw__coaching', 'int_coaching_validated'),
    ('stg_imw__settlements', 'int_settlements_validated'),
    ('stg_imw__mails', 'int_mails_validated'),
] %}
with

{% for staging_model, validated_model in entities -%}
raw_{{ loop.index }} as (
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref(staging_model) }}
    group by source_file, delivery_date
),

cleaned_{{ loop.index }} as (
    select
        source_file,
        delivery_date,
        count(*) as cleaned_rows
    from {{ ref(validated_model) }}
    where quarantine_reason is null
    group by source_file, delivery_date
),

{% endfor -%}
raw_counts as (
    {%- for staging_model, validated_model in entities %}
    select * from raw_{{ loop.index }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

cleaned_counts as (
    {%- for staging_model, validated_model in entities %}
    select * from cleaned_{{ loop.index }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

quarantined_counts as (
    select
        source_file,
        delivery_date,
        count(*) as quarantined_rows
    from {{ ref('quarantined_rows') }}
    group by source_file, delivery_date
),

final as (
    select
        raw_counts.source_file,
        raw_counts.delivery_date,
        raw_counts.raw_rows,
        coalesce(cleaned_counts.cleaned_rows, 0) as cleaned_rows,
        coalesce(quarantined_counts.quarantined_rows, 0) as quarantined_rows
    from raw_counts
    left join cleaned_counts
        on
            raw_counts.source_file = cleaned_counts.source_file
            and raw_counts.delivery_date = cleaned_counts.delivery_date
    left join quarantined_counts
        on
            raw_counts.source_file = quarantined_counts.source_file
            and raw_counts.delivery_date = quarantined_counts.delivery_date
)

select * from final
