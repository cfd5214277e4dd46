{#- Deck reconciliation, F1: submitted applications (status other than
    ONONTVANKELIJK) per quarter of ingediend_op and premium type, per year and in
    total. Returns one row per failing value with a failure_reason. Tagged
    reconcile; IMW_RECONCILE=0 disables it (data that is not the deck's). -#}
{{ config(tags=['reconcile'], enabled=env_var('IMW_RECONCILE', '1') != '0') }}

{{ imw_reconcile_figure('F1') }}
