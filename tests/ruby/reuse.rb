# reuse.rb — for tests/oracles/oracle_ruby.py: with allocation tracing on from the
# start, 3000 strings are dumped (ARGV[0]), dropped and collected; 3000 new
# strings then reuse their slots, at the same addresses, before the second
# dump (ARGV[1]). Their generations tell them apart.
require 'objspace'
ObjectSpace.trace_object_allocations_start
$old = Array.new(3000) { |i| "old string #{i}" }
GC.start
File.open(ARGV[0], "w") { |f| ObjectSpace.dump_all(output: f) }
$old = nil
GC.start
$new = Array.new(3000) { |i| "new string #{i}" }
File.open(ARGV[1], "w") { |f| ObjectSpace.dump_all(output: f) }
