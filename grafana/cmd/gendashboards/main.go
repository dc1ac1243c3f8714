// Command gendashboards writes the Performance API dashboards to a directory
// (run from grafana/: go run ./cmd/gendashboards writes grafana/dashboards).
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"dev.perfapi/grafana/dashgen"
)

func main() {
	out := flag.String("out", "dashboards", "directory to write the dashboard JSON files to")
	flag.Parse()
	for name, builder := range dashgen.All() {
		data, err := dashgen.Render(builder)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
