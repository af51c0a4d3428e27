# Ruby: forced with --input-format
args: garbage --input-format ruby testdata/ruby/small.json
exit: 0
--- stdout
Garbage: 3 objects, 280 B unreachable from the roots; 0 tracked; 2 in 1 cycles
               ID  TYPE                          SIZE  TRACKED  CYCLE  FINALIZER
  139637976732096  Class                        200 B                          0
  139637976752128  #<Class:0x00007f00000011c0>   40 B               3          0
  139637976752192  IMEMO                         40 B               3          0
