# a malformed line on standard input: usage error naming its line, before loading
args: show testdata/leak.jsonl -
stdin: testdata/ids/leak-bad.txt
exit: 2
--- stderr
memscope: show: -:3: expected a decimal or 0x-hex id, got '12abc' (see 'memscope show --help')
