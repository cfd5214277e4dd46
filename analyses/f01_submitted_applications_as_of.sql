-- F1 Submitted applications as the figure book stood on 30/09/2025
-- (the edition published when the delivery of 30/09/2025 was the newest).
--
-- Definition: reporting.figure_book_as_of holds every edition of the figure book, one
-- per complete delivery, with the keys and definitions of deck_figures (which is the
-- newest edition). F1's keys: `<quarter>|<type>` (K3 2023|LP), `<year>` and `total`.
-- An edition counts what was delivered by its date: an application delivered late, or
-- whose status changed since, makes a later edition differ (figure_change_reasons).
--
-- Starting points: change the date literal to read another edition (one of
-- `select distinct reference_date from reporting.figure_book_as_of`), or the figure_id
-- to read another figure.
with

figure_book as (
    select * from {{ ref('figure_book_as_of') }}
),

f1_on_30_september_2025 as (
    select
        key,
        value
    from figure_book
    where
        reference_date = date '2025-09-30'
        and figure_id = 'F1'
),

final as (
    select
        key,
        -- the parts of the key: a quarter and a type, a year, or the total
        case
            when key like 'K%|%' then split_part(key, '|', 1)
        end as quarter_label,
        case
            when key like 'K%|%' then split_part(key, '|', 2)
        end as premium_type_code,
        case
            when key = 'total' then 'total'
            when key like 'K%|%' then 'quarter'
            else 'year'
        end as key_kind,
        cast(value as integer) as submitted_applications
    from f1_on_30_september_2025
    order by key_kind, key
)

select * from final
