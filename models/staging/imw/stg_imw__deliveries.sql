{#- The complete deliveries: those var('deliveries') names, or else the folders
    that hold a _manifest.json (imw_complete_deliveries_query). -#}
with

complete_deliveries as (
    {{ imw_complete_deliveries_query(source('imw', 'manifests')) }}
),

final as (
    select delivery_date from complete_deliveries
)

select * from final
