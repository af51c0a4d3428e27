# bad input: Ruby dump, missing-address
args: analyze testdata/bad/ruby/missing-address.json
exit: 0
--- stdout
testdata/bad/ruby/missing-address.json
  meta        Ruby
  objects     1
  references  0
  bytes       40 B
  dangling    1
  roots       1 (listed by the dump)
  reachable   1 objects, 40 B
  baseline    0 B of it (0.0%): the runtime's own, never a suspect

Types by shallow bytes:
  TYPE   COUNT  BYTES  % HEAP  RETAINED
  ARRAY      1   40 B  100.0%      40 B

Largest retainers:
               ID  TYPE   SIZE  RETAINED       %  NAME
  139637976731648  ARRAY  40 B      40 B  100.0%  

Leak suspects (retaining at least 10% of the reachable heap):
  1. ARRAY 139637976731648 retains 40 B (100.0%)
     made of ARRAY 40 B (1)
     path from a root:
       (root: vm)
       ARRAY 139637976731648

Cycles: none

Garbage (unreachable from the roots): none
--- stderr
memscope: warning: testdata/bad/ruby/missing-address.json: 1 reference to ids not in the dump dropped (first: 139637976764416 from object 139637976731648)
