-- F10 Expenditure per quarter and component (deck: "Uitgaven per kwartaal").
--
-- Definition: the net sum of the settlement amounts (corrections are their own rows
-- with a negative amount, so a plain sum is net) by quarter of the booking date and
-- component. The deck: K3 2023 € 1.776.737,49; K4 2023 € 5.700.979,90;
-- K1 2024 € 8.703.209,65; 2023 € 7.477.717,39; 2024 € 53.889.475,10;
-- 2025 € 66.699.650,96.
with

settlements as (
    select * from {{ ref('fact_settlement') }}
),

quarters as (
    select * from {{ ref('dim_quarter') }}
),

per_quarter_and_component as (
    select
        quarters.quarter_key,
        quarters.quarter_label,
        quarters.year_number,
        settlements.component_code,
        sum(settlements.amount) as net_amount,
        sum(settlements.amount) filter (
            where settlements.is_correction
        ) as corrections_amount
    from settlements
    inner join quarters
        on settlements.booking_quarter_key = quarters.quarter_key
    group by
        quarters.quarter_key,
        quarters.quarter_label,
        quarters.year_number,
        settlements.component_code
),

final as (
    select
        quarter_label,
        component_code,
        net_amount,
        coalesce(corrections_amount, 0) as corrections_amount,
        sum(net_amount) over (partition by quarter_key) as net_amount_quarter,
        sum(net_amount) over (partition by year_number) as net_amount_year
    from per_quarter_and_component
    order by quarter_key, component_code
)

select * from final
