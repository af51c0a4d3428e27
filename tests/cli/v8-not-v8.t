# V8: --input-format v8 on a native dump is bad input
args: analyze --input-format v8 testdata/small.jsonl
exit: 3
--- stderr
memscope: testdata/small.jsonl:1:92: not a V8 heap snapshot: no "snapshot" array or object
