{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('per_edition'),
    )
}}
{#- The values that differ between two consecutive editions of the figure book
    (keys present in both). Incremental: a run adds the changes of the editions
    newer than those it holds (normally one: its own reference date), each against
    the edition before it in figure_book_as_of; a full refresh gives the same rows. -#}
with

editions as (
    select * from {{ ref('figure_book_as_of') }}
),

new_pairs as (
    {{ imw_new_edition_pairs(ref('figure_book_as_of')) }}
),

final as (
    select
        current_edition.figure_id,
        current_edition.key,
        current_edition.reference_date,
        previous_edition.reference_date as previous_reference_date,
        current_edition.value,
        previous_edition.value as previous_value
    from new_pairs
    inner join editions as current_edition
        on new_pairs.reference_date = current_edition.reference_date
    inner join editions as previous_edition
        on
            new_pairs.previous_reference_date = previous_edition.reference_date
            and current_edition.figure_id = previous_edition.figure_id
            and current_edition.key = previous_edition.key
    where current_edition.value != previous_edition.value
)

select * from final
