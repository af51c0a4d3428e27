# a trace tree whose nodes name function infos the snapshot lacks: no object has a site, all 7 (890 B) are unattributed (fuzz_analyze: sorting no pairs passed qsort a NULL array)
args: sites -f json testdata/v8/alloc-no-functions.heapsnapshot
exit: 0
--- stdout
{
  "source": "testdata/v8/alloc-no-functions.heapsnapshot",
  "site_count": 0,
  "unattributed": 7,
  "unattributed_bytes": 890,
  "sites": []
}
