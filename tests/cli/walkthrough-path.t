# README leak hunt, step 3: why is any Session alive?
gunzip: testdata/leaky-heap.jsonl.gz heap.jsonl
args: path heap.jsonl type:__main__.Session
exit: 0
--- stdout
Shortest retaining path to __main__.Session (6 hops from a root; roots: rc above references, CPython's gc rule):
  DEPTH               ID  TYPE               EDGE         NAME
      0  139856531908992  module                          __main__
      1  139856532075584  dict               __dict__     
      2  139856531990672  __main__.EventBus  'bus'        
      3  139856530374976  dict               __dict__     
      4  139856533414464  list               'listeners'  
      5  139856530406912  method             [12]         
      6  139856530407312  __main__.Session   __self__     
