package io.selvedge.cli;

import io.selvedge.model.UserText;
import io.selvedge.validate.Admission;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selvedge validate -f PATH|-}: checks resources offline, as Calico would, without a
 * datastore. Prints every problem of every document; exit 1 if there is any, 0 if clean.
 */
@Command(name = "validate", description = "Check resource files offline, the way Calico validates them.",
    exitCodeList = {"0:every resource is valid", "1:at least one problem (every one is printed)", "2:usage error"},
    footer = {"", "Examples:", "  selvedge validate -f examples/", "  kubectl get networkpolicy -o yaml | selvedge validate -f -"})
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  SelvedgeCommand parent;

  @Mixin
  FileOptions files;

  @Override
  public Integer call() {
    ResourceLoader.Loaded loaded = ResourceLoader.read(files.inputs(parent), files.defaultNamespace(), parent.err(),
        TerminalProgress.forConsole(parent.err()));
    Admission.Report report = loaded.report();
    int problems = report.problems().size();
    String summary = loaded.inputs() + " file(s), " + report.admitted().size() + " valid resource(s), " + problems + " problem(s)";
    if (problems > 0) {
      parent.err().println(summary);
      return ExitCode.INVALID;
    }
    for (Admission.Admitted a : report.admitted()) {
      parent.out().println(a.source() + ": " + a.resource().kind().apiName() + " " + UserText.escapeControls(a.resource().qualifiedName()) + ": valid");
    }
    parent.out().println(summary);
    return ExitCode.OK;
  }
}
