package dashgen

import (
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

// An event of the span-linked profiler and how it is shown.
type methodEvent struct {
	name, metric, tableUnit, rateUnit, what string
}

var methodEvents = []methodEvent{
	{"CPU", "method_cpu_time_seconds_total", "s", "suffix: cores", "CPU time (estimate: samples x interval); per second it is the cores busy in the method"},
	{"Wall", "method_wall_time_seconds_total", "s", "suffix: threads", "wall-clock time inside spans (estimate); per second it is the threads in the method on average, running or waiting"},
	{"Allocation", "method_allocation_size_bytes_total", "bytes", "Bps", "bytes allocated (async-profiler's sampled weights)"},
	{"Lock wait", "method_lock_wait_time_seconds_total", "s", "suffix: threads", "time waiting for contended locks above the threshold; per second it is the threads blocked on average"},
}

// Methods answers "which methods make this endpoint slow or expensive?": the span-linked
// method timings per endpoint (span_name), as tables over the range and as time series whose
// exemplars open the trace (Jaeger) or the flame graph of that very trace (our REST API).
func Methods() *dashboard.DashboardBuilder {
	d := base("perfapi-methods", "Performance API / Method hotspots",
		"Top Java methods per endpoint by CPU, wall-clock, allocation and lock wait, from async-profiler samples joined to the span active on the thread. Self = the method was on top of the stack; total = anywhere on it. Exemplar dots open the trace in Jaeger or its flame graph.",
		"methods", "profiling").
		WithVariable(serviceVar()).
		WithVariable(instanceVar()).
		WithVariable(labelVar("endpoint", "Endpoint (span name)", `method_cpu_time_seconds_total{service_name="$service",service_instance_id=~"$instance"}`, "span_name", true))
	endpoint := `span_name=~"$endpoint"`
	d = d.WithRow(row("Top methods over the time range (self time)"))
	for _, e := range methodEvents {
		d = d.WithPanel(topTable("Top methods by "+e.name, "Per endpoint, the methods with the most self "+e.what+".",
			e.tableUnit, 12, 10,
			q(`topk(20, sum by (span_name, code_function_name) (increase(`+e.metric+sel(endpoint, `method_time_scope="self"`)+`[$__range])))`, "")).
			DataLinks(methodLinks()))
	}
	d = d.WithRow(row("Methods over time (exemplars open the trace and its flame graph)"))
	for _, e := range methodEvents {
		d = d.WithPanel(graph(e.name+": top methods (self)", "Top 10 methods by self "+e.what+".",
			e.rateUnit, 12, 8, false, true,
			q(`topk(10, sum by (span_name, code_function_name) (rate(`+e.metric+sel(endpoint, `method_time_scope="self"`)+rateWin+`)))`, "{{span_name}} {{code_function_name}}")))
	}
	return d.
		WithPanel(graph("CPU: top methods (total, inclusive)", "Top 10 methods by inclusive CPU time: the method or anything it called was running.",
			"suffix: cores", 12, 8, false, true,
			q(`topk(10, sum by (span_name, code_function_name) (rate(method_cpu_time_seconds_total`+sel(endpoint, `method_time_scope="total"`)+rateWin+`)))`, "{{span_name}} {{code_function_name}}"))).
		WithPanel(graph("Profiler samples", "Samples per second by event and whether a span was active: the statistical base of every figure above.",
			"suffix: samples/s", 12, 8, false, false,
			q(`sum by (perfapi_profile_event, perfapi_sample_outcome) (rate(perfapi_profiling_samples_total`+sel()+rateWin+`))`, "{{perfapi_profile_event}} {{perfapi_sample_outcome}}"))).
		WithRow(row("Timed methods (every call, otel.perfapi.methods.include)")).
		WithPanel(graph("Timed methods: p95 duration", "95th percentile duration of each method listed in otel.perfapi.methods.include: measured on every call, not sampled.",
			"s", 12, 8, false, true,
			q(`histogram_quantile(0.95, sum by (le, code_function_name) (rate(method_invocation_duration_seconds_bucket`+sel()+rateWin+`)))`, "{{code_function_name}} p95"))).
		WithPanel(graph("Timed methods: calls", "Calls per second of each method listed in otel.perfapi.methods.include.",
			"suffix: calls/s", 12, 8, false, false,
			q(`sum by (code_function_name) (rate(method_invocation_duration_seconds_count`+sel()+rateWin+`))`, "{{code_function_name}}")))
}

// methodLinks lead from a table row (endpoint, method) to the traces of that endpoint in the
// provisioned Jaeger data source and to this dashboard narrowed to the endpoint.
func methodLinks() []cog.Builder[dashboard.DashboardLink] {
	explore := `/explore?schemaVersion=1&panes={"traces":{"datasource":"` + JaegerUID + `","queries":[{"refId":"A",` +
		`"datasource":{"type":"jaeger","uid":"` + JaegerUID + `"},"queryType":"search","service":"${service}",` +
		`"operation":"${__data.fields.span_name}"}],"range":{"from":"${__from}","to":"${__to}"}}}`
	return []cog.Builder[dashboard.DashboardLink]{
		dashboard.NewDashboardLinkBuilder("Traces of ${__data.fields.span_name} in Jaeger").
			Type(dashboard.DashboardLinkTypeLink).Url(explore),
		dashboard.NewDashboardLinkBuilder("Only ${__data.fields.span_name}").
			Type(dashboard.DashboardLinkTypeLink).
			Url("/d/perfapi-methods/performance-api-method-hotspots?${service:queryparam}&${instance:queryparam}&var-endpoint=${__data.fields.span_name:percentencode}&${__url_time_range}"),
	}
}
