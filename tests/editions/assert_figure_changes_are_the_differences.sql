{#- figure_changes holds exactly the values that differ between consecutive
    editions of figure_book_as_of (keys in both): fails for a difference it lacks or
    a row that is not one. -#}
with

editions as (
    select * from {{ ref('figure_book_as_of') }}
),

edition_pairs as (
    {{ imw_edition_pairs(ref('figure_book_as_of')) }}
),

differences as (
    select
        current_edition.reference_date,
        previous_edition.reference_date as previous_reference_date,
        current_edition.figure_id,
        current_edition.key,
        current_edition.value,
        previous_edition.value as previous_value
    from edition_pairs
    inner join editions as current_edition
        on edition_pairs.reference_date = current_edition.reference_date
    inner join editions as previous_edition
        on
            edition_pairs.previous_reference_date = previous_edition.reference_date
            and current_edition.figure_id = previous_edition.figure_id
            and current_edition.key = previous_edition.key
    where current_edition.value != previous_edition.value
),

changes as (
    select * from {{ ref('figure_changes') }}
),

compared as (
    select
        differences.reference_date as expected_reference_date,
        changes.reference_date as found_reference_date,
        coalesce(differences.figure_id, changes.figure_id) as figure_id,
        coalesce(differences.key, changes.key) as key
    from differences
    full outer join changes
        on
            differences.reference_date = changes.reference_date
            and differences.previous_reference_date = changes.previous_reference_date
            and differences.figure_id = changes.figure_id
            and differences.key = changes.key
            and differences.value = changes.value
            and differences.previous_value = changes.previous_value
)

select * from compared
where expected_reference_date is null or found_reference_date is null
