# A Sinatra storefront driven in-process through Rack::MockRequest. Every
# login builds a LeakedSession that registers itself in a class-level
# registry (@@instances) nobody ever prunes: the planted leak. Beside it, a
# legitimately big product catalog loaded from CSV at boot and a size-bound
# ActiveSupport::Cache::MemoryStore of rendered ERB product pages.
# Run as: ruby session_registry.rb OUTDIR; writes OUTDIR/{1,2,3}.json and
# OUTDIR/expect.json (see ../README.md).
require "objspace"
ObjectSpace.trace_object_allocations_start

require "fileutils"
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

OUTDIR = ARGV[0] or abort("usage: ruby #{$PROGRAM_NAME} OUTDIR")
FileUtils.mkdir_p(OUTDIR)
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

def check(res)
  raise "HTTP #{res.status}: #{res.body[0, 200]}" unless res.status == 200
  res
end

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

def dump(n)
  GC.start
  File.open(File.join(OUTDIR, "#{n}.json"), "w") { |f| ObjectSpace.dump_all(output: f) }
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

serve(20, 3) # warm-up: every route
dump(1)
serve(550, 2)
dump(2)
serve(450, 2)
dump(3)

leak = LeakedSession.registry
kept, total = retained(File.join(OUTDIR, "2.json"), [addr(leak)])
expect = {
  "leak" => { "names" => ["@@instances"], "ids" => [addr(leak)], "types" => ["LeakedSession"] },
  "legit" => [
    { "names" => ["CATALOG"], "ids" => [addr(CATALOG)], "types" => [] },
    { "names" => ["PAGE_CACHE"], "ids" => [addr(PAGE_CACHE), addr(PAGE_CACHE.instance_variable_get(:@data))], "types" => [] }
  ],
  "leak_percent" => (100.0 * kept / total).round(2)
}
File.write(File.join(OUTDIR, "expect.json"), JSON.pretty_generate(expect) + "\n")
