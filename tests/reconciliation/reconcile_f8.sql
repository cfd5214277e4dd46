{#- Deck reconciliation, F8: organisations with an active LPBP premium on the
    reference date, and the five largest classes (NACE subclass, maatwerkbedrijven
    as one class), in the deck's order. Returns one row per failing value with a
    failure_reason. Tagged reconcile; IMW_RECONCILE=0 disables it (data that is not
    the deck's). -#}
{{ config(tags=['reconcile'], enabled=env_var('IMW_RECONCILE', '1') != '0') }}

{{ imw_reconcile_figure('F8') }}
