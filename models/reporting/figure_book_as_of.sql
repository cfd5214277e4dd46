{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('per_edition'),
    )
}}
{#- Every edition of the figure book: the rows of deck_figures for each complete
    delivery as the newest. Incremental: a run adds (or, run again, replaces) the
    edition of its own reference date and keeps the earlier ones, which cannot
    change while their deliveries do not (the pipeline rebuilds every edition, one
    delivery at a time, when code, key or a delivery changed: imw.editions).
    deck_figures is the newest edition: this model only keeps its rows. -#}
with

deck_figures as (
    select * from {{ ref('deck_figures') }}
),

final as (
    select
        reference_date,
        figure_id,
        key,
        value
    from deck_figures
)

select * from final
