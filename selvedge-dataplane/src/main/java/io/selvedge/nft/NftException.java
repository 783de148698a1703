package io.selvedge.nft;

import java.util.List;
import java.util.Optional;

/**
 * nft refused a transaction or a read. Nothing was changed. Carries the classified kind, nft's
 * stderr (bounded) and the errors nft reported, each mapped to the line of the rendered script.
 */
public class NftException extends RuntimeException {

    /** How callers should treat the failure. */
    public enum Kind {
        /** An object the command needs does not exist (ENOENT, "element does not exist"). */
        NOT_FOUND,
        /** {@code create} of an existing object or element, or a map key with another value (EEXIST). */
        ALREADY_EXISTS,
        /** Anything else: syntax, type mismatch, overlapping intervals, object in use, nft missing, timeout. */
        OTHER
    }

    /** One error nft reported: position in the script, message, and the script line (cut). */
    public record ScriptError(int line, int firstColumn, int lastColumn, String message, Optional<String> scriptLine) {
        @Override
        public String toString() {
            return "line " + line + ":" + firstColumn + "-" + lastColumn + ": " + message
                    + scriptLine.map(l -> "\n    " + l).orElse("");
        }
    }

    private final Kind kind;
    private final String stderr;
    private final List<ScriptError> errors;

    public NftException(Kind kind, String message, String stderr, List<ScriptError> errors) {
        super(message);
        this.kind = kind;
        this.stderr = stderr;
        this.errors = List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    /** nft's standard error output (bounded; long lines are cut). Empty for FakeNft. */
    public String stderr() {
        return stderr;
    }

    /** The errors with their script lines; the first is usually the cause. */
    public List<ScriptError> errors() {
        return errors;
    }

    /** The first error's script line, if nft named one. */
    public Optional<String> failingLine() {
        return errors.isEmpty() ? Optional.empty() : errors.get(0).scriptLine();
    }
}
