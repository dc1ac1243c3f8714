package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks responses against the server's own OpenAPI document: the operation exists, the status is
 * documented for it, the content type is one it declares, and a JSON body validates against the
 * declared schema. Remembers which operations were exercised.
 */
final class OpenApiContract {
  private final JsonNode document;
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Set<String> covered = new TreeSet<>();

  OpenApiContract(JsonNode document) {
    this.document = document;
  }

  /** Every "METHOD /template" the document declares. */
  Set<String> operations() {
    Set<String> all = new TreeSet<>();
    document.path("paths").fields().forEachRemaining(path ->
        path.getValue().fieldNames().forEachRemaining(method ->
            all.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return all;
  }

  Set<String> covered() {
    return covered;
  }

  void check(String method, String rawPath, HttpResponse<String> response) throws Exception {
    String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
    String template = template(path);
    assertThat(template).as("%s %s is documented", method, path).isNotNull();
    JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    assertThat(operation.isMissingNode()).as("%s %s is documented", method, template).isFalse();
    covered.add(method + " " + template);
    String status = String.valueOf(response.statusCode());
    JsonNode spec = operation.path("responses").path(status);
    assertThat(spec.isMissingNode())
        .as("%s %s: status %s is documented (body %s)", method, template, status, response.body())
        .isFalse();
    String type = response.headers().firstValue("Content-Type").orElse("");
    JsonNode content = spec.path("content");
    String declared = null;
    for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
      String t = it.next();
      if (type.startsWith(t)) {
        declared = t;
      }
    }
    assertThat(declared).as("%s %s %s: content type %s is declared", method, template, status, type)
        .isNotNull();
    if (declared.equals("application/json")) {
      validate(content.path(declared).path("schema"), Http.JSON.readTree(response.body()),
          method + " " + template + " " + status);
    }
  }

  private void validate(JsonNode schema, JsonNode body, String what) {
    ObjectNode root = Http.JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) schema.deepCopy());
    root.set("components", document.path("components"));
    JsonSchema compiled = factory.getSchema(root);
    Set<ValidationMessage> errors = compiled.validate(body);
    assertThat(errors).as("%s body %s", what, abbreviate(body.toString())).isEmpty();
  }

  private String template(String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
      String template = it.next().getKey();
      String regex = "^" + template.replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/]+") + "$";
      if (Pattern.matches(regex, path)) {
        return template;
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }
}
