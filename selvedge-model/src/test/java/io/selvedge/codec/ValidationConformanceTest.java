package io.selvedge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.model.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every object of the shared {@code conformance/validation.json} (Calico's validator table) must
 * decode, or fail with a {@link DecodeProblem}; every object Calico accepts must decode; every
 * decoded object must survive YAML and JSON round trips. Prints how many of the objects Calico
 * rejects are already rejected by decoding (the rest are the validator's).
 */
class ValidationConformanceTest {
  private static final ResourceCodec CODEC = ResourceCodec.strict();
  private static JsonNode cases;

  @BeforeAll
  static void load() throws IOException {
    String shared = System.getProperty("selvedge.shared");
    assertThat(shared).as("system property selvedge.shared (set by the Maven build)").isNotNull();
    Path file = Path.of(shared, "conformance", "validation.json");
    assertThat(file).as("conformance vectors").exists();
    cases = new ObjectMapper().readTree(Files.readString(file));
    assertThat(cases.size()).isGreaterThan(300);
  }

  @Test
  void everyObjectDecodesOrFailsWithAProblem() throws IOException {
    ObjectMapper json = new ObjectMapper();
    int validCount = 0;
    int invalidCount = 0;
    List<String> caught = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      boolean valid = c.get("valid").asBoolean();
      String where = "case " + i + " (" + c.get("ref").asText() + "): " + c.get("note").asText();
      JsonNode object = c.get("object");
      Resource fromNode;
      List<DecodeProblem> problems;
      try {
        fromNode = CODEC.decodeNode("validation.json", i + 1, object);
        problems = List.of();
      } catch (DecodeException e) {
        fromNode = null;
        problems = e.problems();
      }
      // the same object as text must give the same answer
      DecodeResult fromText = CODEC.decode("validation.json", json.writeValueAsString(object));
      assertThat(fromText.problems().isEmpty()).as(where).isEqualTo(problems.isEmpty());
      if (valid) {
        validCount++;
        assertThat(problems).as(where).isEmpty();
      } else {
        invalidCount++;
      }
      if (fromNode == null) {
        assertThat(problems).as(where).isNotEmpty();
        ResourceCodecHostileInputTest.assertPlainEnglish(problems.stream().map(DecodeProblem::format).toList());
        caught.add(problems.get(0).format() + "   <- " + c.get("note").asText());
        continue;
      }
      assertThat(fromText.resourceList()).as(where).containsExactly(fromNode);
      String yaml = CODEC.toYaml(fromNode);
      assertThat(CODEC.decode("rt.yaml", yaml).resourceList()).as("%s%n%s", where, yaml).containsExactly(fromNode);
      assertThat(CODEC.decode("rt.json", CODEC.toJson(fromNode)).resourceList()).as(where).containsExactly(fromNode);
    }
    System.out.printf("validation.json: %d valid objects all decode; %d of %d invalid objects are rejected at decode,"
        + " %d are left to the validator%n", validCount, caught.size(), invalidCount, invalidCount - caught.size());
    caught.forEach(s -> System.out.println("  rejected at decode: " + s));
    assertThat(caught).hasSizeGreaterThanOrEqualTo(11);
  }
}
