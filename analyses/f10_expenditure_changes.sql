-- F10 What changed in expenditure between two editions of the figure book, and why
-- (here the edition of 30/09/2025 against that of 28/02/2026, as `make report` compares
-- them: IMW_REFERENCE_DATE=2026-02-28 IMW_COMPARE_WITH=2025-09-30).
--
-- Definition: the F10 values (net settlement amounts per quarter and component, per
-- quarter and per year) of figure_book_as_of at both dates that differ, keys present in
-- both; the reasons from figure_change_reasons (new_booking, correction_booked, ...),
-- whose value_change is the booking's amount, summed over every consecutive pair of
-- editions after the first date up to the second. Per key the reasons add up to the
-- difference. One row per key and reason.
--
-- Starting points: change the two date literals in `editions` (both must be editions);
-- or select member_id from figure_change_reasons to list the bookings themselves.
with

figure_book as (
    select * from {{ ref('figure_book_as_of') }}
),

change_reasons as (
    select * from {{ ref('figure_change_reasons') }}
),

editions as (
    select
        date '2025-09-30' as previous_reference_date,
        date '2026-02-28' as reference_date
),

changed_values as (
    select
        shown.key,
        earlier.value as previous_value,
        shown.value,
        shown.value - earlier.value as difference
    from editions
    inner join figure_book as shown
        on editions.reference_date = shown.reference_date
    inner join figure_book as earlier
        on
            editions.previous_reference_date = earlier.reference_date
            and shown.figure_id = earlier.figure_id
            and shown.key = earlier.key
    where
        shown.figure_id = 'F10'
        and shown.value <> earlier.value
),

reasons_between_editions as (
    select
        change_reasons.key,
        change_reasons.reason_code,
        change_reasons.reason_label,
        count(distinct change_reasons.member_id) as bookings,
        sum(change_reasons.value_change) as value_change
    from change_reasons
    inner join editions
        on
            change_reasons.reference_date > editions.previous_reference_date
            and change_reasons.reference_date <= editions.reference_date
    where change_reasons.figure_id = 'F10'
    group by
        change_reasons.key,
        change_reasons.reason_code,
        change_reasons.reason_label
),

final as (
    select
        changed_values.key,
        changed_values.previous_value,
        changed_values.value,
        changed_values.difference,
        reasons_between_editions.reason_code,
        reasons_between_editions.reason_label,
        reasons_between_editions.bookings,
        reasons_between_editions.value_change
    from changed_values
    left join reasons_between_editions
        on changed_values.key = reasons_between_editions.key
    order by changed_values.key, reasons_between_editions.reason_code
)

select * from final
