package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dev.perfapi/grafana/dashgen"
)

const (
	dashboardsDir   = "../dashboards"
	datasourcesYAML = "../provisioning/datasources/datasources.yaml"
	dashboardsYAML  = "../provisioning/dashboards/dashboards.yaml"
)

func provisioned(t *testing.T) map[string]bool {
	t.Helper()
	uids, err := ProvisionedUIDs(datasourcesYAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{dashgen.PrometheusUID, dashgen.JaegerUID} {
		if !uids[want] {
			t.Fatalf("%s does not provision uid %s", datasourcesYAML, want)
		}
	}
	return uids
}

func dashboardFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dashboardsDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no dashboards in %s (%v)", dashboardsDir, err)
	}
	return files
}

func TestEveryDashboardIsValid(t *testing.T) {
	uids := provisioned(t)
	for _, file := range dashboardFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(data)
			if err != nil {
				t.Fatalf("not a valid Grafana dashboard: %v", err)
			}
			if len(Panels(d)) == 0 {
				t.Fatal("no panels")
			}
			for _, problem := range Check(d, uids) {
				t.Error(problem)
			}
		})
	}
}

// The committed JSON is what the generator writes: edit dashgen/, then
// `cd grafana && go run ./cmd/gendashboards`.
func TestCommittedDashboardsMatchTheGenerator(t *testing.T) {
	all := dashgen.All()
	var names []string
	for _, file := range dashboardFiles(t) {
		names = append(names, filepath.Base(file))
	}
	var want []string
	for name := range all {
		want = append(want, name)
	}
	sort.Strings(want)
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("dashboard files %v, generator makes %v", names, want)
	}
	for name, builder := range all {
		generated, err := dashgen.Render(builder)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		committed, err := os.ReadFile(filepath.Join(dashboardsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(generated, committed) {
			t.Errorf("%s differs from the generator's output: run `cd grafana && go run ./cmd/gendashboards`", name)
		}
	}
}

func TestExemplarsLeadToTheProvisionedJaeger(t *testing.T) {
	data, err := os.ReadFile(datasourcesYAML)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	// The exporter's exemplar label is trace_id (see ProfilingPipelineIT); `$$` keeps Grafana's
	// own ${__value.raw} from being taken for an environment variable.
	for _, want := range []string{"exemplarTraceIdDestinations:", "name: trace_id", "datasourceUid: " + dashgen.JaegerUID,
		"/api/v1/traces/$${__value.raw}/profile"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q", datasourcesYAML, want)
		}
	}
	provider, err := os.ReadFile(dashboardsYAML)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(provider), "type: file") {
		t.Errorf("%s has no file provider", dashboardsYAML)
	}
}

// The checks themselves must be able to fail: broken copies of a real dashboard.
func TestChecksRejectBrokenDashboards(t *testing.T) {
	uids := provisioned(t)
	data, err := os.ReadFile(filepath.Join(dashboardsDir, "host.json"))
	if err != nil {
		t.Fatal(err)
	}
	unknownField := bytes.Replace(data, []byte(`"title": "CPU by mode",`), []byte(`"title": "CPU by mode", "colour": "red",`), 1)
	if _, err := Parse(unknownField); err == nil {
		t.Error("an unknown panel field was accepted")
	}
	unknownQueryField := bytes.Replace(data, []byte(`"refId": "A"`), []byte(`"refId": "A", "exprs": "up"`), 1)
	if _, err := Parse(unknownQueryField); err == nil {
		t.Error("an unknown query field was accepted")
	}
	for name, broken := range map[string][]byte{
		"unprovisioned uid": bytes.ReplaceAll(data, []byte(`"uid": "perfapi-prometheus"`), []byte(`"uid": "some-other-prometheus"`)),
		"no unit":           bytes.Replace(data, []byte(`"unit": "percentunit"`), []byte(`"unit": ""`), 1),
		"undefined var":     bytes.Replace(data, []byte(`$instance`), []byte(`$host`), 1),
		"no service var":    bytes.Replace(data, []byte(`"name": "service"`), []byte(`"name": "svc"`), 1),
	} {
		d, err := Parse(broken)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if problems := Check(d, uids); len(problems) == 0 {
			t.Errorf("%s: no problem found", name)
		}
	}
}
