{#- Every delivered organisation row with its quarantine reason (null = clean). -#}
with

organisations as (
    select * from {{ ref('stg_imw__organisations') }}
),

checked as (
    select
        *,
        nullif(concat_ws(
            '; ',
            case when organisation_id is null then 'missing organisatie_id' end,
            case
                when changed_at is null and trim(raw_gewijzigd_op) <> ''
                    then 'unparseable gewijzigd_op'
            end
        ), '') as quarantine_reason
    from organisations
),

final as (
    select * from checked
)

select * from final
