# diff --help: its options from the option table, and its exit statuses
args: diff --help
exit: 0
--- stdout
usage: memscope diff [options] DUMP DUMP [DUMP...]

Compare dumps of one process, in the order they were taken (a folder
stands for its dumps in version-sort order). Two dumps: the totals, the
types that changed (new, freed, bytes and retained sizes) and the objects
whose retained size grew most, each with its path. Three dumps or more:
also the leaks, objects new in the last but one (since the first) and
still in the last, clustered by how they are retained; and the growth over
all of them: the types that grew in every interval, the collections whose
element count did, and the cohorts of new objects still alive. TSV output
is one table: the types (or sites, with --by site), or --grown, --leaks,
--series, --collections or --cohorts.

Options:
      --top N           rows of each table (default 20 in the table, all in
                        TSV and JSON; 0 = all)
      --sort KEY        order types by size_delta (default), delta,
                        retained_delta, new or alloc_bytes
      --by KEY          group the table by type (default) or site (where the
                        objects were allocated: the innermost frame)
      --grown           TSV: the grown objects
      --leaks           TSV: the leak clusters (three dumps or more)
      --series          TSV: the types over the dumps (three or more)
      --collections     TSV: the growing collections (three dumps or more)
      --cohorts         TSV: the cohorts (three dumps or more)
      --baseline FILE   known findings: listed as known, left out of
                        --fail-over
      --write-baseline FILE  write the findings' signatures to FILE
      --all-leaks       list the clusters of churn too: the runtime's own
                        objects and bounded caches at their bound
      --fail-over SIZE  exit 7 if the reachable heap grew by more than SIZE
                        (two dumps), or what is new grew more (three or
                        more); K, M, G
  -f, --format FORMAT   table (default), tsv or json
      --input-format F  auto (default), native, ruby or v8
      --no-index        parse the dump: no index read or written
      --raw-sizes       V8: keep V8's shallow sizes (no redistribution)
  -q, --quiet           no progress on stderr
  -v, --verbose         phase times and memory use on stderr
  -h, --help            show this help

Exit status: 0; 1 with --by site on a dump without sites; 7 past
--fail-over; 2, 3, 4, 6 as for every command (3 for a bad baseline).
