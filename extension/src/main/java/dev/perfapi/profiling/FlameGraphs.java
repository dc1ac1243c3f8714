package dev.perfapi.profiling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * Renders stacks (root first, ';'-separated, with weights) as collapsed text, as async-profiler's
 * interactive HTML flame graph (its converter's own renderer), as a JSON call tree, and as the
 * nested set that Grafana's flame-graph panel reads (level, value, self, label in pre-order).
 */
public final class FlameGraphs {
  /** Weights are seconds or bytes; flame graphs count integers, so scale to micro-units. */
  private static final double SCALE = 1e6;

  private FlameGraphs() {}

  public static String collapsed(Map<String, Double> stacks) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(stacks).forEach((stack, weight) -> {
      long n = Math.round(weight * SCALE);
      if (n > 0) {
        b.append(stack).append(' ').append(n).append('\n');
      }
    });
    return b.toString();
  }

  public static byte[] html(Map<String, Double> stacks, String title) throws IOException {
    FlameGraph graph = new FlameGraph(new Arguments("--title", title));
    graph.parseCollapsed(new StringReader(collapsed(stacks)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    graph.dump(out);
    return out.toByteArray();
  }

  /** A call-tree node: name, total value (inclusive), self value, children. */
  public static final class Node {
    public final String name;
    public double value;
    public double self;
    public final Map<String, Node> children = new LinkedHashMap<>();

    Node(String name) {
      this.name = name;
    }
  }

  public static Node tree(Map<String, Double> stacks) {
    Node root = new Node("all");
    new TreeMap<>(stacks).forEach((stack, weight) -> {
      root.value += weight;
      Node node = root;
      for (String frame : stack.split(";")) {
        node = node.children.computeIfAbsent(frame, Node::new);
        node.value += weight;
      }
      node.self += weight;
    });
    return root;
  }

  /** Grafana's flame-graph data frame as columns. */
  public static Map<String, List<Object>> grafana(Map<String, Double> stacks) {
    Map<String, List<Object>> frame = new LinkedHashMap<>();
    frame.put("level", new ArrayList<>());
    frame.put("value", new ArrayList<>());
    frame.put("self", new ArrayList<>());
    frame.put("label", new ArrayList<>());
    addNode(frame, tree(stacks), 0);
    return frame;
  }

  private static void addNode(Map<String, List<Object>> frame, Node node, int level) {
    frame.get("level").add(level);
    frame.get("value").add(node.value);
    frame.get("self").add(node.self);
    frame.get("label").add(node.name);
    for (Node child : node.children.values()) {
      addNode(frame, child, level + 1);
    }
  }
}
