{#- One row per delivered file per complete delivery: rows delivered (raw),
    rows kept (cleaned) and rows quarantined. raw_rows = cleaned_rows +
    quarantined_rows is tested, and so is the quarantine limit. Raw rows are
    all rows of the validated models (one row per delivered row: the staging
    view's rows, read once), cleaned rows those without a quarantine reason,
    quarantined rows those in audit.quarantined_rows. A delivered file without
    data rows (header only) shows with zeros. -#}
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
        ('organisaties.csv'),
        ('dienstverleners.csv'),
        ('aanvragen.csv'),
        ('begeleidingen.csv'),
        ('afrekeningen.csv'),
        ('mails.csv')
    ) as delivery_files (source_file)
),

raw_counts as (
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('int_organisations_validated') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('int_providers_validated') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('int_applications_validated') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('int_coaching_validated') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('int_settlements_validated') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('int_mails_validated') }}
    group by source_file, delivery_date
),

cleaned_counts as (
    select
        source_file,
        delivery_date,
        count(*) as cleaned_rows
    from {{ ref('int_organisations_validated') }}
    where quarantine_reason is null
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as cleaned_rows
    from {{ ref('int_providers_validated') }}
    where quarantine_reason is null
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as cleaned_rows
    from {{ ref('int_applications_validated') }}
    where quarantine_reason is null
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as cleaned_rows
    from {{ ref('int_coaching_validated') }}
    where quarantine_reason is null
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as cleaned_rows
    from {{ ref('int_settlements_validated') }}
    where quarantine_reason is null
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as cleaned_rows
    from {{ ref('int_mails_validated') }}
    where quarantine_reason is null
    group by source_file, delivery_date
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
        coalesce(raw_counts.raw_rows, 0) as raw_rows,
        coalesce(cleaned_counts.cleaned_rows, 0) as cleaned_rows,
        coalesce(quarantined_counts.quarantined_rows, 0) as quarantined_rows
    from delivered_files
    left join raw_counts
        on
            delivered_files.source_file = raw_counts.source_file
            and delivered_files.delivery_date = raw_counts.delivery_date
    left join cleaned_counts
        on
            delivered_files.source_file = cleaned_counts.source_file
            and delivered_files.delivery_date = cleaned_counts.delivery_date
    left join quarantined_counts
        on
            delivered_files.source_file = quarantined_counts.source_file
            and delivered_files.delivery_date = quarantined_counts.delivery_date
)

select * from final
