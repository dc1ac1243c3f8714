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
  /**
   * A string argument (skipped: label_join's "span_name" is no metric), or a name not inside a
   * number (15m) or another name, with its label matchers if any.
   */
  private static final Pattern SELECTOR = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|"
      + "(?<![\\w.:])([a-zA-Z_:][\\w:]*)\\s*(\\{(?:[^}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*})?");
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

  /**
   * Every series selector in a rule's expression (metric name and label matchers) selects series
   * in this Prometheus: a misspelt metric, label or label value would leave an alert that can
   * never fire, or a recording that is always empty.
   */
  void assertRuleInputsExist(Duration timeout) throws Exception {
    Set<String> inputs = new TreeSet<>();
    for (JsonNode rule : rules()) {
      inputs.addAll(selectors(rule.path("query").asText()));
    }
    assertThat(inputs).as("series the rules read").isNotEmpty();
    await("series of " + inputs).atMost(timeout).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      for (String selector : inputs) {
        assertThat(prometheus.query("count(" + selector + ")")).as("series of %s", selector).isNotEmpty();
      }
    });
  }

  /** The series selectors of a PromQL expression: names that are not functions, keywords or labels. */
  static Set<String> selectors(String promql) {
    String stripped = promql
        .replaceAll("\\[[^]]*]", "")                                              // ranges
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Set<String> selectors = new TreeSet<>();
    Matcher m = SELECTOR.matcher(stripped);
    while (m.find()) {
      String rest = stripped.substring(m.end()).stripLeading();
      if (m.group(1) != null && !rest.startsWith("(") && !KEYWORDS.contains(m.group(1))) {
        selectors.add(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
      }
    }
    return selectors;
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
