{#- One row per provider: the clean rows of the newest complete delivery (the
    last row of a provider that appears twice). -#}
with

providers as (
    select * from {{ ref('int_providers_validated') }}
    where quarantine_reason is null
),

reference_date as (
    select reference_date from {{ ref('int_reference_date') }}
),

ranked as (
    select
        providers.*,
        row_number() over (
            partition by providers.provider_id
            order by providers.source_line_number desc
        ) as recency_rank
    from providers
    inner join reference_date
        on providers.delivery_date = reference_date.reference_date
),

final as (
    select
        delivery_date,
        source_file,
        source_line_number,
        provider_id,
        kbo_number,
        kbo_is_valid,
        provider_name,
        provider_kind_code,
        postcode,
        recognised_from,
        recognised_to
    from ranked
    where recency_rank = 1
)

select * from final
