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
require_relative "kit"

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

# warm-up: every path, cached and not
schedule(16, [1200, 700]) { |n| serve(n) }

write_expect(
  leak: marks(["AUDIT_TRAIL"], [addr(AUDIT_TRAIL)]),
  legit: [
    marks(["DICTIONARY"], [addr(DICTIONARY)]),
    marks(["STOPWORDS"], [addr(STOPWORDS)]),
    marks(["RESULTS"], [addr(RESULTS), addr(RESULTS.instance_variable_get(:@data))])
  ],
  measure: [addr(AUDIT_TRAIL)]
)
