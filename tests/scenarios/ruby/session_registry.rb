# A Sinatra storefront driven in-process through Rack::MockRequest. Every
# login builds a LeakedSession that registers itself in a class-level
# registry (@@instances) nobody ever prunes: the planted leak. Beside it, a
# legitimately big product catalog loaded from CSV at boot and a size-bound
# ActiveSupport::Cache::MemoryStore of rendered ERB product pages.
# Run as: ruby session_registry.rb OUTDIR; writes OUTDIR/{1,2,3}.json and
# OUTDIR/expect.json (see ../README.md).
require "objspace"
ObjectSpace.trace_object_allocations_start
require_relative "kit"

require "json"
require "csv"
require "erb"
require "logger"
require "stringio"
require "base64"
require "sinatra/base"
require "rack/mock"
require "active_support"
require "active_support/core_ext"
require "active_support/cache"

srand(20240611)
RNG = Random.new(20240611)

# The catalog: a CSV export parsed into an index by id (legitimate, big).
module Catalog
  WORDS = %w[steel oak linen wool cotton copper walnut slate amber cedar
             brass marble velvet canvas ceramic bamboo].freeze

  def self.csv_export(n)
    CSV.generate do |csv|
      csv << %w[id sku title price stock description tags]
      n.times do |i|
        title = Array.new(3) { WORDS[rand(WORDS.size)] }.join(" ").titleize
        csv << [i, "SKU-#{format('%06d', i)}", title, (rand * 300).round(2),
                rand(500), Array.new(12) { WORDS[rand(WORDS.size)] }.join(" "),
                Array.new(3) { WORDS[rand(WORDS.size)] }.uniq.join(";")]
      end
    end
  end

  def self.load(n)
    index = {}
    CSV.parse(csv_export(n), headers: true).each do |row|
      h = row.to_h.symbolize_keys
      h[:id] = h[:id].to_i
      h[:price] = h[:price].to_f
      h[:tags] = h[:tags].split(";")
      index[h[:id]] = h
    end
    index
  end
end

AVATAR_BYTES = 9000
CATALOG = Catalog.load(6000)
PAGE_CACHE = ActiveSupport::Cache::MemoryStore.new(size: 384.kilobytes)
LOG_IO = StringIO.new
LOGGER = Logger.new(LOG_IO)

# The leak: each instance registers itself, nothing ever removes it.
class LeakedSession
  @@instances = []

  attr_reader :user, :token, :cart, :headers, :history

  def initialize(user, profile, env)
    @user = user
    @token = RNG.bytes(24).unpack1("H*")
    @cart = []
    @history = []
    @headers = env.select { |k, _| k.start_with?("HTTP_") }.transform_values(&:dup)
    @profile = profile # the client's profile document, avatar data URL included
    @created = Time.at(1_700_000_000 + @@instances.size).utc.iso8601
    @@instances << self
  end

  def self.find(token)
    @@instances.reverse_each.find { |s| s.token == token }
  end

  def self.registry
    @@instances
  end
end

PRODUCT_PAGE = ERB.new(<<~HTML, trim_mode: "-")
  <html><head><title><%= product[:title] %></title></head><body>
  <h1><%= ERB::Util.h(product[:title]) %> (<%= product[:sku] %>)</h1>
  <p class="price"><%= ActiveSupport::NumberHelper.number_to_currency(product[:price]) %></p>
  <p><%= product[:description].truncate(80) %></p>
  <ul><% product[:tags].each do |t| -%><li><%= t %></li><% end -%></ul>
  </body></html>
HTML

class StoreApp < Sinatra::Base
  set :environment, :production
  set :raise_errors, true
  set :show_exceptions, false
  set :logging, false

  before { LOGGER.info("#{request.request_method} #{request.path_info}") }

  post "/login" do
    profile = JSON.parse(request.body.read)
    s = LeakedSession.new(profile["user"], profile, request.env)
    content_type :json
    { token: s.token }.to_json
  end

  get "/products/:id" do
    id = params["id"].to_i
    product = CATALOG.fetch(id) { halt 404 }
    PAGE_CACHE.fetch("product/#{id}") { PRODUCT_PAGE.result(binding) }
  end

  post "/cart" do
    body = JSON.parse(request.body.read)
    s = LeakedSession.find(body["token"]) or halt 401
    s.cart << { id: body["id"], qty: body["qty"], at: body["at"] }
    s.history << "added #{body['id']}"
    content_type :json
    { items: s.cart.size, total: s.cart.sum { |i| CATALOG[i[:id]][:price] * i[:qty] }.round(2) }.to_json
  end

  get "/health" do
    "ok"
  end
end

APP = Rack::MockRequest.new(StoreApp)

def serve(n_users, views_per_user)
  n_users.times do |u|
    user = "user#{rand(1_000_000)}"
    profile = { user: user, locale: "en-US", bio: "Customer #{user} " * 8,
                avatar: "data:image/png;base64,#{Base64.strict_encode64(RNG.bytes(AVATAR_BYTES))}" }
    tok = JSON.parse(check(APP.post("/login", input: profile.to_json, "CONTENT_TYPE" => "application/json",
                                              "HTTP_USER_AGENT" => "Mozilla/5.0 (X11; Linux) #{user}",
                                              "HTTP_ACCEPT_LANGUAGE" => "en-US,en;q=0.8")).body)["token"]
    views_per_user.times do
      id = rand(CATALOG.size)
      check(APP.get("/products/#{id}"))
      check(APP.post("/cart", input: { token: tok, id: id, qty: 1 + rand(3), at: u }.to_json,
                              "CONTENT_TYPE" => "application/json"))
    end
    check(APP.get("/health"))
  end
  LOG_IO.truncate(0) && LOG_IO.rewind if LOG_IO.size > 64 * 1024 # rotate the log
end

# warm-up: every route, 3 views a user; then 2
schedule(20, [550, 450]) { |n, batch| serve(n, batch.zero? ? 3 : 2) }

leak = LeakedSession.registry
write_expect(
  leak: marks(["@@instances"], [addr(leak)], ["LeakedSession"]),
  legit: [
    marks(["CATALOG"], [addr(CATALOG)]),
    marks(["PAGE_CACHE"], [addr(PAGE_CACHE), addr(PAGE_CACHE.instance_variable_get(:@data))])
  ],
  measure: [addr(leak)]
)
