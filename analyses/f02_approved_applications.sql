-- F2 Approved applications per quarter and premium type
-- (deck: "Aantal goedgekeurde dossiers per kwartaal per premietype").
--
-- Definition: applications with status GOEDGEKEURD, by quarter of the decision date
-- (decided_quarter_key) and premium type. The deck: 14.513 in total; 2023: 3.094,
-- 2024: 5.128, 2025: 5.478, 2026: 813.
with

applications as (
    select * from {{ ref('fact_application') }}
),

quarters as (
    select * from {{ ref('dim_quarter') }}
),

premium_types as (
    select * from {{ ref('dim_premium_type') }}
),

approved_per_quarter_and_type as (
    select
        quarters.quarter_key,
        quarters.quarter_label,
        quarters.year_number,
        premium_types.premium_type_code,
        premium_types.premium_type_label_nl,
        count(*) as approved_applications
    from applications
    inner join quarters
        on applications.decided_quarter_key = quarters.quarter_key
    inner join premium_types
        on applications.premium_type_key = premium_types.premium_type_key
    where applications.status_code = 'GOEDGEKEURD'
    group by
        quarters.quarter_key,
        quarters.quarter_label,
        quarters.year_number,
        premium_types.premium_type_code,
        premium_types.premium_type_label_nl
),

final as (
    select
        quarter_label,
        premium_type_code,
        premium_type_label_nl,
        approved_applications,
        sum(approved_applications) over (
            partition by year_number
        ) as approved_in_year
    from approved_per_quarter_and_type
    order by quarter_key, premium_type_code
)

select * from final
