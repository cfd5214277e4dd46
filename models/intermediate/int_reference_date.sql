{#- One row: the reference date, the extract date of the newest complete
    delivery (folder with a manifest). -#}
with

deliveries as (
    select delivery_date from {{ ref('stg_imw__deliveries') }}
),

final as (
    select
        max(delivery_date) as reference_date,
        count(*) as complete_delivery_count
    from deliveries
)

select * from final
