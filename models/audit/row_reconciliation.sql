{#- One row per delivered file per complete delivery: rows delivered (raw),
    rows kept (cleaned) and rows quarantined. raw_rows = cleaned_rows +
    quarantined_rows is tested, and so is the quarantine limit. Raw rows are
    counted on staging (every delivered row), cleaned rows on the validated
    models, quarantined rows on audit.quarantined_rows. -#}
with

raw_counts as (
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('stg_imw__organisations') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('stg_imw__providers') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('stg_imw__applications') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('stg_imw__coaching') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('stg_imw__settlements') }}
    group by source_file, delivery_date
    union all
    select
        source_file,
        delivery_date,
        count(*) as raw_rows
    from {{ ref('stg_imw__mails') }}
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
