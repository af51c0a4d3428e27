# --cumulative: every frame credited; JSON with each site's types
args: sites --cumulative -f json testdata/v8/alloc.heapsnapshot
exit: 0
--- stdout
{
  "source": "testdata/v8/alloc.heapsnapshot",
  "site_count": 3,
  "unattributed": 2,
  "unattributed_bytes": 40,
  "sites": [
    {
      "site": "main (app.js:1:1)",
      "count": 5,
      "bytes": 850,
      "retained": 850,
      "top_type": "Entry",
      "types": [
        {"type": "Map", "count": 1, "bytes": 100},
        {"type": "Entry", "count": 2, "bytes": 400},
        {"type": "Temp", "count": 1, "bytes": 50},
        {"type": "Buffer", "count": 1, "bytes": 300}
      ]
    },
    {
      "site": "makeCache (app.js:10:20)",
      "count": 4,
      "bytes": 800,
      "retained": 800,
      "top_type": "Entry",
      "types": [
        {"type": "Map", "count": 1, "bytes": 100},
        {"type": "Entry", "count": 2, "bytes": 400},
        {"type": "Buffer", "count": 1, "bytes": 300}
      ]
    },
    {
      "site": "(anonymous) (app.js:20:5)",
      "count": 1,
      "bytes": 300,
      "retained": 300,
      "top_type": "Buffer",
      "types": [
        {"type": "Buffer", "count": 1, "bytes": 300}
      ]
    }
  ]
}
