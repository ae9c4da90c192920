"""marsad on Apache Spark: the same stages over a cluster, for corpora that outgrow one
machine (``marsad spark digest INPUT --out OUTPUT [--master URL]``).

* :mod:`.sources` — inputs (JSON/JSONL/Parquet, WARC in the CC-NEWS layout; local paths
  or Hadoop URIs) read by the single-machine readers on the workers;
* :mod:`.neardup` — MinHash signatures per partition, LSH bands as shuffle keys,
  candidate pairs joined and verified, connected components (:mod:`.graph`);
* :mod:`.blocks` — blocking by time window and key terms for corpus-wide events;
* :mod:`.job` — the pipeline's own stages per block, the merge of oversized blocks;
* :mod:`.tables` — Parquet tables with the report contract's content.

pyspark is an optional extra (``pip install 'marsad[spark]'``); nothing here is
imported by the single-machine pipeline.
"""
