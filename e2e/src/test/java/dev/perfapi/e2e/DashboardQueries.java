package dev.perfapi.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL of the committed Grafana dashboards (grafana/dashboards/*.json), read from the files
 * themselves so that a test of them cannot drift from what Grafana would run.
 */
final class DashboardQueries {
  static final Path DIR = Stack.ROOT.resolve("grafana/dashboards");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)\\}|(\\w+))");

  /** One query of one panel (or of one template variable). */
  static final class Query {
    final String where;
    final String expr;
    final boolean exemplars;

    Query(String where, String expr, boolean exemplars) {
      this.where = where;
      this.expr = expr;
      this.exemplars = exemplars;
    }

    @Override
    public String toString() {
      return where + ": " + expr;
    }
  }

  private DashboardQueries() {}

  /** Every panel target and every label_values variable query of every dashboard file. */
  static List<Query> all() throws IOException {
    List<Query> queries = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(java.util.stream.Collectors.toList());
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no dashboards in " + DIR);
    }
    for (Path file : files) {
      JsonNode dashboard = Http.JSON.readTree(file.toFile());
      String name = file.getFileName().toString();
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        Matcher m = LABEL_VALUES.matcher(variable.path("query").asText());
        if (m.matches()) {
          // What Grafana asks Prometheus for such a variable: the label's values among these series.
          queries.add(new Query(name + " variable $" + variable.path("name").asText(),
              "count by (" + m.group(2) + ") (" + m.group(1) + ")", false));
        }
      }
      addPanels(name, dashboard.path("panels"), queries);
    }
    return queries;
  }

  private static void addPanels(String file, JsonNode panels, List<Query> queries) {
    for (JsonNode panel : panels) {
      addPanels(file, panel.path("panels"), queries); // panels inside collapsed rows
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query(file + " \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
            target.path("expr").asText(), target.path("exemplar").asBoolean(false)));
      }
    }
  }

  /** Replaces Grafana's template variables; an unknown one is an error, not an empty match. */
  static String substitute(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuffer out = new StringBuffer();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for $" + name + " in " + expr);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
