// Package dashgen builds the Performance API Grafana dashboards with the Grafana Foundation SDK.
// The JSON files in grafana/dashboards are its output (go run ./cmd/gendashboards); a test in
// grafana/validate fails when they differ, so the code is the one place to edit a dashboard.
package dashgen

import (
	"fmt"
	"strings"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
	"github.com/grafana/grafana-foundation-sdk/go/table"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"
)

// Data source uids provisioned by grafana/provisioning/datasources/datasources.yaml.
const (
	PrometheusUID = "perfapi-prometheus"
	JaegerUID     = "perfapi-jaeger"
)

func promDS() common.DataSourceRef {
	return common.DataSourceRef{Type: cog.ToPtr("prometheus"), Uid: cog.ToPtr(PrometheusUID)}
}

// Selectors every query starts from: one service, one or more of its instances.
const (
	svc     = `service_name="$service",service_instance_id=~"$instance"`
	rateWin = `[$__rate_interval]`
)

// sel returns a label selector of the service and instance plus extra matchers.
func sel(extra ...string) string {
	return "{" + strings.Join(append([]string{svc}, extra...), ",") + "}"
}

// query is one PromQL target of a panel.
type query struct {
	expr, legend string
}

func q(expr, legend string) query { return query{expr, legend} }

func target(ref string, qq query, exemplars bool) *prometheus.DataqueryBuilder {
	return prometheus.NewDataqueryBuilder().
		Datasource(promDS()).
		RefId(ref).
		Expr(qq.expr).
		LegendFormat(qq.legend).
		Range().
		Exemplar(exemplars)
}

// graph is a time series panel; stacked panels show parts of a whole (modes, states).
func graph(title, description, unit string, w, h uint32, stacked, exemplars bool, qs ...query) *timeseries.PanelBuilder {
	p := timeseries.NewPanelBuilder().
		Title(title).
		Description(description).
		Datasource(promDS()).
		Unit(unit).
		Span(w).Height(h).
		FillOpacity(10).
		Legend(common.NewVizLegendOptionsBuilder().
			DisplayMode(common.LegendDisplayModeList).
			Placement(common.LegendPlacementBottom).
			ShowLegend(true)).
		Tooltip(common.NewVizTooltipOptionsBuilder().
			Mode(common.TooltipDisplayModeMulti).
			Sort(common.SortOrderDescending))
	if stacked {
		p = p.FillOpacity(40).Stacking(common.NewStackingConfigBuilder().Mode(common.StackingModeNormal))
	}
	for i, qq := range qs {
		p = p.WithTarget(target(refID(i), qq, exemplars))
	}
	return p
}

// topTable is a table of one instant query over the dashboard's time range.
func topTable(title, description, unit string, w, h uint32, qq query) *table.PanelBuilder {
	return table.NewPanelBuilder().
		Title(title).
		Description(description).
		Datasource(promDS()).
		Unit(unit).
		Span(w).Height(h).
		WithTarget(prometheus.NewDataqueryBuilder().
			Datasource(promDS()).
			RefId("A").
			Expr(qq.expr).
			LegendFormat(qq.legend).
			Instant().
			Format(prometheus.PromQueryFormatTable)).
		// The instant query's Time column says nothing here; the value is the figure.
		WithTransformation(dashboard.DataTransformerConfig{
			Id: "organize",
			Options: map[string]any{
				"excludeByName": map[string]any{"Time": true},
				"renameByName":  map[string]any{"Value": title},
			},
		}).
		Footer(common.NewTableFooterOptionsBuilder().Show(false).Reducer([]string{"sum"})).
		SortBy([]cog.Builder[common.TableSortByFieldState]{
			common.NewTableSortByFieldStateBuilder().DisplayName(title).Desc(true),
		})
}

func refID(i int) string { return string(rune('A' + i)) }

func row(title string) *dashboard.RowBuilder { return dashboard.NewRowBuilder(title) }

// Template variables. instance and endpoint allow several values (regex matchers above).
// Every service running our extension reports process_uptime_seconds, so it names them all.
func serviceVar() *dashboard.QueryVariableBuilder {
	return labelVar("service", "Service", "process_uptime_seconds", "service_name", false)
}

func instanceVar() *dashboard.QueryVariableBuilder {
	return labelVar("instance", "Instance", `process_uptime_seconds{service_name="$service"}`, "service_instance_id", true)
}

func labelVar(name, label, metric, labelName string, multi bool) *dashboard.QueryVariableBuilder {
	def := fmt.Sprintf("label_values(%s, %s)", metric, labelName)
	v := dashboard.NewQueryVariableBuilder(name).
		Label(label).
		Datasource(promDS()).
		Query(dashboard.StringOrMap{String: &def}).
		Definition(def).
		Refresh(dashboard.VariableRefreshOnTimeRangeChanged).
		Sort(dashboard.VariableSortAlphabeticalAsc)
	if multi {
		v = v.Multi(true).IncludeAll(true).AllValue(".+")
	}
	return v
}

func base(uid, title, description string, tags ...string) *dashboard.DashboardBuilder {
	return dashboard.NewDashboardBuilder(title).
		Uid(uid).
		Description(description).
		Tags(append([]string{"perfapi"}, tags...)).
		Refresh("30s").
		Time("now-30m", "now").
		Timezone("browser").
		Tooltip(dashboard.DashboardCursorSyncCrosshair).
		Link(dashboard.NewDashboardLinkBuilder("Performance API").
			Type(dashboard.DashboardLinkTypeDashboards).
			Tags([]string{"perfapi"}).
			AsDropdown(true).
			IncludeVars(true).
			KeepTime(true))
}
