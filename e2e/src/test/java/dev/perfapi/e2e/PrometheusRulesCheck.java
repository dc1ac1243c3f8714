package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks our rule files (prometheus/rules/) as loaded by a running Prometheus against the data of
 * the real pipeline: promtool's unit tests prove the logic on made-up series, this proves the names
 * and labels the rules read are the ones our pipeline really exposes.
 */
final class PrometheusRulesCheck {
  private static final Pattern RULE_LINE = Pattern.compile("(?m)^\\s*- (record|alert):");
  /** A name in PromQL not inside a number (15m) or another name. */
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][\\w:]*");
  private static final Set<String> KEYWORDS = Set.of(
      "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool");

  private final Prometheus prometheus;

  PrometheusRulesCheck(Prometheus prometheus) {
    this.prometheus = prometheus;
  }

  /**
   * Every rule of our files is loaded, has been evaluated with health "ok", and every recording
   * rule has produced series (with its extra labels, e.g. each quantile).
   */
  void assertAllRulesHealthy(Duration timeout) throws Exception {
    int inFiles = rulesInFiles();
    await("all " + inFiles + " rules healthy, with series").atMost(timeout).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> {
          List<JsonNode> rules = rules();
          assertThat(rules).as("rules Prometheus loaded").hasSize(inFiles);
          for (JsonNode rule : rules) {
            String name = rule.path("name").asText();
            assertThat(rule.path("lastEvaluation").asText()).as("%s evaluated", name).doesNotStartWith("0001-");
            assertThat(rule.path("health").asText()).as("health of %s (error: %s)", name,
                rule.path("lastError").asText()).isEqualTo("ok");
            if ("recording".equals(rule.path("type").asText())) {
              assertThat(prometheus.query(selector(name, rule.path("labels")))).as("series of %s", name).isNotEmpty();
            }
          }
        });
  }

  /** Every metric an alert expression reads has series in this Prometheus. */
  void assertAlertInputsExist(Duration timeout) throws Exception {
    Set<String> inputs = new TreeSet<>();
    for (JsonNode rule : rules()) {
      if ("alerting".equals(rule.path("type").asText())) {
        inputs.addAll(metricNames(rule.path("query").asText()));
      }
    }
    assertThat(inputs).as("metrics the alerts read").isNotEmpty();
    await("series of " + inputs).atMost(timeout).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      for (String name : inputs) {
        assertThat(prometheus.query("count({__name__=\"" + name + "\"})")).as("series of %s", name).isNotEmpty();
      }
    });
  }

  /** Metric names in a PromQL expression: names that are not functions, keywords or labels. */
  static Set<String> metricNames(String promql) {
    String stripped = promql
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")                        // strings
        .replaceAll("\\{[^}]*}", "")                                             // label matchers
        .replaceAll("\\[[^]]*]", "")                                             // ranges
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(stripped);
    while (m.find()) {
      String rest = stripped.substring(m.end()).stripLeading();
      if (!rest.startsWith("(") && !KEYWORDS.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  private List<JsonNode> rules() throws IOException, InterruptedException {
    JsonNode body = Http.getJson(prometheus.baseUrl() + "/api/v1/rules");
    List<JsonNode> rules = new ArrayList<>();
    body.path("data").path("groups").forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }

  private static int rulesInFiles() throws IOException {
    int count = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Stack.PROMETHEUS_RULES, "*.yml")) {
      for (Path file : files) {
        count += (int) RULE_LINE.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
            .results().count();
      }
    }
    return count;
  }

  private static String selector(String name, JsonNode labels) {
    StringBuilder s = new StringBuilder(name).append('{');
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      s.append(label.getKey()).append("=\"").append(label.getValue().asText()).append('"');
      s.append(it.hasNext() ? "," : "");
    }
    return s.append('}').toString();
  }
}
