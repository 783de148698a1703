package io.selvedge.validate;

import io.selvedge.codec.DecodeProblem;
import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.Decoded;
import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one path from decoded documents to resources fit to store or evaluate: the default
 * namespace for namespaced kinds, Calico's client-side policy defaults ({@link PolicyDefaults}),
 * network-set normalisation ({@link NetworkSetNormaliser}), validation ({@link Validator}) and
 * a check that no resource appears twice. Every problem, whether from decoding or validation,
 * comes out as a {@link DecodeProblem} naming the file, the document, the resource and the
 * field path, so the CLI formats them all one way.
 *
 * <p>Linear in the size of the input. Immutable and thread-safe.
 */
public final class Admission {
  /** A resource that passed, with the network-set rewrites made on the way (to tell the user). */
  public record Admitted(String source, int document, Resource resource, List<NetworkSetNormaliser.Change> normalised) {
    public Admitted {
      normalised = List.copyOf(normalised);
    }
  }

  /** What passed and every problem found; nothing should be written unless {@link #ok()}. */
  public record Report(List<Admitted> admitted, List<DecodeProblem> problems) {
    public Report {
      admitted = List.copyOf(admitted);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }

    public List<Resource> resources() {
      return admitted.stream().map(Admitted::resource).toList();
    }
  }

  private final Validator validator;

  private Admission(Validator validator) {
    this.validator = validator;
  }

  public static Admission calico() {
    return new Admission(Validator.calico());
  }

  /**
   * Admits every decoded resource of one or more inputs. Namespaced resources without a
   * namespace get {@code defaultNamespace}.
   */
  public Report admit(List<DecodeResult> inputs, String defaultNamespace) {
    List<Admitted> admitted = new ArrayList<>();
    List<DecodeProblem> problems = new ArrayList<>();
    Map<String, String> firstSeen = new HashMap<>();
    for (DecodeResult in : inputs) {
      problems.addAll(in.problems());
      for (Decoded d : in.resources()) {
        Resource r = withDefaultNamespace(d.resource(), defaultNamespace);
        List<DecodeProblem> found = check(r, d.source(), d.document());
        if (!found.isEmpty()) {
          problems.addAll(found);
          continue;
        }
        NetworkSetNormaliser.Result normalised = NetworkSetNormaliser.normalise(PolicyDefaults.apply(r));
        String key = r.kind().apiName() + " " + r.qualifiedName();
        String where = d.source() + " document " + d.document();
        String earlier = firstSeen.putIfAbsent(key, where);
        if (earlier != null) {
          problems.add(new DecodeProblem(d.source(), d.document(), key, "metadata.name",
              "the same resource is already in " + earlier + " (each resource may appear once)"));
          continue;
        }
        admitted.add(new Admitted(d.source(), d.document(), normalised.resource(), normalised.changes()));
      }
    }
    return new Report(admitted, problems);
  }

  /** Validates one resource (after Calico's defaults); problems name {@code source}. */
  public List<DecodeProblem> check(Resource r, String source, int document) {
    String kindAndName = r.kind().apiName() + " " + (r.metadata().name() == null ? "(no name)" : r.qualifiedName());
    return validator.validate(PolicyDefaults.apply(r)).stream()
        .map(v -> new DecodeProblem(source, document, kindAndName, v.path(), v.message()))
        .toList();
  }

  private static Resource withDefaultNamespace(Resource r, String defaultNamespace) {
    if (r.kind().namespaced() && (r.metadata().namespace() == null || r.metadata().namespace().isEmpty())
        && defaultNamespace != null) {
      return r.withMetadata(r.metadata().withNamespace(defaultNamespace));
    }
    return r;
  }
}
