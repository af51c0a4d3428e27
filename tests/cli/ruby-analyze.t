# a Ruby ObjectSpace.dump_all: types from classes, singleton names, roots named by kind, sites
args: analyze testdata/ruby/small.json
exit: 0
--- stdout
testdata/ruby/small.json
  meta        Ruby
  objects     19
  references  35
  bytes       3.7 KiB (3,784)
  dangling    0
  roots       3 (listed by the dump)
  reachable   16 objects, 3.4 KiB
  baseline    2.6 KiB of it (75.1%): the runtime's own, never a suspect
              of which Class Object 139637976731712: 600 B (17.1%)

Types by shallow bytes:
  TYPE                         COUNT    BYTES  % HEAP  RETAINED
  Class                            9  3.2 KiB   85.4%   3.2 KiB
  String                           4    186 B    4.9%     186 B
  Hash                             1    168 B    4.4%     248 B
  Session                          2     80 B    2.1%     186 B
  #<Class:0x00007f00000011c0>      1     40 B    1.1%       0 B
  Array                            1     40 B    1.1%     226 B
  IMEMO                            1     40 B    1.1%       0 B

Largest retainers:
               ID  TYPE      SIZE  RETAINED      %  NAME
  139637976731648  Class    480 B   1.1 KiB  32.2%  Store
  139637976731712  Class    600 B     600 B  17.1%  Object
  139637976731776  Class    400 B     400 B  11.4%  #<Class:Store>
  139637976732032  Class    350 B     350 B  10.0%  Session
  139637976731840  Class    300 B     300 B   8.6%  Array
  139637976731904  Class    300 B     300 B   8.6%  Hash
  139637976731968  Class    300 B     300 B   8.6%  String
  139637976732160  Class    300 B     300 B   8.6%  Class
  139637976739840  Hash     168 B     248 B   7.1%  
  139637976735744  Array     40 B     226 B   6.4%  
  139637976743936  Session   40 B      93 B   2.7%  
  139637976744000  Session   40 B      93 B   2.7%  
  139637976748032  String    53 B      53 B   1.5%  session-1 aa
  139637976748096  String    53 B      53 B   1.5%  session-2 bb
  139637976748160  String    40 B      40 B   1.1%  key
  139637976748224  String    40 B      40 B   1.1%  value

Leak suspects (retaining at least 10% of the reachable heap):
  none
Under the threshold, the strongest accumulation points:
  1. Hash 139637976739840 retains 248 B (7.1%)
     holds 2 objects of type String retaining 80 B
     made of Hash 168 B (1), String 80 B (2)
     path from a root:
       (root: vm)
       Class Store 139637976731648
       --> Hash 139637976739840
  2. Array 139637976735744 retains 226 B (6.4%)
     holds 2 objects of type Session retaining 186 B
     allocated at app.rb:12 in new (2 of 2)
     made of String 106 B (2), Session 80 B (2), Array 40 B (1)
     path from a root:
       (root: global_tbl)
       Array 139637976735744

Sites by retained bytes (where the objects were allocated):
  SITE              COUNT  BYTES  RETAINED  TOP TYPE
  app.rb:12 in new      2   80 B     186 B  Session
  17 objects (3.6 KiB) have no allocation site

Cycles: 3, 5 objects, 1.2 KiB; 1 garbage; by shape:
  SHAPE                                 CYCLES  OBJECTS  BYTES  GARBAGE
  {Class ×2}                                 1        2  880 B        0
  {Class}                                    1        1  300 B        0
  {#<Class:0x00007f00000011c0>, IMEMO}       1        2   80 B        1

Garbage (unreachable from the roots): 3 objects, 280 B; 0 tracked; 2 in 1 cycles
