package dev.perfapi.rest;

import dev.perfapi.profiling.FlameGraphs;
import dev.perfapi.profiling.ProfileEvent;
import dev.perfapi.profiling.SpanProfileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** GET /api/v1/spans/{spanId}/profile and /api/v1/traces/{traceId}/profile. */
final class ProfileEndpoints {
  static final Pattern SPAN_ID = Pattern.compile("^[0-9a-f]{16}$");
  static final Pattern TRACE_ID = Pattern.compile("^[0-9a-f]{32}$");

  static final int MAX_TREE_DEPTH = 400;

  private final SpanProfileStore store;

  ProfileEndpoints(SpanProfileStore store) {
    this.store = store;
  }

  void span(RestRequest request) throws ApiException, IOException {
    profile(request, false);
  }

  void trace(RestRequest request) throws ApiException, IOException {
    profile(request, true);
  }

  private void profile(RestRequest request, boolean isTrace) throws ApiException, IOException {
    request.allowOnly("format", "event");
    String id = request.pathPart(1);
    String field = isTrace ? "traceId" : "spanId";
    if (!(isTrace ? TRACE_ID : SPAN_ID).matcher(id).matches() || id.matches("^0+$")) {
      throw ApiException.badRequest(field, isTrace
          ? "must be 32 lowercase hex digits, not all zero"
          : "must be 16 lowercase hex digits, not all zero");
    }
    String format = request.choice("format", "html", "html", "collapsed", "json", "grafana");
    ProfileEvent event = ProfileEvent.fromId(
        request.choice("event", "cpu", "cpu", "wall", "alloc", "lock"));
    Map<String, Double> stacks = isTrace ? store.traceStacks(id, event) : store.spanStacks(id, event);
    if (stacks == null) {
      throw new ApiException(404, field,
          "no " + event.id + " profile for " + id + " (not sampled, not finished yet, or expired)");
    }
    String title = (isTrace ? "trace " : "span ") + id + " — " + event.id;
    switch (format) {
      case "html":
        request.send(200, "text/html; charset=utf-8", FlameGraphs.html(stacks, title));
        break;
      case "collapsed":
        request.send(200, "text/plain; charset=utf-8",
            FlameGraphs.collapsed(stacks).getBytes(StandardCharsets.UTF_8));
        break;
      case "json":
        request.json(200, treeJson(FlameGraphs.tree(stacks), 0));
        break;
      default:
        request.json(200, FlameGraphs.grafana(stacks));
    }
  }

  /**
   * The call tree, cut at {@link #MAX_TREE_DEPTH} levels: JSON writers refuse deeper nesting, and
   * async-profiler records stacks up to 2048 frames deep. What is cut still counts in "value".
   */
  private static Map<String, Object> treeJson(FlameGraphs.Node node, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", node.name);
    m.put("value", node.value);
    m.put("self", node.self);
    List<Object> children = new ArrayList<>();
    if (depth >= MAX_TREE_DEPTH && !node.children.isEmpty()) {
      m.put("truncated", true);
      m.put("children", children);
      return m;
    }
    for (FlameGraphs.Node child : node.children.values()) {
      children.add(treeJson(child, depth + 1));
    }
    m.put("children", children);
    return m;
  }
}
