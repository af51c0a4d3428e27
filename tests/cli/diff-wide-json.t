# diff's JSON lists every changed type and grown object by default
args: diff -f json testdata/wide/before.jsonl testdata/wide/after.jsonl
exit: 0
--- stdout
{
  "before": {"source": "testdata/wide/before.jsonl", "objects": 32, "bytes": 7836, "reachable_objects": 32, "reachable_bytes": 7836},
  "after": {"source": "testdata/wide/after.jsonl", "objects": 497, "bytes": 162836, "reachable_objects": 497, "reachable_bytes": 162836},
  "matched": 32,
  "identity": "id+type",
  "types": [
    {"type": "app.Class29", "new": 30, "freed": 0, "delta": 30, "alloc_bytes": 14400, "freed_bytes": 0, "size_delta": 14400, "retained_before": 480, "retained_after": 14880, "retained_delta": 14400},
    {"type": "app.Class28", "new": 29, "freed": 0, "delta": 29, "alloc_bytes": 13456, "freed_bytes": 0, "size_delta": 13456, "retained_before": 464, "retained_after": 13920, "retained_delta": 13456},
    {"type": "app.Class27", "new": 28, "freed": 0, "delta": 28, "alloc_bytes": 12544, "freed_bytes": 0, "size_delta": 12544, "retained_before": 448, "retained_after": 12992, "retained_delta": 12544},
    {"type": "app.Class26", "new": 27, "freed": 0, "delta": 27, "alloc_bytes": 11664, "freed_bytes": 0, "size_delta": 11664, "retained_before": 432, "retained_after": 12096, "retained_delta": 11664},
    {"type": "app.Class25", "new": 26, "freed": 0, "delta": 26, "alloc_bytes": 10816, "freed_bytes": 0, "size_delta": 10816, "retained_before": 416, "retained_after": 11232, "retained_delta": 10816},
    {"type": "app.Class24", "new": 25, "freed": 0, "delta": 25, "alloc_bytes": 10000, "freed_bytes": 0, "size_delta": 10000, "retained_before": 400, "retained_after": 10400, "retained_delta": 10000},
    {"type": "app.Class23", "new": 24, "freed": 0, "delta": 24, "alloc_bytes": 9216, "freed_bytes": 0, "size_delta": 9216, "retained_before": 384, "retained_after": 9600, "retained_delta": 9216},
    {"type": "app.Class22", "new": 23, "freed": 0, "delta": 23, "alloc_bytes": 8464, "freed_bytes": 0, "size_delta": 8464, "retained_before": 368, "retained_after": 8832, "retained_delta": 8464},
    {"type": "app.Class21", "new": 22, "freed": 0, "delta": 22, "alloc_bytes": 7744, "freed_bytes": 0, "size_delta": 7744, "retained_before": 352, "retained_after": 8096, "retained_delta": 7744},
    {"type": "app.Class20", "new": 21, "freed": 0, "delta": 21, "alloc_bytes": 7056, "freed_bytes": 0, "size_delta": 7056, "retained_before": 336, "retained_after": 7392, "retained_delta": 7056},
    {"type": "app.Class19", "new": 20, "freed": 0, "delta": 20, "alloc_bytes": 6400, "freed_bytes": 0, "size_delta": 6400, "retained_before": 320, "retained_after": 6720, "retained_delta": 6400},
    {"type": "app.Class18", "new": 19, "freed": 0, "delta": 19, "alloc_bytes": 5776, "freed_bytes": 0, "size_delta": 5776, "retained_before": 304, "retained_after": 6080, "retained_delta": 5776},
    {"type": "app.Class17", "new": 18, "freed": 0, "delta": 18, "alloc_bytes": 5184, "freed_bytes": 0, "size_delta": 5184, "retained_before": 288, "retained_after": 5472, "retained_delta": 5184},
    {"type": "app.Class16", "new": 17, "freed": 0, "delta": 17, "alloc_bytes": 4624, "freed_bytes": 0, "size_delta": 4624, "retained_before": 272, "retained_after": 4896, "retained_delta": 4624},
    {"type": "app.Class15", "new": 16, "freed": 0, "delta": 16, "alloc_bytes": 4096, "freed_bytes": 0, "size_delta": 4096, "retained_before": 256, "retained_after": 4352, "retained_delta": 4096},
    {"type": "list", "new": 0, "freed": 0, "delta": 0, "alloc_bytes": 0, "freed_bytes": 0, "size_delta": 3720, "retained_before": 7736, "retained_after": 162736, "retained_delta": 155000},
    {"type": "app.Class14", "new": 15, "freed": 0, "delta": 15, "alloc_bytes": 3600, "freed_bytes": 0, "size_delta": 3600, "retained_before": 240, "retained_after": 3840, "retained_delta": 3600},
    {"type": "app.Class13", "new": 14, "freed": 0, "delta": 14, "alloc_bytes": 3136, "freed_bytes": 0, "size_delta": 3136, "retained_before": 224, "retained_after": 3360, "retained_delta": 3136},
    {"type": "app.Class12", "new": 13, "freed": 0, "delta": 13, "alloc_bytes": 2704, "freed_bytes": 0, "size_delta": 2704, "retained_before": 208, "retained_after": 2912, "retained_delta": 2704},
    {"type": "app.Class11", "new": 12, "freed": 0, "delta": 12, "alloc_bytes": 2304, "freed_bytes": 0, "size_delta": 2304, "retained_before": 192, "retained_after": 2496, "retained_delta": 2304},
    {"type": "app.Class10", "new": 11, "freed": 0, "delta": 11, "alloc_bytes": 1936, "freed_bytes": 0, "size_delta": 1936, "retained_before": 176, "retained_after": 2112, "retained_delta": 1936},
    {"type": "app.Class09", "new": 10, "freed": 0, "delta": 10, "alloc_bytes": 1600, "freed_bytes": 0, "size_delta": 1600, "retained_before": 160, "retained_after": 1760, "retained_delta": 1600},
    {"type": "app.Class08", "new": 9, "freed": 0, "delta": 9, "alloc_bytes": 1296, "freed_bytes": 0, "size_delta": 1296, "retained_before": 144, "retained_after": 1440, "retained_delta": 1296},
    {"type": "app.Class07", "new": 8, "freed": 0, "delta": 8, "alloc_bytes": 1024, "freed_bytes": 0, "size_delta": 1024, "retained_before": 128, "retained_after": 1152, "retained_delta": 1024},
    {"type": "app.Class06", "new": 7, "freed": 0, "delta": 7, "alloc_bytes": 784, "freed_bytes": 0, "size_delta": 784, "retained_before": 112, "retained_after": 896, "retained_delta": 784},
    {"type": "app.Class05", "new": 6, "freed": 0, "delta": 6, "alloc_bytes": 576, "freed_bytes": 0, "size_delta": 576, "retained_before": 96, "retained_after": 672, "retained_delta": 576},
    {"type": "app.Class04", "new": 5, "freed": 0, "delta": 5, "alloc_bytes": 400, "freed_bytes": 0, "size_delta": 400, "retained_before": 80, "retained_after": 480, "retained_delta": 400},
    {"type": "app.Class03", "new": 4, "freed": 0, "delta": 4, "alloc_bytes": 256, "freed_bytes": 0, "size_delta": 256, "retained_before": 64, "retained_after": 320, "retained_delta": 256},
    {"type": "app.Class02", "new": 3, "freed": 0, "delta": 3, "alloc_bytes": 144, "freed_bytes": 0, "size_delta": 144, "retained_before": 48, "retained_after": 192, "retained_delta": 144},
    {"type": "app.Class01", "new": 2, "freed": 0, "delta": 2, "alloc_bytes": 64, "freed_bytes": 0, "size_delta": 64, "retained_before": 32, "retained_after": 96, "retained_delta": 64},
    {"type": "app.Class00", "new": 1, "freed": 0, "delta": 1, "alloc_bytes": 16, "freed_bytes": 0, "size_delta": 16, "retained_before": 16, "retained_after": 32, "retained_delta": 16},
    {"type": "module", "new": 0, "freed": 0, "delta": 0, "alloc_bytes": 0, "freed_bytes": 0, "size_delta": 0, "retained_before": 7836, "retained_after": 162836, "retained_delta": 155000}
  ],
  "grown": [
    {
      "id": 1,
      "type": "module",
      "retained_before": 7836,
      "retained_after": 162836,
      "retained_delta": 155000,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"}
      ]
    },
    {
      "id": 2,
      "type": "list",
      "retained_before": 7736,
      "retained_after": 162736,
      "retained_delta": 155000,
      "path": [
        {"id": 1, "type": "module", "edge": null, "name": "app"},
        {"id": 2, "type": "list", "edge": "__dict__", "name": null}
      ]
    }
  ],
  "leaks": null
}
