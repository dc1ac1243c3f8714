package dashgen

import (
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

// Service answers "how is each endpoint doing?": rate, errors and latency from the agent's
// http.server.request.duration histogram, with exemplars leading to traces and flame graphs.
func Service() *dashboard.DashboardBuilder {
	route := `http_route=~"$route"`
	count := `http_server_request_duration_seconds_count` + sel(route)
	bucket := `http_server_request_duration_seconds_bucket` + sel(route)
	// From an endpoint to its methods: span_name of a server span is "METHOD route".
	toMethods := []cog.Builder[dashboard.DashboardLink]{
		dashboard.NewDashboardLinkBuilder("Method hotspots of ${__field.labels.http_request_method} ${__field.labels.http_route}").
			Type(dashboard.DashboardLinkTypeLink).
			Url("/d/perfapi-methods/performance-api-method-hotspots?${service:queryparam}&${instance:queryparam}&var-endpoint=${__field.labels.http_request_method}%20${__field.labels.http_route}&${__url_time_range}"),
	}
	latency := func(quantile string) query {
		return q(`histogram_quantile(`+quantile+`, sum by (le, http_request_method, http_route) (rate(`+bucket+rateWin+`)))`,
			"{{http_request_method}} {{http_route}} p"+quantile[2:])
	}
	return base("perfapi-service", "Performance API / Service",
		"Request rate, errors and latency per endpoint (http.server.request.duration of the OpenTelemetry agent). Exemplars (dots on the latency panels) open the trace in Jaeger or its flame graph.",
		"service").
		WithVariable(serviceVar()).
		WithVariable(instanceVar()).
		WithVariable(labelVar("route", "Route", `http_server_request_duration_seconds_count{service_name="$service",service_instance_id=~"$instance"}`, "http_route", true)).
		WithRow(row("Traffic and errors")).
		WithPanel(graph("Request rate", "Requests per second per endpoint.",
			"reqps", 8, 8, false, false,
			q(`sum by (http_request_method, http_route) (rate(`+count+rateWin+`))`, "{{http_request_method}} {{http_route}}")).
			DataLinks(toMethods)).
		WithPanel(graph("Server error ratio", "Share of requests answered with a 5xx status per endpoint; 0 for an endpoint that had requests and no server errors.",
			"percentunit", 8, 8, false, false,
			q(`(sum by (http_request_method, http_route) (rate(http_server_request_duration_seconds_count`+sel(route, `http_response_status_code=~"5.."`)+rateWin+`))`+
				` or sum by (http_request_method, http_route) (rate(`+count+rateWin+`)) * 0)`+
				` / sum by (http_request_method, http_route) (rate(`+count+rateWin+`))`, "{{http_request_method}} {{http_route}}")).
			Min(0)).
		WithPanel(graph("Unsuccessful responses", "Responses per second whose status was not 2xx, by endpoint and status code (4xx: the client's request was refused; 5xx: the server failed).",
			"reqps", 8, 8, false, false,
			q(`sum by (http_request_method, http_route, http_response_status_code) (rate(http_server_request_duration_seconds_count`+sel(route, `http_response_status_code!~"2.."`)+rateWin+`))`,
				"{{http_request_method}} {{http_route}} {{http_response_status_code}}"))).
		WithRow(row("Latency")).
		WithPanel(graph("Latency p50", "Median server-side request duration per endpoint.",
			"s", 8, 8, false, true, latency("0.50")).DataLinks(toMethods)).
		WithPanel(graph("Latency p95", "95th percentile of the server-side request duration per endpoint.",
			"s", 8, 8, false, true, latency("0.95")).DataLinks(toMethods)).
		WithPanel(graph("Latency p99", "99th percentile of the server-side request duration per endpoint.",
			"s", 8, 8, false, true, latency("0.99")).DataLinks(toMethods)).
		WithPanel(graph("Mean latency", "Mean server-side request duration per endpoint (sum / count).",
			"s", 12, 8, false, false,
			q(`sum by (http_request_method, http_route) (rate(http_server_request_duration_seconds_sum`+sel(route)+rateWin+`))`+
				` / sum by (http_request_method, http_route) (rate(`+count+rateWin+`))`, "{{http_request_method}} {{http_route}}"))).
		WithPanel(topTable("Requests in range", "Requests per endpoint and status over the dashboard's time range.",
			"suffix: requests", 12, 8,
			q(`sum by (http_request_method, http_route, http_response_status_code) (increase(`+count+`[$__range]))`, "")))
}
