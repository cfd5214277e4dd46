-- F1 Submitted applications per quarter and premium type
-- (deck: "Aantal ingediende aanvragen per kwartaal per premietype").
--
-- Definition: applications whose status is anything but ONONTVANKELIJK
-- (fact_application.counts_as_submitted), by quarter of the submission date
-- (submitted_quarter_key) and premium type. The deck: 15.305 in total; 2023: 3.619,
-- 2024: 5.385, 2025: 5.382, 2026: 919 (K1 2026 up to the reference date).
--
-- Starting points: add `application_kind_code` to the select and group by to split new
-- applications from extensions, or join dim_organisation to break down by province.
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

submitted_per_quarter_and_type as (
    select
        quarters.quarter_key,
        quarters.quarter_label,
        quarters.year_number,
        premium_types.premium_type_code,
        premium_types.premium_type_label_nl,
        count(*) as submitted_applications
    from applications
    inner join quarters
        on applications.submitted_quarter_key = quarters.quarter_key
    inner join premium_types
        on applications.premium_type_key = premium_types.premium_type_key
    where applications.counts_as_submitted
    group by
        quarters.quarter_key,
        quarters.quarter_label,
        quarters.year_number,
        premium_types.premium_type_key,
        premium_types.premium_type_code,
        premium_types.premium_type_label_nl
),

final as (
    select
        quarter_label,
        premium_type_code,
        premium_type_label_nl,
        submitted_applications,
        -- the quarter's total over the three types, and the year's total
        sum(submitted_applications) over (
            partition by quarter_key
        ) as submitted_in_quarter,
        sum(submitted_applications) over (
            partition by year_number
        ) as submitted_in_year
    from submitted_per_quarter_and_type
    order by quarter_key, premium_type_code
)

select * from final
