package dashgen

import (
	"encoding/json"

	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

// All maps each dashboard's file name in grafana/dashboards to its builder.
func All() map[string]*dashboard.DashboardBuilder {
	return map[string]*dashboard.DashboardBuilder{
		"host.json":    Host(),
		"jvm.json":     JVM(),
		"service.json": Service(),
		"methods.json": Methods(),
	}
}

// Render builds a dashboard and returns its JSON as committed (indented, trailing newline).
func Render(builder *dashboard.DashboardBuilder) ([]byte, error) {
	d, err := builder.Build()
	if err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
