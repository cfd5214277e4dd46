{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
    )
}}
{#- Every delivered organisation row with its quarantine reason (null = clean).
    Incremental: each delivery is read and validated once (a run takes the
    deliveries not loaded yet); the checks depend on the row alone, so a
    row's reason never changes. -#}
with

organisations as (
    select * from {{ ref('stg_imw__organisations') }}
    where {{ imw_not_loaded_yet() }}
),

checked as (
    select
        *,
        nullif(concat_ws(
            '; ',
            -- first: a row with the wrong number of fields cannot be interpreted
            field_count_issue,
            case when organisation_id is null then 'missing organisatie_id' end,
            {{ imw_unparseable_timestamp_reason(
                'raw_gewijzigd_op', 'changed_at', 'gewijzigd_op'
            ) }}
        ), '') as quarantine_reason
    from organisations
),

final as (
    select * from checked
)

select * from final
