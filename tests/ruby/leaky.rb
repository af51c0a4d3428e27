# leaky.rb — a Ruby program for tests/oracles/oracle_ruby.py. It leaks into a global
# registry ($registry) and a class-level cache (Store::CACHE), and, with the
# collector disabled, makes garbage: two-object cycles holding strings and
# self-referencing hashes. It dumps the heap to ARGV[0]; then turns
# allocation tracing on (so that a slot reused after the collection shows a
# generation), runs GC.start and dumps again to ARGV[1].
require 'objspace'

class Session
  def initialize(n)
    @n = n
    @payload = "session-#{n} " * 10
  end
end

class Store
  CACHE = {}
  def self.put(key, value)
    CACHE[key] = value
  end
end

class Node
  attr_accessor :other, :text
end

$registry = []
GC.start
GC.disable
5000.times { |i| $registry << Session.new(i) }
4000.times { |i| Store.put("key-#{i}", "cached value #{i} " * 8) }
250.times do |i|
  a = Node.new
  b = Node.new
  a.other = b
  b.other = a
  a.text = "garbage text #{i} " * 3
end
120.times do |i|
  h = { "n" => i }
  h["self"] = h
end
File.open(ARGV[0], "w") { |f| ObjectSpace.dump_all(output: f) }
ObjectSpace.trace_object_allocations_start
GC.enable
GC.start
File.open(ARGV[1], "w") { |f| ObjectSpace.dump_all(output: f) }
