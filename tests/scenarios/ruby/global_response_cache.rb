# A Rack JSON API (Rack::Builder with ETag and ConditionalGet middleware)
# answering nearest-station queries from a legitimately big station index
# loaded from YAML at boot, with a bounded LRU of recent query results. The
# planted leak: a global response cache ($response_cache) keyed by the whole
# query string, cache-buster parameter included, so every request adds a
# JSON body and nothing is ever evicted (only Strings and Hashes).
# Run as: ruby global_response_cache.rb OUTDIR; writes OUTDIR/{1,2,3}.json
# and OUTDIR/expect.json (see ../README.md).
require "objspace"
ObjectSpace.trace_object_allocations_start
require_relative "kit"

require "json"
require "yaml"
require "logger"
require "stringio"
require "rack"
require "rack/mock"
require "rack/builder"
require "rack/etag"
require "rack/conditional_get"
require "rack/content_length"

srand(7341)

STATION_COUNT = 9000
RESULTS_PER_QUERY = 16

# The station index: YAML as shipped with the service, parsed at boot.
def stations_yaml(n)
  lines = Array.new(n) do |i|
    { "code" => format("ST%05d", i), "name" => "Station #{i} #{%w[North South East West Central][i % 5]}",
      "lat" => (rand * 10 + 45).round(5), "lon" => (rand * 10 + 5).round(5),
      "platforms" => 1 + rand(8), "lines" => Array.new(1 + rand(4)) { "L#{rand(40)}" } }
  end
  YAML.dump(lines)
end

# Parsed on a short-lived thread: the main thread's C stack would otherwise
# keep stray pointers into Psych's parse tree, which the conservative stack
# scan then reports as reachable.
STATIONS = Thread.new { YAML.safe_load(stations_yaml(STATION_COUNT)).to_h { |s| [s["code"], s.freeze] } }.value
GRID = STATIONS.values.group_by { |s| [s["lat"].floor, s["lon"].floor] }
LOG_IO = StringIO.new
LOG = Logger.new(LOG_IO)

# Legitimate: the last RECENT_MAX distinct queries, least recently used out.
class RecentQueries
  RECENT_MAX = 300

  def initialize
    @entries = {}
  end

  def fetch(key)
    if @entries.key?(key)
      @entries[key] = @entries.delete(key)
    else
      @entries[key] = yield
      @entries.delete(@entries.first[0]) while @entries.size > RECENT_MAX
      @entries[key]
    end
  end
end

RECENT = RecentQueries.new
$response_cache = {} # the leak

def nearest(lat, lon, k)
  cell = [lat.floor, lon.floor]
  near = [-1, 0, 1].flat_map { |a| [-1, 0, 1].flat_map { |b| GRID.fetch([cell[0] + a, cell[1] + b], []) } }
  near.min_by(k) { |s| (s["lat"] - lat)**2 + (s["lon"] - lon)**2 }
end

NEAREST = lambda do |env|
  req = Rack::Request.new(env)
  LOG.info("GET #{req.fullpath}")
  body = $response_cache[env["QUERY_STRING"]] ||= begin
    lat = req.params["lat"].to_f.round(2)
    lon = req.params["lon"].to_f.round(2)
    found = RECENT.fetch([lat, lon]) { nearest(lat, lon, RESULTS_PER_QUERY) }
    { "query" => { "lat" => lat, "lon" => lon, "client" => req.params["client"] },
      "stations" => found.map { |s| s.merge("distance_km" => (Math.hypot(s["lat"] - lat, s["lon"] - lon) * 111).round(3)) },
      "generated" => req.params["_ts"] }.to_json
  end
  [200, { "Content-Type" => "application/json" }, [body]]
end

STATION = lambda do |env|
  code = env["PATH_INFO"].delete_prefix("/")
  s = STATIONS[code] or return [404, {}, ["no such station"]]
  [200, { "Content-Type" => "application/json" }, [JSON.generate(s)]]
end

APP = Rack::MockRequest.new(Rack::Builder.new do
  use Rack::ContentLength
  use Rack::ConditionalGet
  use Rack::ETag
  map("/nearest") { run NEAREST }
  map("/stations") { run STATION }
end.to_app)

$clock = 1_700_000_000
def serve(n)
  n.times do
    $clock += 1
    lat = (45 + rand * 10).round(2)
    lon = (5 + rand * 10).round(2)
    res = check(APP.get("/nearest?lat=#{lat}&lon=#{lon}&client=app-#{rand(50)}&_ts=#{$clock}"))
    first = JSON.parse(res.body)["stations"].first
    check(APP.get("/stations/#{first['code']}"))
    LOG_IO.truncate(0) && LOG_IO.rewind if LOG_IO.size > 32 * 1024 # rotate the log
  end
end

SERIES_BATCH = 186 # with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
# warm-up: every route
schedule(20, [930, 800], SERIES_BATCH) { |n| serve(n) }

write_expect(
  leak: marks(["$response_cache"], [addr($response_cache)]),
  legit: [
    marks(["STATIONS"], [addr(STATIONS)]),
    marks(["GRID"], [addr(GRID)]),
    marks(["RECENT", "@entries"], [addr(RECENT), addr(RECENT.instance_variable_get(:@entries))])
  ],
  measure: [addr($response_cache)]
)
