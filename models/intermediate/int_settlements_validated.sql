{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['delivery_date', 'source_line_number'],
        incremental_predicates=['DBT_INCREMENTAL_TARGET.quarantine_reason is not null'],
        on_schema_change='fail',
    )
}}
{#- Every delivered settlement booking with its quarantine reason (null =
    clean). The application is known when it is a clean row in any complete
    delivery (a booking may arrive one delivery before its application's
    snapshot shows it).
    Incremental: a run validates the rows of the deliveries not loaded yet
    (each delivery is read once), and validates again the rows quarantined
    earlier, whose reference may have become known since. A clean row stays
    clean (known keys only accumulate), so a full refresh gives the same rows;
    the delete of the rows validated again looks at quarantined rows only
    (incremental_predicates; DBT_INCREMENTAL_TARGET is dbt-duckdb's alias). -#}
with

settlements as (
    {{ imw_rows_to_validate(ref('stg_imw__settlements')) }}
),

applications as (
    select distinct application_id
    from {{ ref('int_applications_validated') }}
    where quarantine_reason is null
),

components as (
    select component_code from {{ ref('ref_settlement_components') }}
),

checked as (
    select
        settlements.*,
        nullif(concat_ws(
            '; ',
            case
                when settlements.settlement_id is null then 'missing afrekening_id'
            end,
            case
                when settlements.application_id is null then 'missing aanvraag_id'
                when applications.application_id is null then 'unknown aanvraag_id'
            end,
            case when components.component_code is null then 'unknown component' end,
            case when settlements.amount is null then 'unparseable bedrag' end,
            case when settlements.booked_on is null then 'unparseable geboekt_op' end,
            case
                when
                    settlements.period_from is null
                    and trim(settlements.raw_periode_van) <> ''
                    then 'unparseable periode_van'
            end,
            case
                when
                    settlements.period_to is null
                    and trim(settlements.raw_periode_tot) <> ''
                    then 'unparseable periode_tot'
            end
        ), '') as quarantine_reason
    from settlements
    left join applications
        on settlements.application_id = applications.application_id
    left join components
        on settlements.component_code = components.component_code
),

final as (
    select * from checked
)

select * from final
