{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('revalidated'),
    )
}}
{#- Every delivered settlement booking with its quarantine reason (null =
    clean). The application is known when it is a clean row in any complete
    delivery (a booking may arrive one delivery before its application's
    snapshot shows it). A booking never changes: a row with an afrekening_id
    delivered before (an earlier delivery, or an earlier line of the same file)
    and other content is a conflicting re-send, quarantined; the first version
    stands, and a re-send with the same content counts once
    (int_settlements_deduplicated). Content is compared on the interpreted
    values (application, component, period, amount, booking date, corrected
    booking), not the raw text: the spec writes an amount with a thousands
    separator only in rows written before 2024, so a booking of December 2023
    re-sent in January 2024 reads `1.234,56` first and `1234,56` then, and is
    the same booking. A row with the wrong number of fields is no version of
    any booking.
    Incremental: a run validates the rows of the deliveries not loaded yet
    (each delivery is read once), and validates again the rows quarantined
    earlier, whose reference may have become known since; the first versions
    of their ids are looked up among the rows loaded before. A clean row stays
    clean (known keys only accumulate, and deliveries arrive in date order), so
    a full refresh gives the same rows; the delete of the rows validated again
    looks at quarantined rows only (incremental_predicates;
    DBT_INCREMENTAL_TARGET is dbt-duckdb's alias). -#}
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

versions as (
    select
        settlement_id,
        delivery_date,
        source_line_number,
        application_id,
        component_code,
        period_from,
        period_to,
        amount,
        booked_on,
        corrects_settlement_id
    from settlements
    where settlement_id is not null and field_count_issue is null
    {%- if is_incremental() %}
        union
        select
            loaded.settlement_id,
            loaded.delivery_date,
            loaded.source_line_number,
            loaded.application_id,
            loaded.component_code,
            loaded.period_from,
            loaded.period_to,
            loaded.amount,
            loaded.booked_on,
            loaded.corrects_settlement_id
        from {{ this }} as loaded
        where
            loaded.field_count_issue is null
            and loaded.settlement_id in (
                select validating.settlement_id from settlements as validating
            )
    {%- endif %}
),

first_versions as (
    select * from (
        select
            *,
            row_number() over (
                partition by settlement_id
                order by delivery_date, source_line_number
            ) as version_number
        from versions
    ) as numbered_versions
    where version_number = 1
),

compared as (
    select
        settlements.*,
        case
            when
                settlements.field_count_issue is null
                and (
                    first_versions.delivery_date <> settlements.delivery_date
                    or first_versions.source_line_number
                    <> settlements.source_line_number
                )
                then nullif(concat_ws(
                    ', ',
                    case
                        when
                            settlements.application_id
                            is distinct from first_versions.application_id
                            then 'aanvraag_id'
                    end,
                    case
                        when
                            settlements.component_code
                            is distinct from first_versions.component_code
                            then 'component'
                    end,
                    case
                        when
                            settlements.period_from
                            is distinct from first_versions.period_from
                            then 'periode_van'
                    end,
                    case
                        when
                            settlements.period_to
                            is distinct from first_versions.period_to
                            then 'periode_tot'
                    end,
                    case
                        when settlements.amount is distinct from first_versions.amount
                            then 'bedrag'
                    end,
                    case
                        when
                            settlements.booked_on
                            is distinct from first_versions.booked_on
                            then 'geboekt_op'
                    end,
                    case
                        when
                            settlements.corrects_settlement_id
                            is distinct from first_versions.corrects_settlement_id
                            then 'corrigeert'
                    end
                ), '')
        end as resent_differences,
        first_versions.delivery_date as first_version_delivery_date,
        first_versions.source_line_number as first_version_line_number
    from settlements
    left join first_versions
        on settlements.settlement_id = first_versions.settlement_id
),

checked as (
    select
        {{ imw_column_list(ref('stg_imw__settlements'), prefix='settlements.') }},
        nullif(concat_ws(
            '; ',
            -- first: a row with the wrong number of fields cannot be interpreted
            settlements.field_count_issue,
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
            end,
            case
                when settlements.resent_differences is not null
                    then
                        'conflicting re-send: differs from the first version (delivery '
                        || cast(
                            settlements.first_version_delivery_date
                            as {{ dbt.type_string() }}
                        )
                        || ' line '
                        || cast(
                            settlements.first_version_line_number
                            as {{ dbt.type_string() }}
                        )
                        || ') in ' || settlements.resent_differences
            end
        ), '') as quarantine_reason
    from compared as settlements
    left join applications
        on settlements.application_id = applications.application_id
    left join components
        on settlements.component_code = components.component_code
),

final as (
    select * from checked
)

select * from final
