package io.selvedge.store;

/**
 * Base of every failure a {@link Datastore} reports. Messages are written for the person at the
 * terminal: they name the resource or the datastore URL and say what to do, never a Java class.
 *
 * <p>Subclasses: {@link NotFoundException}, {@link AlreadyExistsException},
 * {@link ConflictException}, {@link UnavailableException}, {@link PartialWriteException}. A plain
 * {@code DatastoreException} is an unexpected failure of the backend (a bug or a corrupt store).
 * Unchecked, because every datastore call can fail this way and callers handle it in one place
 * (the CLI's error formatter, the agent's resync loop).
 */
public class DatastoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatastoreException(String message) {
    super(message);
  }

  public DatastoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
