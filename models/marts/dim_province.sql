with

provinces as (
    select * from {{ ref('ref_provinces') }}
),

units as (
    select
        province_nis_code as province_code,
        label_nl as province_label_nl,
        region_nis_code as region_code,
        region_label_nl,
        is_province,
        false as is_abroad
    from provinces

    union all

    select
        'BUITENLAND' as province_code,
        'Buitenland' as province_label_nl,
        'BUITENLAND' as region_code,
        'Buitenland' as region_label_nl,
        false as is_province,
        true as is_abroad
),

keyed as (
    select
        cast(
            row_number() over (order by is_abroad, province_code) as integer
        ) as province_key,
        *
    from units
),

unknown_member as (
    select
        -1 as province_key,
        'ONBEKEND' as province_code,
        'Onbekend' as province_label_nl,
        'ONBEKEND' as region_code,
        'Onbekend' as region_label_nl,
        false as is_province,
        false as is_abroad
),

final as (
    select * from keyed
    union all
    select * from unknown_member
)

select * from final
