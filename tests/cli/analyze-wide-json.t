# JSON lists every type and cycle shape by default; the largest retainers stay 20
args: analyze -f json testdata/wide/after.jsonl
exit: 0
--- stdout
{
  "source": "testdata/wide/after.jsonl",
  "meta": {"runtime": "CPython", "pid": 4343, "seq": 2},
  "objects": 497,
  "references": 496,
  "bytes": 162836,
  "dangling": 0,
  "roots": 1,
  "root_rule": "dump",
  "reachable_objects": 497,
  "reachable_bytes": 162836,
  "baseline": {
    "objects": 2,
    "bytes": 4116,
    "largest": null
  },
  "type_count": 32,
  "sort": "bytes",
  "types": [
    {"type": "app.Class29", "count": 31, "bytes": 14880, "percent": 9.14, "retained": 14880},
    {"type": "app.Class28", "count": 30, "bytes": 13920, "percent": 8.55, "retained": 13920},
    {"type": "app.Class27", "count": 29, "bytes": 12992, "percent": 7.98, "retained": 12992},
    {"type": "app.Class26", "count": 28, "bytes": 12096, "percent": 7.43, "retained": 12096},
    {"type": "app.Class25", "count": 27, "bytes": 11232, "percent": 6.90, "retained": 11232},
    {"type": "app.Class24", "count": 26, "bytes": 10400, "percent": 6.39, "retained": 10400},
    {"type": "app.Class23", "count": 25, "bytes": 9600, "percent": 5.90, "retained": 9600},
    {"type": "app.Class22", "count": 24, "bytes": 8832, "percent": 5.42, "retained": 8832},
    {"type": "app.Class21", "count": 23, "bytes": 8096, "percent": 4.97, "retained": 8096},
    {"type": "app.Class20", "count": 22, "bytes": 7392, "percent": 4.54, "retained": 7392},
    {"type": "app.Class19", "count": 21, "bytes": 6720, "percent": 4.13, "retained": 6720},
    {"type": "app.Class18", "count": 20, "bytes": 6080, "percent": 3.73, "retained": 6080},
    {"type": "app.Class17", "count": 19, "bytes": 5472, "percent": 3.36, "retained": 5472},
    {"type": "app.Class16", "count": 18, "bytes": 4896, "percent": 3.01, "retained": 4896},
    {"type": "app.Class15", "count": 17, "bytes": 4352, "percent": 2.67, "retained": 4352},
    {"type": "list", "count": 1, "bytes": 4016, "percent": 2.47, "retained": 162736},
    {"type": "app.Class14", "count": 16, "bytes": 3840, "percent": 2.36, "retained": 3840},
    {"type": "app.Class13", "count": 15, "bytes": 3360, "percent": 2.06, "retained": 3360},
    {"type": "app.Class12", "count": 14, "bytes": 2912, "percent": 1.79, "retained": 2912},
    {"type": "app.Class11", "count": 13, "bytes": 2496, "percent": 1.53, "retained": 2496},
    {"type": "app.Class10", "count": 12, "bytes": 2112, "percent": 1.30, "retained": 2112},
    {"type": "app.Class09", "count": 11, "bytes": 1760, "percent": 1.08, "retained": 1760},
    {"type": "app.Class08", "count": 10, "bytes": 1440, "percent": 0.88, "retained": 1440},
    {"type": "app.Class07", "count": 9, "bytes": 1152, "percent": 0.71, "retained": 1152},
    {"type": "app.Class06", "count": 8, "bytes": 896, "percent": 0.55, "retained": 896},
    {"type": "app.Class05", "count": 7, "bytes": 672, "percent": 0.41, "retained": 672},
    {"type": "app.Class04", "count": 6, "bytes": 480, "percent": 0.29, "retained": 480},
    {"type": "app.Class03", "count": 5, "bytes": 320, "percent": 0.20, "retained": 320},
    {"type": "app.Class02", "count": 4, "bytes": 192, "percent": 0.12, "retained": 192},
    {"type": "module", "count": 1, "bytes": 100, "percent": 0.06, "retained": 162836},
    {"type": "app.Class01", "count": 3, "bytes": 96, "percent": 0.06, "retained": 96},
    {"type": "app.Class00", "count": 2, "bytes": 32, "percent": 0.02, "retained": 32}
  ],
  "top_retainers": [
    {"id": 1, "type": "module", "size": 100, "retained": 162836, "percent": 100.00, "name": "app"},
    {"id": 2, "type": "list", "size": 4016, "retained": 162736, "percent": 99.94, "name": ""},
    {"id": 30000, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30001, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30002, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30003, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30004, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30005, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30006, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30007, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30008, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30009, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30010, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30011, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30012, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30013, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30014, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30015, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30016, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""},
    {"id": 30017, "type": "app.Class29", "size": 480, "retained": 480, "percent": 0.29, "name": ""}
  ],
  "cycles": {
    "count": 0,
    "objects": 0,
    "bytes": 0,
    "shape_count": 0,
    "shapes": []
  },
  "garbage": {
    "objects": 0,
    "bytes": 0,
    "tracked": 0,
    "cycles": 0,
    "in_cycles": 0,
    "finalizers": 0,
    "finalizer_cycles": 0
  },
  "threshold": 10.00,
  "suspects": [],
  "sites": [
    {
      "site": "app.py:39",
      "count": 31,
      "bytes": 14880,
      "retained": 14880,
      "top_type": "app.Class29",
      "types": [
        {"type": "app.Class29", "count": 31, "bytes": 14880}
      ]
    },
    {
      "site": "app.py:38",
      "count": 30,
      "bytes": 13920,
      "retained": 13920,
      "top_type": "app.Class28",
      "types": [
        {"type": "app.Class28", "count": 30, "bytes": 13920}
      ]
    },
    {
      "site": "app.py:37",
      "count": 29,
      "bytes": 12992,
      "retained": 12992,
      "top_type": "app.Class27",
      "types": [
        {"type": "app.Class27", "count": 29, "bytes": 12992}
      ]
    },
    {
      "site": "app.py:36",
      "count": 28,
      "bytes": 12096,
      "retained": 12096,
      "top_type": "app.Class26",
      "types": [
        {"type": "app.Class26", "count": 28, "bytes": 12096}
      ]
    },
    {
      "site": "app.py:35",
      "count": 27,
      "bytes": 11232,
      "retained": 11232,
      "top_type": "app.Class25",
      "types": [
        {"type": "app.Class25", "count": 27, "bytes": 11232}
      ]
    },
    {
      "site": "app.py:34",
      "count": 26,
      "bytes": 10400,
      "retained": 10400,
      "top_type": "app.Class24",
      "types": [
        {"type": "app.Class24", "count": 26, "bytes": 10400}
      ]
    },
    {
      "site": "app.py:33",
      "count": 25,
      "bytes": 9600,
      "retained": 9600,
      "top_type": "app.Class23",
      "types": [
        {"type": "app.Class23", "count": 25, "bytes": 9600}
      ]
    },
    {
      "site": "app.py:32",
      "count": 24,
      "bytes": 8832,
      "retained": 8832,
      "top_type": "app.Class22",
      "types": [
        {"type": "app.Class22", "count": 24, "bytes": 8832}
      ]
    },
    {
      "site": "app.py:31",
      "count": 23,
      "bytes": 8096,
      "retained": 8096,
      "top_type": "app.Class21",
      "types": [
        {"type": "app.Class21", "count": 23, "bytes": 8096}
      ]
    },
    {
      "site": "app.py:30",
      "count": 22,
      "bytes": 7392,
      "retained": 7392,
      "top_type": "app.Class20",
      "types": [
        {"type": "app.Class20", "count": 22, "bytes": 7392}
      ]
    },
    {
      "site": "app.py:29",
      "count": 21,
      "bytes": 6720,
      "retained": 6720,
      "top_type": "app.Class19",
      "types": [
        {"type": "app.Class19", "count": 21, "bytes": 6720}
      ]
    },
    {
      "site": "app.py:28",
      "count": 20,
      "bytes": 6080,
      "retained": 6080,
      "top_type": "app.Class18",
      "types": [
        {"type": "app.Class18", "count": 20, "bytes": 6080}
      ]
    },
    {
      "site": "app.py:27",
      "count": 19,
      "bytes": 5472,
      "retained": 5472,
      "top_type": "app.Class17",
      "types": [
        {"type": "app.Class17", "count": 19, "bytes": 5472}
      ]
    },
    {
      "site": "app.py:26",
      "count": 18,
      "bytes": 4896,
      "retained": 4896,
      "top_type": "app.Class16",
      "types": [
        {"type": "app.Class16", "count": 18, "bytes": 4896}
      ]
    },
    {
      "site": "app.py:25",
      "count": 17,
      "bytes": 4352,
      "retained": 4352,
      "top_type": "app.Class15",
      "types": [
        {"type": "app.Class15", "count": 17, "bytes": 4352}
      ]
    },
    {
      "site": "app.py:24",
      "count": 16,
      "bytes": 3840,
      "retained": 3840,
      "top_type": "app.Class14",
      "types": [
        {"type": "app.Class14", "count": 16, "bytes": 3840}
      ]
    },
    {
      "site": "app.py:23",
      "count": 15,
      "bytes": 3360,
      "retained": 3360,
      "top_type": "app.Class13",
      "types": [
        {"type": "app.Class13", "count": 15, "bytes": 3360}
      ]
    },
    {
      "site": "app.py:22",
      "count": 14,
      "bytes": 2912,
      "retained": 2912,
      "top_type": "app.Class12",
      "types": [
        {"type": "app.Class12", "count": 14, "bytes": 2912}
      ]
    },
    {
      "site": "app.py:21",
      "count": 13,
      "bytes": 2496,
      "retained": 2496,
      "top_type": "app.Class11",
      "types": [
        {"type": "app.Class11", "count": 13, "bytes": 2496}
      ]
    },
    {
      "site": "app.py:20",
      "count": 12,
      "bytes": 2112,
      "retained": 2112,
      "top_type": "app.Class10",
      "types": [
        {"type": "app.Class10", "count": 12, "bytes": 2112}
      ]
    },
    {
      "site": "app.py:19",
      "count": 11,
      "bytes": 1760,
      "retained": 1760,
      "top_type": "app.Class09",
      "types": [
        {"type": "app.Class09", "count": 11, "bytes": 1760}
      ]
    },
    {
      "site": "app.py:18",
      "count": 10,
      "bytes": 1440,
      "retained": 1440,
      "top_type": "app.Class08",
      "types": [
        {"type": "app.Class08", "count": 10, "bytes": 1440}
      ]
    },
    {
      "site": "app.py:17",
      "count": 9,
      "bytes": 1152,
      "retained": 1152,
      "top_type": "app.Class07",
      "types": [
        {"type": "app.Class07", "count": 9, "bytes": 1152}
      ]
    },
    {
      "site": "app.py:16",
      "count": 8,
      "bytes": 896,
      "retained": 896,
      "top_type": "app.Class06",
      "types": [
        {"type": "app.Class06", "count": 8, "bytes": 896}
      ]
    },
    {
      "site": "app.py:15",
      "count": 7,
      "bytes": 672,
      "retained": 672,
      "top_type": "app.Class05",
      "types": [
        {"type": "app.Class05", "count": 7, "bytes": 672}
      ]
    },
    {
      "site": "app.py:14",
      "count": 6,
      "bytes": 480,
      "retained": 480,
      "top_type": "app.Class04",
      "types": [
        {"type": "app.Class04", "count": 6, "bytes": 480}
      ]
    },
    {
      "site": "app.py:13",
      "count": 5,
      "bytes": 320,
      "retained": 320,
      "top_type": "app.Class03",
      "types": [
        {"type": "app.Class03", "count": 5, "bytes": 320}
      ]
    },
    {
      "site": "app.py:12",
      "count": 4,
      "bytes": 192,
      "retained": 192,
      "top_type": "app.Class02",
      "types": [
        {"type": "app.Class02", "count": 4, "bytes": 192}
      ]
    },
    {
      "site": "app.py:11",
      "count": 3,
      "bytes": 96,
      "retained": 96,
      "top_type": "app.Class01",
      "types": [
        {"type": "app.Class01", "count": 3, "bytes": 96}
      ]
    },
    {
      "site": "app.py:10",
      "count": 2,
      "bytes": 32,
      "retained": 32,
      "top_type": "app.Class00",
      "types": [
        {"type": "app.Class00", "count": 2, "bytes": 32}
      ]
    }
  ]
}
