{#- The organisations that are natural persons, with every enterprise number they
    were delivered with: a self-employed person is one (warehouse-interface.md), and
    an organisation that applied for an ondersteuningspremie is a self-employed
    person (int_organisation_premium_profile). One home for the rule "this names a
    natural person": the marts and the audit withhold names, enterprise numbers and
    raw values of these organisations, and of a provider with one of their
    enterprise numbers (a self-employed coach is the same person). -#}
with

profiles as (
    select organisation_id
    from {{ ref('int_organisation_premium_profile') }}
    where is_self_employed_person
),

organisations as (
    select distinct
        organisation_id,
        kbo_number
    from {{ ref('int_organisations_validated') }}
    where organisation_id is not null
),

final as (
    select distinct
        profiles.organisation_id,
        organisations.kbo_number
    from profiles
    left join organisations
        on profiles.organisation_id = organisations.organisation_id
)

select * from final
