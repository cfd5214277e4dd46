{#- Every delivered settlement booking with its quarantine reason (null =
    clean). The application must be known: clean in some complete delivery up to
    and including the booking's delivery. -#}
with

settlements as (
    select * from {{ ref('stg_imw__settlements') }}
),

applications as (
    select
        application_id,
        min(delivery_date) as first_delivery_date
    from {{ ref('int_applications_validated') }}
    where quarantine_reason is null
    group by application_id
),

components as (
    select component_code from {{ ref('ref_settlement_components') }}
),

checked as (
    select
        settlements.*,
        nullif(concat_ws(
            '; ',
            case when settlements.settlement_id is null then 'missing afrekening_id' end,
            case
                when settlements.application_id is null then 'missing aanvraag_id'
                when applications.application_id is null then 'unknown aanvraag_id'
            end,
            case when components.component_code is null then 'unknown component' end,
            case when settlements.amount is null then 'unparseable bedrag' end,
            case when settlements.booked_on is null then 'unparseable geboekt_op' end,
            case
                when settlements.period_from is null
                    and trim(settlements.raw_periode_van) <> ''
                    then 'unparseable periode_van'
            end,
            case
                when settlements.period_to is null
                    and trim(settlements.raw_periode_tot) <> ''
                    then 'unparseable periode_tot'
            end
        ), '') as quarantine_reason
    from settlements
    left join applications
        on
            settlements.application_id = applications.application_id
            and applications.first_delivery_date <= settlements.delivery_date
    left join components
        on settlements.component_code = components.component_code
),

final as (
    select * from checked
)

select * from final
