{#- One row per delivered file per complete delivery: rows delivered (raw),
    rows kept (cleaned) and rows quarantined. raw_rows = cleaned_rows +
    quarantined_rows is tested, and so is the quarantine limit. Raw rows are
    all rows of the validated models (one row per delivered row: the staging
    view's rows, read once), cleaned rows those without a quarantine reason,
    quarantined rows those in audit.quarantined_rows. A delivered file without
    data rows (header only) shows with zeros. `delivered_files`: one entry per
    file, with the validated model that holds its rows. -#}
{%- set delivered_files = [
    ('organisaties.csv', 'int_organisations_validated'),
    ('dienstverleners.csv', 'int_providers_validated'),
    ('aanvragen.csv', 'int_applications_validated'),
    ('begeleidingen.csv', 'int_coaching_validated'),
    ('afrekeningen.csv', 'int_settlements_validated'),
    ('mails.csv', 'int_mails_validated'),
] %}
with

deliveries as (
    select delivery_date from {{ ref('stg_imw__deliveries') }}
),

delivered_files as (
    select
        delivery_files.source_file,
        deliveries.delivery_date
    from deliveries
    cross join (
        values
        {%- for source_file, validated_model in delivered_files %}
            ('{{ source_file }}'){% if not loop.last %},{% endif %}
        {%- endfor %}
    ) as delivery_files (source_file)
),

-- one scan per validated model: its rows, and those without a quarantine reason
row_counts as (
    {%- for source_file, validated_model in delivered_files %}
        select
            source_file,
            delivery_date,
            count(*) as raw_rows,
            count(case when quarantine_reason is null then 1 end) as cleaned_rows
        from {{ ref(validated_model) }}
        group by source_file, delivery_date
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
        delivered_files.source_file,
        delivered_files.delivery_date,
        coalesce(row_counts.raw_rows, 0) as raw_rows,
        coalesce(row_counts.cleaned_rows, 0) as cleaned_rows,
        coalesce(quarantined_counts.quarantined_rows, 0) as quarantined_rows
    from delivered_files
    left join row_counts
        on
            delivered_files.source_file = row_counts.source_file
            and delivered_files.delivery_date = row_counts.delivery_date
    left join quarantined_counts
        on
            delivered_files.source_file = quarantined_counts.source_file
            and delivered_files.delivery_date = quarantined_counts.delivery_date
)

select * from final
