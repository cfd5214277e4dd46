-- F11 Processing time of a new application (deck: "Doorlooptijden": "gemiddelde
-- doorlooptijd van een nieuwe premieaanvraag van 5,9 kalenderdagen").
--
-- Definition: average calendar days from submission to decision
-- (fact_application.processing_days) for applications of kind NIEUW with status
-- GOEDGEKEURD or GEWEIGERD, submitted in the reference period (from
-- var reporting_period_start up to the reference date). Also per quarter of submission.
with

applications as (
    select * from {{ ref('fact_application') }}
),

quarters as (
    select * from {{ ref('dim_quarter') }}
),

snapshot_dates as (
    select * from {{ ref('dim_snapshot_date') }}
),

reference_date as (
    select snapshot_date as reference_date
    from snapshot_dates
    where is_reference_date
),

decided_new_applications as (
    select
        applications.application_id,
        applications.processing_days,
        quarters.quarter_key,
        quarters.quarter_label
    from applications
    inner join quarters
        on applications.submitted_quarter_key = quarters.quarter_key
    cross join reference_date
    where
        applications.application_kind_code = 'NIEUW'
        and applications.status_code in ('GOEDGEKEURD', 'GEWEIGERD')
        and applications.submitted_on
        between cast('{{ var("reporting_period_start") }}' as date)
        and reference_date.reference_date
),

per_quarter as (
    select
        quarter_key,
        quarter_label as period_label,
        count(*) as decided_applications,
        round(avg(processing_days), 2) as average_processing_days
    from decided_new_applications
    group by quarter_key, quarter_label
),

whole_period as (
    -- the deck's figure: 5,9 days
    select
        99999 as quarter_key,
        'Referentieperiode' as period_label,
        count(*) as decided_applications,
        round(avg(processing_days), 2) as average_processing_days
    from decided_new_applications
),

final as (
    select * from per_quarter
    union all
    select * from whole_period
    order by quarter_key
)

select * from final
