# V8 bad input: no-self-size
args: analyze testdata/bad/v8/no-self-size.heapsnapshot
exit: 3
--- stderr
memscope: testdata/bad/v8/no-self-size.heapsnapshot:1:13: snapshot.meta: node_fields must name type, name, id, self_size and edge_count, edge_fields type, name_or_index and to_node
