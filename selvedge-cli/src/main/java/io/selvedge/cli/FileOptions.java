package io.selvedge.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f PATH|-} and {@code -n NS} options of commands that read resource files. */
final class FileOptions {
  @Option(names = {"-f", "--filename"}, paramLabel = "PATH|-", required = true,
      description = "YAML/JSON file, directory (recursive: .yaml, .yml, .json) or - for stdin; repeatable")
  List<String> files = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "namespace for namespaced resources that name none (default: default)")
  String namespace;

  List<InputSources.Input> inputs(SelvedgeCommand parent) {
    return InputSources.expand(files, parent.stdin());
  }

  String defaultNamespace() {
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }
}
