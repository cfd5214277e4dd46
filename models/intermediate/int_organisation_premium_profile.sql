{#- One row per organisation that holds or held an application in any complete
    delivery: which premium types it applied for. An organisation that applied
    for an ondersteuningspremie is a self-employed person, a natural person
    (warehouse-interface.md), even when it also employs staff with a wage
    premium: its name and enterprise number are never published. That rule reads
    every application row whose premium type is known, quarantined ones included
    (a quarantined row of a person is still a person's). -#}
with

applications as (
    select
        organisation_id,
        premium_type_code,
        quarantine_reason is null as is_kept
    from {{ ref('int_applications_validated') }}
    where organisation_id is not null
),

final as (
    select
        organisation_id,
        coalesce({{ dbt.bool_or("is_kept and premium_type_code = 'OP'") }}, false)
            as has_support_premium,
        coalesce({{ dbt.bool_or("is_kept and premium_type_code <> 'OP'") }}, false)
            as has_wage_premium,
        coalesce(
            {{ dbt.bool_or("premium_type_code = 'OP'") }}, false
        ) as is_self_employed_person
    from applications
    group by organisation_id
)

select * from final
