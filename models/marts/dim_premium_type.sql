with

premium_types as (
    select * from {{ ref('ref_premium_types') }}
),

known_types as (
    select
        cast(sort_order as integer) as premium_type_key,
        premium_type_code,
        label_nl as premium_type_label_nl,
        label_short_nl as premium_type_short_label_nl,
        is_wage_premium,
        includes_coaching_premium
    from premium_types
),

unknown_member as (
    select
        -1 as premium_type_key,
        'ONBEKEND' as premium_type_code,
        'Onbekend' as premium_type_label_nl,
        'Onbekend' as premium_type_short_label_nl,
        false as is_wage_premium,
        false as includes_coaching_premium
),

final as (
    select * from known_types
    union all
    select * from unknown_member
)

select * from final
