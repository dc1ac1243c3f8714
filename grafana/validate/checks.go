// Package validate checks the committed dashboards and provisioning files offline: Grafana is not
// installable here, so these checks stand in for "Grafana loads them"; the e2e module runs every
// query of every panel against a real Prometheus (DashboardQueriesIT).
package validate

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
)

func init() {
	// Panels and queries are unmarshalled into their plugin's own types only once registered.
	plugins.RegisterDefaultPlugins()
}

// ProvisionedUIDs returns the data source uids a datasources.yaml provisions. The file is flat
// enough for a line scan; the test also checks the uids it expects are there.
func ProvisionedUIDs(datasourcesYAML string) (map[string]bool, error) {
	data, err := os.ReadFile(datasourcesYAML)
	if err != nil {
		return nil, err
	}
	uids := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*uid:\s*(\S+)\s*$`).FindAllStringSubmatch(string(data), -1) {
		uids[m[1]] = true
	}
	return uids, nil
}

// Parse strictly unmarshals a dashboard: an unknown or mistyped field anywhere is an error.
func Parse(data []byte) (dashboard.Dashboard, error) {
	var d dashboard.Dashboard
	if err := noErrors(d.UnmarshalJSONStrict(data)); err != nil {
		return d, err
	}
	// SDK v0.0.22 checks panels and queries strictly but then drops them (it takes the empty
	// error list of a valid one for an error), so they are read once more here, as strictly.
	panels, err := strictPanels(data)
	if err != nil {
		return d, err
	}
	d.Panels = nil
	for _, p := range panels {
		item := dashboard.PanelOrRowPanel{Panel: p.panel}
		if p.panel == nil {
			item.RowPanel = &dashboard.RowPanel{}
			if err := noErrors(item.RowPanel.UnmarshalJSONStrict(p.raw)); err != nil {
				return d, err
			}
			nested, err := strictPanels(p.raw)
			if err != nil {
				return d, err
			}
			item.RowPanel.Panels = nil
			for _, n := range nested {
				item.RowPanel.Panels = append(item.RowPanel.Panels, *n.panel)
			}
		}
		d.Panels = append(d.Panels, item)
	}
	return d, nil
}

type rawPanel struct {
	raw   json.RawMessage
	panel *dashboard.Panel // nil for a row
}

// strictPanels parses the "panels" array of a dashboard or row: each panel and each of its
// Prometheus queries with the SDK's strict unmarshalling.
func strictPanels(data []byte) ([]rawPanel, error) {
	var raw struct {
		Panels []json.RawMessage `json:"panels"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	var out []rawPanel
	for i, p := range raw.Panels {
		var fields struct {
			Type    string            `json:"type"`
			Targets []json.RawMessage `json:"targets"`
		}
		if err := json.Unmarshal(p, &fields); err != nil {
			return nil, err
		}
		if fields.Type == "row" {
			out = append(out, rawPanel{raw: p})
			continue
		}
		panel := &dashboard.Panel{}
		if err := noErrors(panel.UnmarshalJSONStrict(p)); err != nil {
			return nil, fmt.Errorf("panels[%d]: %w", i, err)
		}
		panel.Targets = nil
		for j, t := range fields.Targets {
			q := &prometheus.Dataquery{}
			if err := noErrors(q.UnmarshalJSONStrict(t)); err != nil {
				return nil, fmt.Errorf("panels[%d].targets[%d]: %w", i, j, err)
			}
			panel.Targets = append(panel.Targets, q)
		}
		out = append(out, rawPanel{raw: p, panel: panel})
	}
	return out, nil
}

// noErrors turns the SDK's empty error list (returned as a non-nil interface) into nil.
func noErrors(err error) error {
	if list, ok := err.(cog.BuildErrors); ok && len(list) == 0 {
		return nil
	}
	return err
}

// Variables every dashboard must define, and those Grafana defines itself.
var (
	requiredVariables = []string{"service", "instance"}
	builtinVariables  = map[string]bool{"__rate_interval": true, "__interval": true, "__range": true}
	variableRef       = regexp.MustCompile(`\$\{?(\w+)`)
)

// Check returns every problem found in a parsed dashboard: data source uids that are not
// provisioned, panels without a unit or without queries, undefined or missing variables.
func Check(d dashboard.Dashboard, uids map[string]bool) []string {
	var problems []string
	defined := map[string]bool{}
	for _, v := range d.Templating.List {
		defined[v.Name] = true
		if v.Datasource != nil && (v.Datasource.Uid == nil || !uids[*v.Datasource.Uid]) {
			problems = append(problems, fmt.Sprintf("variable %s: data source %s is not provisioned", v.Name, uidOf(v.Datasource.Uid)))
		}
	}
	for _, name := range requiredVariables {
		if !defined[name] {
			problems = append(problems, "missing template variable "+name)
		}
	}
	for _, p := range Panels(d) {
		where := fmt.Sprintf("panel %q", title(p))
		if p.Datasource == nil || p.Datasource.Uid == nil || !uids[*p.Datasource.Uid] {
			problems = append(problems, where+": data source is not a provisioned uid")
		}
		if p.FieldConfig == nil || p.FieldConfig.Defaults.Unit == nil || *p.FieldConfig.Defaults.Unit == "" {
			problems = append(problems, where+": no unit")
		}
		if len(p.Targets) == 0 {
			problems = append(problems, where+": no queries")
		}
		for _, t := range p.Targets {
			q, ok := t.(*prometheus.Dataquery)
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: a query of type %T, not Prometheus", where, t))
				continue
			}
			if q.Datasource == nil || q.Datasource.Uid == nil || !uids[*q.Datasource.Uid] {
				problems = append(problems, where+" query "+uidOf(q.RefId)+": data source is not a provisioned uid")
			}
			for _, m := range variableRef.FindAllStringSubmatch(q.Expr, -1) {
				if !defined[m[1]] && !builtinVariables[m[1]] {
					problems = append(problems, where+" query "+uidOf(q.RefId)+": undefined variable $"+m[1])
				}
			}
		}
	}
	sort.Strings(problems)
	return problems
}

// Panels returns every non-row panel, including those inside collapsed rows.
func Panels(d dashboard.Dashboard) []dashboard.Panel {
	var out []dashboard.Panel
	for _, p := range d.Panels {
		if p.Panel != nil {
			out = append(out, *p.Panel)
		}
		if p.RowPanel != nil {
			out = append(out, p.RowPanel.Panels...)
		}
	}
	return out
}

func title(p dashboard.Panel) string {
	if p.Title == nil {
		return "(untitled)"
	}
	return *p.Title
}

func uidOf(uid *string) string {
	if uid == nil {
		return "(none)"
	}
	return strings.TrimSpace(*uid)
}
