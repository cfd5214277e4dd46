{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
    )
}}
{#- One row per organisation per complete delivery: the clean snapshot rows, the
    stale duplicate (older gewijzigd_op) of a row that changed during the export
    removed. Incremental: the rows of a delivery depend on that delivery alone,
    so a run adds the deliveries not loaded yet. -#}
with

organisations as (
    select * from {{ ref('int_organisations_validated') }}
    where
        quarantine_reason is null
        and {{ imw_not_loaded_yet() }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by delivery_date, organisation_id
            order by changed_at desc nulls last, source_line_number desc
        ) as recency_rank
    from organisations
),

final as (
    select
        delivery_date,
        source_file,
        source_line_number,
        organisation_id,
        kbo_number,
        kbo_is_valid,
        foreign_registration_number,
        organisation_name,
        nace_subclass_code,
        is_maatwerkbedrijf,
        postcode,
        postcode_number,
        municipality,
        country_code,
        changed_at
    from ranked
    where recency_rank = 1
)

select * from final
