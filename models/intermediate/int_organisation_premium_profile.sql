{#- One row per organisation that holds or held an application in any complete
    delivery: which premium types it applied for. An organisation that only ever
    held ondersteuningspremies is a self-employed person (a natural person). -#}
with

applications as (
    select
        organisation_id,
        premium_type_code
    from {{ ref('int_applications_validated') }}
    where quarantine_reason is null
),

final as (
    select
        organisation_id,
        max(case when premium_type_code = 'OP' then 1 else 0 end) = 1
            as has_support_premium,
        max(case when premium_type_code <> 'OP' then 1 else 0 end) = 1
            as has_wage_premium,
        max(case when premium_type_code = 'OP' then 1 else 0 end) = 1
        and max(case when premium_type_code <> 'OP' then 1 else 0 end) = 0
            as is_self_employed_person
    from applications
    group by organisation_id
)

select * from final
