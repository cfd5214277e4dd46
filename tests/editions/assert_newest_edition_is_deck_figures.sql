{#- deck_figures is the newest edition of figure_book_as_of: fails for every value
    that one has and the other has not, or has with another value. -#}
with

newest_edition as (
    select figure_book_as_of.*
    from {{ ref('figure_book_as_of') }} as figure_book_as_of
    where figure_book_as_of.reference_date = (
        select max(editions.reference_date)
        from {{ ref('figure_book_as_of') }} as editions
    )
),

deck_figures as (
    select * from {{ ref('deck_figures') }}
),

compared as (
    select
        coalesce(newest_edition.figure_id, deck_figures.figure_id) as figure_id,
        coalesce(newest_edition.key, deck_figures.key) as key,
        newest_edition.reference_date as edition_reference_date,
        deck_figures.reference_date as deck_reference_date,
        newest_edition.value as edition_value,
        deck_figures.value as deck_value
    from newest_edition
    full outer join deck_figures
        on
            newest_edition.figure_id = deck_figures.figure_id
            and newest_edition.key = deck_figures.key
)

select * from compared
where
    edition_value is null
    or deck_value is null
    or edition_value != deck_value
    or edition_reference_date != deck_reference_date
