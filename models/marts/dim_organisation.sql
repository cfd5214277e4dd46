with

history as (
    select * from {{ ref('int_organisation_history') }}
),

natural_persons as (
    select distinct organisation_id from {{ ref('int_natural_persons') }}
),

sectors as (
    select
        sector_key,
        nace_subclass_code
    from {{ ref('dim_sector') }}
),

provinces as (
    select
        province_key,
        province_code
    from {{ ref('dim_province') }}
),

organisation_ids as (
    select distinct organisation_id from history
),

self_employed as (
    select
        organisation_ids.organisation_id,
        natural_persons.organisation_id is not null as is_self_employed_person
    from organisation_ids
    left join natural_persons
        on organisation_ids.organisation_id = natural_persons.organisation_id
),

versions as (
    select
        cast(
            row_number() over (
                order by history.organisation_id, history.valid_from
            ) as integer
        ) as organisation_key,
        history.organisation_id,
        cast(history.version_number as integer) as version_number,
        history.valid_from,
        history.valid_to,
        history.is_current,
        -- a self-employed person is a natural person: the name and the numbers that
        -- name them (the KBO's public search shows a person's enterprise) are withheld
        case
            when not self_employed.is_self_employed_person then history.kbo_number
        end as kbo_number,
        history.kbo_is_valid,
        case
            when not self_employed.is_self_employed_person
                then history.foreign_registration_number
        end as foreign_registration_number,
        case
            when self_employed.is_self_employed_person
                then 'Zelfstandige (naam afgeschermd)'
            else history.organisation_name
        end as organisation_name,
        self_employed.is_self_employed_person,
        coalesce(sectors.sector_key, -1) as sector_key,
        history.nace_subclass_code,
        history.is_maatwerkbedrijf,
        history.postcode,
        history.municipality,
        history.country_code,
        history.is_head_office_abroad,
        coalesce(provinces.province_key, -1) as province_key,
        coalesce(provinces.province_code, 'ONBEKEND') as province_code
    from history
    inner join self_employed
        on history.organisation_id = self_employed.organisation_id
    left join sectors
        on history.nace_subclass_code = sectors.nace_subclass_code
    left join provinces
        on history.province_code = provinces.province_code
),

unknown_member as (
    select
        -1 as organisation_key,
        'ONBEKEND' as organisation_id,
        1 as version_number,
        {{ imw_beginning_of_time() }} as valid_from,
        {{ imw_end_of_time() }} as valid_to,
        true as is_current,
        cast(null as {{ dbt.type_string() }}) as kbo_number,
        cast(null as boolean) as kbo_is_valid,
        cast(null as {{ dbt.type_string() }}) as foreign_registration_number,
        'Onbekend' as organisation_name,
        false as is_self_employed_person,
        -1 as sector_key,
        cast(null as {{ dbt.type_string() }}) as nace_subclass_code,
        cast(null as boolean) as is_maatwerkbedrijf,
        cast(null as {{ dbt.type_string() }}) as postcode,
        cast(null as {{ dbt.type_string() }}) as municipality,
        cast(null as {{ dbt.type_string() }}) as country_code,
        false as is_head_office_abroad,
        -1 as province_key,
        'ONBEKEND' as province_code
),

final as (
    select * from versions
    union all
    select * from unknown_member
)

select * from final
