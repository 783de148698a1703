package io.selvedge.cli;

import io.selvedge.engine.TypesDefaulting;
import io.selvedge.model.Resource;
import java.util.List;

/**
 * Where a command that evaluates policy ({@code explain}) gets the cluster's resources: files
 * ({@link FileResourceSource}) or the datastore ({@link DatastoreResourceSource}). Either way the
 * resources come out admitted (defaulted and valid), so the engine reads them like Felix would.
 */
interface ResourceSource {
  /** Every resource; failures are {@link UserError}s (or datastore exceptions) with one-line messages. */
  List<Resource> load();

  /** How the engine should read policies whose {@code types} is still empty. */
  TypesDefaulting typesDefaulting();
}
