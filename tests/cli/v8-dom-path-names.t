# Paths name V8's objects as DevTools does
args: path -f tsv testdata/v8/dom.heapsnapshot 17
exit: 0
--- stdout
depth	id	type	edge	name
0	1	(synthetic)		
1	3	(synthetic)	[1]	(GC roots)
2	5	(synthetic)	[1]	(Global handles)
3	7	system / NativeContext / https://app.example/	1	
4	9	Window [JSGlobalObject] / https://app.example/	global_object	
5	11	Array	panels	
6	13	Detached <section>	[0]	Detached <section class="panel">
7	17	Detached <td>	[0]	
