"""Drop-in pieces for the engines corpus builders already run.

* :mod:`mojifix.integrations.pandas` — ``repair_series`` / ``repair_frame``: the one pandas
  function that serves Dask (``map_partitions``) and Spark (``pandas_udf``);
* :mod:`mojifix.integrations.ray` — ``RepairText``, for Ray Data ``Dataset.map_batches``.

Each needs its optional dependency (``pip install 'mojifix[pandas]'``, ``'mojifix[ray]'``)
and says so clearly when it is missing.
"""
