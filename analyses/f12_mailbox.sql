-- F12 Functional mailbox (deck: "Doorlooptijden": "gemiddeld 400 behandelde e-mails per
-- maand (excl. persoonlijke postvakken) met gemiddelde behandeltijd van 2 dagen").
--
-- Definition: mails of the functional mailbox (is_functional_mailbox) handled in the
-- reference period, per calendar month of handling; the deck's figure is the average
-- over the months (July 2023 up to and including the reference date's month), rounded
-- to the nearest ten. Handling time: the time elapsed between the instants received_at
-- and handled_at in days, fractions included (handling_days; across a daylight-saving
-- change an hour off the wall-clock difference). The month of handling is the Brussels
-- month (handled_on is the Europe/Brussels date).
with

mails as (
    select * from {{ ref('fact_mail') }}
),

snapshot_dates as (
    select * from {{ ref('dim_snapshot_date') }}
),

reference_date as (
    select snapshot_date as reference_date
    from snapshot_dates
    where is_reference_date
),

handled_mails as (
    select
        mails.mail_id,
        mails.handling_days,
        date_trunc('month', mails.handled_on) as handled_month
    from mails
    cross join reference_date
    where
        mails.is_functional_mailbox
        and mails.is_handled
        and mails.handled_on
        between cast('{{ var("reporting_period_start") }}' as date)
        and reference_date.reference_date
),

per_month as (
    select
        handled_month,
        count(*) as handled_mails,
        avg(handling_days) as average_handling_days
    from handled_mails
    group by handled_month
),

final as (
    select
        cast(handled_month as date) as handled_month,
        handled_mails,
        round(average_handling_days, 2) as average_handling_days,
        -- the deck's figures: average per month over the period, handling time overall
        round(avg(handled_mails) over (), 1) as average_mails_per_month,
        round(
            (select avg(handled_mails.handling_days) from handled_mails), 2
        ) as average_handling_days_period
    from per_month
    order by handled_month
)

select * from final
