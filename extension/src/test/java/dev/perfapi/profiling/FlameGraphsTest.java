package dev.perfapi.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlameGraphsTest {
  private static Map<String, Double> stacks() {
    Map<String, Double> s = new HashMap<>();
    s.put("main;handle;hash", 0.7);
    s.put("main;handle;sort", 0.3);
    s.put("main", 0.1);
    return s;
  }

  @Test
  void collapsedInMicroUnits() {
    assertThat(FlameGraphs.collapsed(stacks()).split("\n"))
        .containsExactly("main 100000", "main;handle;hash 700000", "main;handle;sort 300000");
  }

  @Test
  void grafanaNestedSetIsPreOrderWithLevelsValuesAndSelf() {
    Map<String, List<Object>> frame = FlameGraphs.grafana(stacks());
    assertThat(frame.get("label")).containsExactly("all", "main", "handle", "hash", "sort");
    assertThat(frame.get("level")).containsExactly(0, 1, 2, 3, 3);
    assertThat((Double) frame.get("value").get(1)).isEqualTo(1.1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat((Double) frame.get("self").get(1)).isEqualTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat((Double) frame.get("self").get(3)).isEqualTo(0.7);
  }

  @Test
  void htmlIsAsyncProfilersFlameGraphWithOurFrames() throws Exception {
    Map<String, Double> s = new HashMap<>();
    s.put("main;handle;zebra", 0.7);
    // the renderer prefix-compresses names that share a beginning; "zebra" shares none
    String html = new String(FlameGraphs.html(s, "span x"), StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("zebra").contains("span x");
  }
}
