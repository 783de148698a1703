package io.selvedge.validate;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.codec.DecodeException;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code shared/conformance/validation.json} (324 whole resources Calico accepts or
 * rejects): decode, {@link PolicyDefaults}, {@link Validator}. A {@code valid: true} case must
 * decode and have no violation; a {@code valid: false} case must fail to decode or have at
 * least one violation. The file is read where it lies, at test time.
 */
class ValidationConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger TOTAL = new AtomicInteger();
  private static final Validator VALIDATOR = Validator.calico();

  @TestFactory
  List<DynamicTest> validationCases() throws Exception {
    String shared = System.getProperty("selvedge.shared");
    if (shared == null) {
      fail("system property selvedge.shared is not set (surefire sets it from the parent pom)");
    }
    JsonNode cases = JSON.readTree(Files.readString(Path.of(shared, "conformance", "validation.json")));
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      int index = i;
      String note = c.path("note").asText();
      String name = String.format("#%03d %s %s: %s", i, c.path("kind").asText(),
          c.path("valid").asBoolean() ? "valid" : "invalid", note.length() > 100 ? note.substring(0, 100) + "..." : note);
      tests.add(DynamicTest.dynamicTest(name, () -> run(index, c)));
    }
    TOTAL.set(tests.size());
    return tests;
  }

  private static void run(int index, JsonNode c) {
    boolean expectValid = c.path("valid").asBoolean();
    String decodeError = null;
    List<Violation> violations = List.of();
    try {
      Resource r = ConformanceDecoding.decode("validation.json", index + 1, c.get("object"));
      violations = VALIDATOR.validate(PolicyDefaults.apply(r));
    } catch (Exception e) {
      decodeError = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    boolean rejected = decodeError != null || !violations.isEmpty();
    if (rejected == !expectValid) {
      PASSED.incrementAndGet();
      return;
    }
    String what = decodeError != null ? "decode failed: " + decodeError
        : violations.isEmpty() ? "no violations"
        : "violations:\n    " + violations.stream().map(Violation::toString).collect(Collectors.joining("\n    "));
    fail("case #" + index + " expected " + (expectValid ? "valid" : "invalid")
        + "\n  note: " + c.path("note").asText()
        + "\n  ref:  " + c.path("ref").asText() + " (" + c.path("table").asText() + ")"
        + (c.has("derivation") ? "\n  derivation: " + c.path("derivation").asText() : "")
        + "\n  got:  " + what);
  }

  @AfterAll
  static void summary() {
    System.out.println("validation: " + PASSED.get() + "/" + TOTAL.get());
  }

  /** Decoding with the strict codec, as the CLI decodes. */
  static final class ConformanceDecoding {
    private static final ResourceCodec CODEC = ResourceCodec.strict();

    private ConformanceDecoding() {}

    static Resource decode(String source, int docIndex, JsonNode object) throws DecodeException {
      return CODEC.decodeNode(source, docIndex, object);
    }
  }
}
