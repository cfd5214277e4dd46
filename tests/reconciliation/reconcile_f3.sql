{#- Deck reconciliation, F3: active premiums on the reference date per type, LP at
    foreign organisations, total, and shares in % (to one decimal, tolerance 0.1
    point: anomaly A2, the deck prints 13,2 % where 1574/11849 rounds to 13,3 %).
    Returns one row per failing value with a failure_reason. Tagged reconcile;
    IMW_RECONCILE=0 disables it (data that is not the deck's). -#}
{{ config(tags=['reconcile'], enabled=env_var('IMW_RECONCILE', '1') != '0') }}

{{ imw_reconcile_figure('F3') }}
