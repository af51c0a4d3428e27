# self reference and the largest id, in TSV
args: show -f tsv testdata/small.jsonl 0xffffffffffffffff
exit: 0
--- stdout
relation	id	type	size	name	object_name
object	18446744073709551615	__main__.Node	56		
ref	18446744073709551615	__main__.Node	56	self	
referrer	3	list	88	[1]	
referrer	18446744073709551615	__main__.Node	56	self	
--- stderr
memscope: warning: testdata/small.jsonl: 1 reference to ids not in the dump dropped (first: 99 from object 2)
