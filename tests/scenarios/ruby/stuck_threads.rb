# A Sinatra notification service driven in-process through
# Rack::MockRequest: clients publish JSON events, read a YAML-configured
# topic catalog, and open long-poll subscriptions. Legitimate state: the
# topic catalog and a routing index built from it at boot (big, by design),
# a size-bound ActiveSupport::Cache::MemoryStore of rendered digests, a
# ring of the last RECENT_MAX events and a Logger on a rotated StringIO.
# The planted leak: each subscription starts a Thread that waits on its own
# Queue; the client goes away, nothing ever closes the queue, and the thread
# (with its VM stack) and the request data it holds live forever.
# Run as: ruby stuck_threads.rb OUTDIR; writes OUTDIR/{1,2,3}.json and
# OUTDIR/expect.json (see ../README.md).
require "objspace"
ObjectSpace.trace_object_allocations_start
require_relative "kit"

require "json"
require "yaml"
require "logger"
require "stringio"
require "digest"
require "sinatra/base"
require "rack/mock"
require "active_support"
require "active_support/core_ext"
require "active_support/cache"

srand(424242)

TOPIC_COUNT = 4000
RECENT_MAX = 400

def topics_yaml(n)
  YAML.dump(Array.new(n) do |i|
    { "name" => "fleet.#{%w[truck van bike drone][i % 4]}.#{i}.status",
      "owner" => "team-#{i % 37}", "retention" => "#{1 + i % 30}d",
      "schema" => { "fields" => Array.new(4) { |j| { "name" => "f#{j}", "type" => %w[int str float][j % 3] } } } }
  end)
end

# Parsed on a short-lived thread so no stray pointer into Psych's parse tree
# stays on the main thread's C stack (the conservative scan would keep it).
TOPICS = Thread.new { YAML.safe_load(topics_yaml(TOPIC_COUNT)).index_by { |t| t["name"] } }.value
ROUTES = TOPICS.keys.group_by { |n| n.split(".")[1] }.transform_values { |v| v.index_with { |n| Digest::MD5.hexdigest(n) } }
DIGESTS = ActiveSupport::Cache::MemoryStore.new(size: 256.kilobytes)
RECENT = []
LOG_IO = StringIO.new
LOGGER = Logger.new(LOG_IO)

class Notifier < Sinatra::Base
  set :environment, :production
  set :raise_errors, true
  set :show_exceptions, false
  set :logging, false

  post "/events" do
    ev = JSON.parse(request.body.read)
    halt 404 unless TOPICS.key?(ev["topic"])
    RECENT << ev.deep_symbolize_keys
    RECENT.shift while RECENT.size > RECENT_MAX
    LOGGER.info("event #{ev['topic']} #{ev['payload'].to_json.bytesize}B")
    "accepted"
  end

  get "/topics/:kind" do
    content_type :json
    DIGESTS.fetch("digest/#{params['kind']}/#{RECENT.size / 50}") do
      routes = ROUTES.fetch(params["kind"]) { halt 404 }
      { kind: params["kind"], topics: routes.size, recent: RECENT.last(20).map { |e| e[:topic] },
        sample: routes.first(40).to_h }.to_json
    end
  end

  # The leak: a waiter thread per subscription that nothing ever wakes.
  post "/subscribe" do
    sub = JSON.parse(request.body.read)
    inbox = Queue.new
    request_data = { "client" => sub["client"], "topics" => sub["topics"], "filters" => sub["filters"],
                     "headers" => request.env.select { |k, _| k.start_with?("HTTP_") },
                     "cursor" => sub["cursor"], "backlog" => RECENT.last(40).map(&:to_json).join("\n") }
    Thread.new(request_data, inbox) do |data, q|
      while (ev = q.pop)
        LOGGER.info("deliver #{ev[:topic]} to #{data['client']}")
      end
    end
    content_type :json
    { subscribed: sub["topics"].size }.to_json
  end
end

APP = Rack::MockRequest.new(Notifier)
TOPIC_NAMES = TOPICS.keys

def serve(events, subscriptions)
  subscribe_at = Array.new(subscriptions) { |k| k * events / subscriptions }
  events.times do |i|
    ev = { topic: TOPIC_NAMES[rand(TOPIC_NAMES.size)], at: 1_700_000_000 + i,
           payload: { lat: rand * 90, lon: rand * 180, speed: rand(120), note: "ok" * rand(20) } }
    check(APP.post("/events", input: ev.to_json, "CONTENT_TYPE" => "application/json"))
    check(APP.get("/topics/#{%w[truck van bike drone][i % 4]}")) if i % 5 == 0
    LOG_IO.truncate(0) && LOG_IO.rewind if LOG_IO.size > 32 * 1024 # rotate the log
    next unless subscribe_at.include?(i)

    sub = { client: "dash-#{rand(10_000)}", topics: TOPIC_NAMES.sample(60), cursor: i,
            filters: { "speed_gt" => rand(50), "owners" => Array.new(5) { "team-#{rand(37)}" } } }
    check(APP.post("/subscribe", input: sub.to_json, "CONTENT_TYPE" => "application/json",
                                 "HTTP_USER_AGENT" => "dashboard/3.1", "HTTP_X_FORWARDED_FOR" => "10.1.2.#{rand(255)}"))
  end
end

def waiters
  Thread.list.reject { |t| t == Thread.main || t.status != "sleep" || !t.inspect.include?(__FILE__) }
end

# The kit's dump, once every waiter is parked.
def dump_parked(n)
  200.times do
    break if waiters.size == $expected_waiters
    sleep 0.05
  end
  raise "#{waiters.size} waiters, expected #{$expected_waiters}" unless waiters.size == $expected_waiters
  dump(n)
end

$expected_waiters = 1
serve(100, 1) # warm-up: every route
dump_parked(1)
$expected_waiters += 7
serve(1500, 7)
dump_parked(2)
leaked = waiters.map { |t| addr(t) } # the waiters dump 2 holds
holder = addr(Ractor.current) # what memscope sees holding the threads
$expected_waiters += 4
serve(1200, 4)
dump_parked(3)

write_expect(
  leak: marks([], [holder] + leaked),
  legit: [
    marks(["TOPICS"], [addr(TOPICS)]),
    marks(["ROUTES"], [addr(ROUTES)]),
    marks(["DIGESTS"], [addr(DIGESTS), addr(DIGESTS.instance_variable_get(:@data))]),
    marks(["RECENT"], [addr(RECENT)])
  ],
  measure: leaked
)
