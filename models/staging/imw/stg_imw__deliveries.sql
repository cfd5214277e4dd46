with

manifests as (
    select file from {{ source('imw', 'manifests') }}
),

final as (
    select
        {{ imw_delivery_date_from_path('file') }} as delivery_date,
        file as manifest_path
    from manifests
)

select * from final
