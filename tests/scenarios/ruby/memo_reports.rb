# A reporting endpoint: a Rack app (Rack::URLMap) driven in-process through
# Rack::MockRequest that turns a legitimately big sales dataset, loaded from
# JSON at boot, into CSV and JSON exports and ERB-rendered HTML summaries with
# ActiveSupport's date and number helpers. Legitimate state besides the
# dataset: a list of the last EXPORTS_MAX exports. The planted leak: the
# long-lived ReportService memoizes each MemoizedReport with ||= in a Hash
# (@reports) keyed by the full request parameters, which include a client
# request id, so every request adds an entry that is never evicted.
# Run as: ruby memo_reports.rb OUTDIR; writes OUTDIR/{1,2,3}.json and
# OUTDIR/expect.json (see ../README.md).
require "objspace"
ObjectSpace.trace_object_allocations_start
require_relative "kit"

require "json"
require "csv"
require "erb"
require "date"
require "rack"
require "rack/mock"
require "active_support"
require "active_support/core_ext"
require "active_support/number_helper"

srand(31337)

SALE_COUNT = 20_000
EXPORTS_MAX = 50
REGIONS = %w[north south east west central].freeze
PRODUCTS = Array.new(60) { |i| "Product #{i.to_s.rjust(2, '0')}" }.freeze

# The dataset as the warehouse exports it: a JSON array, parsed at boot.
def sales_json(n)
  start = Date.new(2023, 1, 1)
  Array.new(n) do |i|
    { "id" => i, "day" => (start + rand(365)).iso8601, "region" => REGIONS[rand(REGIONS.size)],
      "product" => PRODUCTS[rand(PRODUCTS.size)], "units" => 1 + rand(20), "price" => (5 + rand * 95).round(2) }
  end.to_json
end

SALES = JSON.parse(sales_json(SALE_COUNT), freeze: true)
SALES_BY_MONTH = SALES.group_by { |s| [s["region"], Date.iso8601(s["day"]).beginning_of_month] }
                      .transform_values { |v| v.sort_by { |s| [s["day"], s["id"]] }.freeze }.freeze
EXPORTS = [] # legitimate: the last EXPORTS_MAX exports, for the audit page

MemoizedReport = Struct.new(:params, :csv, :html, :json, :totals)

SUMMARY = ERB.new(<<~HTML, trim_mode: "-")
  <h2><%= region.titleize %>: <%= range.first.to_s(:long) %> to <%= range.last.to_s(:long) %></h2>
  <p><%= rows.size %> sales, <%= ActiveSupport::NumberHelper.number_to_currency(totals.values.sum) %></p>
  <table>
  <%- totals.sort_by { |_, v| -v }.each do |product, amount| -%>
  <tr><td><%= ERB::Util.h(product) %></td><td><%= ActiveSupport::NumberHelper.number_to_delimited(amount.round(2)) %></td></tr>
  <%- end -%>
  </table>
  <ol>
  <%- rows.first(80).each do |s| -%>
  <li><%= s["day"] %>: <%= s["units"] %> x <%= s["product"] %> at <%= s["price"] %></li>
  <%- end -%>
  </ol>
HTML

class ReportService
  SUMMARY.def_method(self, "summary(region, range, rows, totals)", "summary.erb")

  def report(params)
    @reports ||= {}
    @reports[params] ||= build(params) # the leak: never evicted
  end

  def size
    (@reports || {}).size
  end

  private

  def build(params)
    region = params["region"]
    month = Date.iso8601(params["month"])
    range = month.all_month
    rows = SALES_BY_MONTH.fetch([region, month.beginning_of_month], [])
    totals = rows.group_by { |s| s["product"] }.transform_values { |v| v.sum { |s| s["units"] * s["price"] } }
    csv = CSV.generate do |out|
      out << %w[id day product units price amount]
      rows.each { |s| out << [s["id"], s["day"], s["product"], s["units"], s["price"], (s["units"] * s["price"]).round(2)] }
    end
    json = JSON.generate("region" => region, "month" => month.iso8601, "totals" => totals, "rows" => rows)
    MemoizedReport.new(params, csv, summary(region, range, rows, totals), json, totals)
  end
end

REPORTS = ReportService.new

REPORT_APP = lambda do |env|
  req = Rack::Request.new(env)
  rep = REPORTS.report(req.params.slice("region", "month", "format", "request_id"))
  EXPORTS << { at: req.params["request_id"], region: rep.params["region"], bytes: rep.csv.bytesize }
  EXPORTS.shift while EXPORTS.size > EXPORTS_MAX
  case req.params["format"]
  when "csv" then [200, { "Content-Type" => "text/csv" }, [rep.csv]]
  when "json" then [200, { "Content-Type" => "application/json" }, [rep.json]]
  else [200, { "Content-Type" => "text/html" }, [rep.html]]
  end
end

STATUS_APP = lambda do |_env|
  body = { reports: REPORTS.size, exports: EXPORTS.size, regions: REGIONS.to_sentence }.to_json
  [200, { "Content-Type" => "application/json" }, [body]]
end

APP = Rack::MockRequest.new(Rack::URLMap.new("/report" => REPORT_APP, "/status" => STATUS_APP))

$request_id = 0
def serve(n)
  n.times do |i|
    $request_id += 1
    month = Date.new(2023, 1 + rand(12), 1).iso8601
    fmt = %w[csv html json][i % 3]
    check(APP.get("/report?region=#{REGIONS[rand(REGIONS.size)]}&month=#{month}&format=#{fmt}&request_id=r#{$request_id}"))
    check(APP.get("/status")) if i % 20 == 0
  end
end

# warm-up: every route and format
schedule(10, [286, 120]) { |n| serve(n) }

memo = REPORTS.instance_variable_get(:@reports)
write_expect(
  leak: marks(["@reports"], [addr(memo), addr(REPORTS)], ["MemoizedReport"]),
  legit: [
    marks(["SALES"], [addr(SALES)]),
    marks(["SALES_BY_MONTH"], [addr(SALES_BY_MONTH)]),
    marks(["EXPORTS"], [addr(EXPORTS)])
  ],
  measure: [addr(memo)]
)
