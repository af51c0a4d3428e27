"""index_layout.py — the index header's fields the tests read or break
(src/index/layout.h: ms_index_header, MS_INDEX_ARRAYS). Change with it."""
OFF_BOM, OFF_VERSION = 8, 12
IDENTITY_END = 56          # the dump's identity ends here (it starts at 24)
OFF_PRESENT, OFF_OFFSETS, NARRAYS = 208, 216, 39
OFF_FILE_SIZE = OFF_OFFSETS + 8 * NARRAYS
HEADER = 1024
EDGE_TO = 14               # the edge_to array's number
