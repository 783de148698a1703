package io.selvedge.store;

import java.util.List;

/**
 * A batch write that could not be atomic (etcd: more operations or bytes than one transaction
 * allows) failed part-way. {@link #written()} lists exactly what was committed before the
 * failure, {@link #notWritten()} what was not; {@link #getCause()} is the failure. SQLite batches
 * are atomic and never throw this.
 */
public final class PartialWriteException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final transient BatchResult written;
  private final transient List<ResourceKey> notWritten;

  public PartialWriteException(BatchResult written, List<ResourceKey> notWritten, DatastoreException cause) {
    super(cause.getMessage() + " (" + written.outcomes().size() + " resources were written before the failure, "
        + notWritten.size() + " were not)", cause);
    this.written = written;
    this.notWritten = List.copyOf(notWritten);
  }

  /** What was committed before the failure. */
  public BatchResult written() {
    return written;
  }

  /** What was not written, in batch order. */
  public List<ResourceKey> notWritten() {
    return notWritten;
  }

  @Override
  public synchronized DatastoreException getCause() {
    return (DatastoreException) super.getCause();
  }
}
