# A link-extraction service: a plain Rack app that parses posted HTML with
# Nokogiri, extracts title, links and keywords, and answers JSON, driven
# in-process through Rack::MockRequest. Legitimate state: a term-frequency
# dictionary loaded at boot (big, by design) and an
# ActiveSupport::Cache::MemoryStore of extraction results with a size bound.
# The planted leak: an audit trail (AUDIT_TRAIL) that gets one formatted
# String per request and is never trimmed (only Strings).
# Run as: ruby audit_log.rb OUTDIR; writes OUTDIR/{1,2,3}.json and
# OUTDIR/expect.json (see ../README.md).
require "objspace"
ObjectSpace.trace_object_allocations_start

require "fileutils"
require "json"
require "set"
require "digest"
require "logger"
require "stringio"
require "nokogiri"
require "rack"
require "rack/mock"
require "active_support"
require "active_support/core_ext"
require "active_support/cache"

OUTDIR = ARGV[0] or abort("usage: ruby #{$PROGRAM_NAME} OUTDIR")
FileUtils.mkdir_p(OUTDIR)
srand(5150)

SYLLABLES = %w[ka lo mi ne ru sa ti vo ze an el ir on us ba de fi go].freeze
DICTIONARY_WORDS = 30_000

def word
  Array.new(2 + rand(3)) { SYLLABLES[rand(SYLLABLES.size)] }.join
end

# Legitimate and big: document frequencies for keyword scoring, plus stopwords.
DICTIONARY = Array.new(DICTIONARY_WORDS) { word }.uniq.each_with_index.to_h { |w, i| [w, 1 + (i * 7919) % 5000] }
STOPWORDS = Set.new(DICTIONARY.keys.first(300))
RESULTS = ActiveSupport::Cache::MemoryStore.new(size: 256.kilobytes)
LOG_IO = StringIO.new
LOGGER = Logger.new(LOG_IO)
AUDIT_TRAIL = [] # the leak

class Extractor
  def call(env)
    req = Rack::Request.new(env)
    return [404, {}, ["not found"]] unless req.post? && req.path_info == "/extract"

    html = req.body.read
    key = Digest::SHA256.hexdigest(html)
    result = RESULTS.fetch(key) { extract(html) }
    AUDIT_TRAIL << format("%s client=%s ua=%p doc=%s title=%p links=%d keywords=%s first_links=%s",
                          Time.at(1_700_000_000 + AUDIT_TRAIL.size).utc.iso8601, req.ip,
                          req.user_agent, key, result[:title], result[:links].size,
                          result[:keywords].join(","), result[:links].first(12).join(" "))
    LOGGER.info("extract #{key[0, 12]} #{result[:links].size} links")
    [200, { "Content-Type" => "application/json" }, [result.to_json]]
  end

  def extract(html)
    doc = Nokogiri::HTML(html)
    words = doc.css("p").map(&:text).join(" ").downcase.scan(/[a-z]+/)
    scores = words.reject { |w| STOPWORDS.include?(w) }.tally.map { |w, n| [w, n.to_f / DICTIONARY.fetch(w, 1)] }
    { title: doc.at_css("title")&.text.to_s.squish,
      links: doc.css("a[href]").map { |a| a["href"] }.uniq.first(50),
      keywords: scores.max_by(8) { |_, s| s }.map(&:first) }
  end
end

APP = Rack::MockRequest.new(Rack::Lint.new(Extractor.new))
WORDS = DICTIONARY.keys

def page(n)
  paras = Array.new(3 + rand(4)) { "<p>#{Array.new(40) { WORDS[rand(WORDS.size)] }.join(' ')}</p>" }
  links = Array.new(10 + rand(20)) { |i| "<li><a href=\"https://example.org/#{WORDS[rand(WORDS.size)]}/#{n}-#{i}\">#{WORDS[rand(WORDS.size)]}</a></li>" }
  "<!doctype html><html><head><title>#{WORDS[rand(WORDS.size)].titleize} #{n}</title></head>" \
    "<body><h1>Report #{n}</h1>#{paras.join}<ul>#{links.join}</ul></body></html>"
end

def check(res)
  raise "HTTP #{res.status}: #{res.body[0, 200]}" unless res.status == 200
  res
end

$doc = 0
def serve(n)
  n.times do
    $doc += 1
    # one in four pages is a repeat, answered from RESULTS
    num = $doc % 4 == 0 ? $doc - 3 : $doc
    check(APP.post("/extract", input: page(num), "CONTENT_TYPE" => "text/html",
                               "HTTP_USER_AGENT" => "crawler/2.#{rand(9)} (+https://example.org/bot)",
                               "REMOTE_ADDR" => "10.0.#{rand(256)}.#{rand(256)}"))
    LOG_IO.truncate(0) && LOG_IO.rewind if LOG_IO.size > 32 * 1024 # rotate the log
  end
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

serve(16) # warm-up: every path, cached and not
dump(1)
serve(1200)
dump(2)
serve(700)
dump(3)

kept, total = retained(File.join(OUTDIR, "2.json"), [addr(AUDIT_TRAIL)])
expect = {
  "leak" => { "names" => ["AUDIT_TRAIL"], "ids" => [addr(AUDIT_TRAIL)], "types" => [] },
  "legit" => [
    { "names" => ["DICTIONARY"], "ids" => [addr(DICTIONARY)], "types" => [] },
    { "names" => ["STOPWORDS"], "ids" => [addr(STOPWORDS)], "types" => [] },
    { "names" => ["RESULTS"], "ids" => [addr(RESULTS), addr(RESULTS.instance_variable_get(:@data))], "types" => [] }
  ],
  "leak_percent" => (100.0 * kept / total).round(2)
}
File.write(File.join(OUTDIR, "expect.json"), JSON.pretty_generate(expect) + "\n")
