package io.selvedge.cli;

import io.selvedge.engine.TypesDefaulting;
import io.selvedge.model.Resource;
import java.io.PrintWriter;
import java.util.List;

/**
 * Resources from {@code -f} files, read and admitted as {@code selvedge validate} does: every
 * problem is printed and any problem refuses the input (exit 1). Offline; no datastore.
 */
final class FileResourceSource implements ResourceSource {
  private final List<InputSources.Input> inputs;
  private final String defaultNamespace;
  private final PrintWriter err;

  FileResourceSource(List<InputSources.Input> inputs, String defaultNamespace, PrintWriter err) {
    this.inputs = inputs;
    this.defaultNamespace = defaultNamespace;
    this.err = err;
  }

  @Override
  public List<Resource> load() {
    return ResourceLoader.readValid(inputs, defaultNamespace, err, TerminalProgress.forConsole(err));
  }

  /** Admission already applied the client defaults; for anything left, read as the client would store it. */
  @Override
  public TypesDefaulting typesDefaulting() {
    return TypesDefaulting.CLIENT;
  }
}
