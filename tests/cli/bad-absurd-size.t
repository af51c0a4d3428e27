# bad input: absurd-size
args: analyze testdata/bad/absurd-size.jsonl
exit: 3
--- stderr
memscope: testdata/bad/absurd-size.jsonl:1:32: size: 1152921504606846976 bytes is absurd (limit 2^48)
