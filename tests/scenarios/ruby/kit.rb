# What the Ruby scenarios share, so that each scenario holds only its
# service, its leak and its legitimate state: OUTDIR from the command line,
# the check on a response, the dumps (GC, then ObjectSpace.dump_all to
# OUTDIR/N.json), the schedule of batches and dumps (with env
# SCENARIO_SERIES=N, N dumps in a series), the address of an object as memscope shows it, the
# measure of what the leak retains in dump 2 (a walk over the dump's
# references), and OUTDIR/expect.json (see ../README.md).
# Loaded with require_relative "kit" after the scenario's
#   require "objspace"; ObjectSpace.trace_object_allocations_start
# which stay at the scenario's very top.
require "objspace"
require "fileutils"
require "json"

OUTDIR = ARGV[0] or abort("usage: ruby #{$PROGRAM_NAME} OUTDIR")
FileUtils.mkdir_p(OUTDIR)

def check(res)
  raise "HTTP #{res.status}: #{res.body[0, 200]}" unless res.status == 200
  res
end

def dump(n)
  GC.start
  File.open(File.join(OUTDIR, "#{n}.json"), "w") { |f| ObjectSpace.dump_all(output: f) }
end

SERIES = Integer(ENV.fetch("SCENARIO_SERIES", "0"), 10)
abort("SCENARIO_SERIES=#{SERIES}: a series has at least 2 dumps") if SERIES == 1 || SERIES.negative?

# The schedule: yields (requests, batch number) for the warm-up (batch 0),
# then dump 1; then each of batches (1, 2, ...) and its dump (2, 3, ...). With
# SCENARIO_SERIES=N, the warm-up and then the first batch (the bounded
# caches and rings full) before dump 1, then N - 1 batches of series_batch
# requests (by default a tenth of the first batch), sized so that the leak
# grows by about 1% of the reachable heap per interval.
def schedule(warm, batches, series_batch = nil)
  yield warm, 0
  unless SERIES.zero?
    yield batches.first, 1
    batches = [series_batch || [batches.first / 10, 1].max] * (SERIES - 1)
  end
  dump(1)
  batches.each.with_index(2) do |n, k|
    yield n, k - (SERIES.zero? ? 1 : 0)
    dump(k)
  end
end

def addr(obj)
  JSON.parse(ObjectSpace.dump(obj))["address"].to_i(16)
end

# Bytes retained by the objects at addrs in a dump: reachable bytes minus
# what stays reachable when they are cut out (a ROOT walk over references
# and each object's class), and the reachable bytes.
def retained(path, addrs)
  ObjectSpace.trace_object_allocations_stop # the dumps are written
  size = {}
  refs = {}
  roots = []
  File.foreach(path) do |line|
    o = JSON.parse(line)
    if o["type"] == "ROOT"
      roots.concat(o["references"])
      next
    end
    size[o["address"]] = o["memsize"].to_i
    r = o["references"] || []
    r += [o["class"]] if o["class"]
    refs[o["address"]] = r
  end
  walk = lambda do |skip|
    seen = {}
    stack = roots.reject { |a| skip[a] }
    total = 0
    until stack.empty?
      a = stack.pop
      next if seen[a] || !size.key?(a)
      seen[a] = true
      total += size[a]
      refs[a].each { |b| stack << b unless seen[b] || skip[b] }
    end
    total
  end
  all = walk.call({})
  [all - walk.call(addrs.to_h { |x| [format("0x%x", x), true] }), all]
end

# One structure in expect.json: the names, ids and types that mark it.
def marks(names, ids, types = [])
  { "names" => names, "ids" => ids, "types" => types }
end

# Writes OUTDIR/expect.json once the three dumps are written: the leak's and
# the legitimate structures' marks, and leak_percent, what the objects at
# the addresses in measure retain in dump 2, in percent of its reachable
# bytes.
def write_expect(leak:, legit:, measure:)
  kept, total = retained(File.join(OUTDIR, "2.json"), measure)
  expect = { "leak" => leak, "legit" => legit, "leak_percent" => (100.0 * kept / total).round(2) }
  File.write(File.join(OUTDIR, "expect.json"), JSON.pretty_generate(expect) + "\n")
end
