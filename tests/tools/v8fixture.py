"""v8fixture.py — what the hand-made V8 snapshot generators share
(make_dom_snapshot.py, make_alloc_snapshot.py): V8's type lists, a string
table, the node and edge rows, and the file's layout (one node, edge or
string per line, as V8 writes it)."""
import json

NODE_TYPES = ["hidden", "array", "string", "object", "code", "closure", "regexp", "number",
              "native", "synthetic", "concatenated string", "sliced string", "symbol",
              "bigint", "object shape"]
EDGE_TYPES = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"]
NF = 6  # node fields: type, name, id, self_size, edge_count and one more


class Snapshot:
    """nodes: (key, type, name, id, size, sixth field, [(edge type, name or
    index, target key)]); sixth names the sixth node field."""

    def __init__(self, nodes, sixth):
        self.strings = ["<dummy>"]
        self.pos = {n[0]: i for i, n in enumerate(nodes)}
        self.nodes, self.edges = [], []
        for _, t, name, nid, size, extra, out in nodes:
            self.nodes.append([NODE_TYPES.index(t), self.s(name), nid, size, len(out), extra])
            for et, nm, target in out:
                self.edges.append([EDGE_TYPES.index(et),
                                   nm if et in ("element", "hidden") else self.s(nm),
                                   self.pos[target] * NF])
        self.meta = {"node_fields": ["type", "name", "id", "self_size", "edge_count", sixth],
                     "node_types": [NODE_TYPES, "string", "number", "number", "number",
                                    "number"],
                     "edge_fields": ["type", "name_or_index", "to_node"],
                     "edge_types": [EDGE_TYPES, "string_or_number", "node"]}

    def s(self, x):
        """The index of string x, added if new."""
        if x not in self.strings:
            self.strings.append(x)
        return self.strings.index(x)

    def write(self, path, counts="", sections=""):
        """Writes the file: counts go into "snapshot" after edge_count,
        sections (text of more top-level keys, each ending ",\\n") before
        the strings."""
        rows = lambda rs: ",\n".join(",".join(map(str, r)) for r in rs)
        with open(path, "w") as f:
            f.write('{"snapshot":{"meta":%s,"node_count":%d,"edge_count":%d%s},\n'
                    % (json.dumps(self.meta, separators=(",", ":")), len(self.nodes),
                       len(self.edges), counts))
            f.write('"nodes":[' + rows(self.nodes) + "],\n")
            f.write('"edges":[' + rows(self.edges) + "],\n")
            f.write(sections)
            f.write('"strings":[' + ",\n".join(json.dumps(x) for x in self.strings) + "]}\n")
