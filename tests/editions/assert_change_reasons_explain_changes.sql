{#- The reasons explain the changes: for F1, F2, F3 (counts) and F10, per edition
    and key present in both consecutive editions, the value_change of
    figure_change_reasons sums to value - previous_value of figure_changes (0 when
    the value did not change). Fails for every key where they differ. -#}
with

editions as (
    select * from {{ ref('figure_book_as_of') }}
    where
        figure_id in ('F1', 'F2', 'F3', 'F10')
        and key not like 'share|%'
),

edition_pairs as (
    {{ imw_edition_pairs(ref('figure_book_as_of')) }}
),

differences as (
    select
        current_edition.reference_date,
        current_edition.figure_id,
        current_edition.key,
        current_edition.value - previous_edition.value as difference
    from edition_pairs
    inner join editions as current_edition
        on edition_pairs.reference_date = current_edition.reference_date
    inner join editions as previous_edition
        on
            edition_pairs.previous_reference_date = previous_edition.reference_date
            and current_edition.figure_id = previous_edition.figure_id
            and current_edition.key = previous_edition.key
),

explained as (
    select
        reference_date,
        figure_id,
        key,
        sum(value_change) as value_change
    from {{ ref('figure_change_reasons') }}
    group by reference_date, figure_id, key
),

compared as (
    select
        differences.reference_date,
        differences.figure_id,
        differences.key,
        differences.difference,
        coalesce(explained.value_change, 0) as explained_change
    from differences
    left join explained
        on
            differences.reference_date = explained.reference_date
            and differences.figure_id = explained.figure_id
            and differences.key = explained.key
)

select * from compared
where difference != explained_change
