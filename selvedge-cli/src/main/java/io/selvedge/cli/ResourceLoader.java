package io.selvedge.cli;

import io.selvedge.codec.DecodeProblem;
import io.selvedge.codec.DecodeResult;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.Resource;
import io.selvedge.validate.Admission;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code -f} inputs of a command and admits them ({@link Admission}): prints every
 * problem and every normalisation note to stderr, and refuses (exit 1) if there was any problem,
 * so that nothing is written from a partly bad input.
 */
final class ResourceLoader {
  private static final Admission ADMISSION = Admission.calico();

  private ResourceLoader() {}

  /** The admitted resources and how many problems were found (printed already). */
  record Loaded(Admission.Report report, int inputs) {}

  static Loaded read(List<InputSources.Input> inputs, String defaultNamespace, PrintWriter err, TerminalProgress progress) {
    ResourceCodec codec = ResourceCodec.strict();
    List<DecodeResult> decoded = new ArrayList<>();
    for (InputSources.Input input : inputs) {
      try (InputStream in = progress.reading(input.name(), input.open(), input.size())) {
        decoded.add(codec.decode(input.name(), in));
      } catch (IOException e) {
        throw new UserError(ExitCode.INVALID, "cannot read " + input.name() + ": " + InputSources.reason(e));
      } finally {
        progress.done();
      }
    }
    progress.phase("validating " + decoded.stream().mapToInt(d -> d.resources().size()).sum() + " resource(s)");
    Admission.Report report = ADMISSION.admit(decoded, defaultNamespace);
    progress.done();
    for (DecodeProblem p : report.problems()) {
      err.println(p.format());
    }
    for (Admission.Admitted a : report.admitted()) {
      for (var change : a.normalised()) {
        err.println("note: " + a.source() + ": " + a.resource().kind().apiName() + " "
            + a.resource().qualifiedName() + ": " + change);
      }
    }
    err.flush();
    return new Loaded(report, inputs.size());
  }

  /** Like {@link #read} but refuses when there is any problem or nothing at all to work on. */
  static List<Resource> readValid(List<InputSources.Input> inputs, String defaultNamespace, PrintWriter err, TerminalProgress progress) {
    Admission.Report report = read(inputs, defaultNamespace, err, progress).report();
    if (!report.ok()) {
      throw new UserError(ExitCode.INVALID, report.problems().size() + " problem(s) found; nothing was changed");
    }
    if (report.admitted().isEmpty()) {
      throw new UserError(ExitCode.INVALID, "no resources found in the input");
    }
    return report.resources();
  }

  /** Validates one resource built by a command (e.g. after {@code label}); refuses with the problems. */
  static void requireValid(Resource r, String what) {
    List<DecodeProblem> problems = ADMISSION.check(r, what, 0);
    if (!problems.isEmpty()) {
      throw new UserError(ExitCode.INVALID, String.join("; ", problems.stream().map(DecodeProblem::format).toList()));
    }
  }
}
