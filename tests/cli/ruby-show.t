# Ruby: show prints the generation, the site and the root kind
args: show testdata/ruby/small.json 0x7f0000004000
exit: 0
--- stdout
object  139637976743936 (0x7f0000004000)
type    Session
size    40 B
allocated at  app.rb:12 in new
generation 7 (GC count when allocated)
root    no (rule: listed by the dump)

references (2):
  EDGE                ID  TYPE     SIZE  NAME
         139637976748032  String   53 B  session-1 aa
  class  139637976732032  Class   350 B  Session

referrers (1):
  EDGE               ID  TYPE   SIZE  NAME
        139637976735744  Array  40 B  
