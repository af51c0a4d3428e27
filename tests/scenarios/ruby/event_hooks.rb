# A Sinatra dashboard rendering Erubi templates, driven in-process through
# Rack::MockRequest. Beside a legitimate ring of the last METRICS_MAX request
# metrics and a Logger writing to a rotated StringIO, the planted leak: every
# request subscribes an "after flush" callback to a process-wide event bus
# (EventBus#hooks), a block closing over the request's params, headers and
# rendered page, and nothing ever unsubscribes it (only Procs and what they
# capture).
# Run as: ruby event_hooks.rb OUTDIR; writes OUTDIR/{1,2,3}.json and
# OUTDIR/expect.json (see ../README.md).
require "objspace"
ObjectSpace.trace_object_allocations_start
require_relative "kit"

require "json"
require "logger"
require "stringio"
require "digest"
require "erubi"
require "sinatra/base"
require "rack/mock"

srand(99121)

ROWS_PER_PAGE = 100
METRICS_MAX = 200

# A process-wide publish/subscribe bus.
class EventBus
  attr_reader :hooks

  def initialize
    @hooks = []
  end

  def on(event, &blk)
    @hooks << [event, blk]
  end

  def emit(event, payload)
    @hooks.each { |e, blk| blk.call(payload) if e == event }
  end
end

BUS = EventBus.new
LOG_IO = StringIO.new
LOGGER = Logger.new(LOG_IO)
METRICS = [] # legitimate: the last METRICS_MAX requests

def record_metric(m)
  METRICS << m
  METRICS.shift while METRICS.size > METRICS_MAX
end

DASHBOARD = Erubi::Engine.new(<<~'ERB', escape: true).src
  <!doctype html>
  <html><head><title>Orders for <%= user %></title></head><body>
  <h1>Orders for <%= user %> (<%= rows.size %>)</h1>
  <table>
  <% rows.each do |r| %>
  <tr class="<%= r[:state] %>"><td><%= r[:id] %></td><td><%= r[:customer] %></td><td><%= format("%.2f", r[:amount]) %></td><td><%= r[:note] %></td></tr>
  <% end %>
  </table></body></html>
ERB

module Views
  module_eval("def self.dashboard(user, rows)\n#{DASHBOARD}\nend", "dashboard.erb", 0)
end

STATES = %w[open paid shipped refunded].freeze
NAMES = %w[Ada Brian Chen Dana Emil Fatima Goran Hana Ivan Jia Kofi Lena].freeze

class Dashboard < Sinatra::Base
  set :environment, :production
  set :raise_errors, true
  set :show_exceptions, false
  set :logging, false

  get "/orders" do
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    user = params["user"]
    rows = Array.new(ROWS_PER_PAGE) do |i|
      { id: "#{params['page']}-#{i}", customer: "#{NAMES[rand(NAMES.size)]} <#{rand(10_000)}@example.org>",
        amount: rand * 900, state: STATES[rand(STATES.size)], note: "deliver to dock #{rand(40)} & call ahead" }
    end
    page = Views.dashboard(user, rows)
    after_flush(user, request.env.select { |k, _| k.start_with?("HTTP_") }, page)
    record_metric(path: request.path_info, user: user, bytes: page.bytesize,
                  ms: ((Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) * 1000).round(3))
    page
  end

  # The leak: a callback per request, never removed, capturing the request.
  def after_flush(user, headers_seen, page)
    BUS.on(:flush) do |stats|
      LOGGER.debug("flushed #{stats[:n]} after #{user} #{headers_seen['HTTP_X_REQUEST_ID']} (#{page.bytesize} bytes)")
    end
  end

  get "/metrics" do
    content_type :json
    { count: METRICS.size, bytes: METRICS.sum { |m| m[:bytes] }, hooks: BUS.hooks.size }.to_json
  end

  post "/flush" do
    BUS.emit(:flush, n: METRICS.size)
    "flushed"
  end
end

APP = Rack::MockRequest.new(Dashboard)

$request_id = 0
def serve(n)
  n.times do |i|
    $request_id += 1
    check(APP.get("/orders?user=ops#{rand(30)}&page=#{$request_id}",
                  "HTTP_X_REQUEST_ID" => Digest::SHA1.hexdigest($request_id.to_s), "HTTP_ACCEPT" => "text/html"))
    check(APP.get("/metrics")) if i % 10 == 0
    if i % 100 == 0
      check(APP.post("/flush"))
      LOG_IO.truncate(0) && LOG_IO.rewind # rotate the log
    end
  end
end

SERIES_BATCH = 9 # with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
# warm-up: every route
schedule(12, [257, 260], SERIES_BATCH) { |n| serve(n) }

write_expect(
  leak: marks(["@hooks", "BUS"], [addr(BUS.hooks), addr(BUS)]),
  legit: [
    marks(["METRICS"], [addr(METRICS)]),
    marks(["LOG_IO"], [addr(LOG_IO)])
  ],
  measure: [addr(BUS.hooks)]
)
