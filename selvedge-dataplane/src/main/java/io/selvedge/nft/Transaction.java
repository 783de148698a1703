package io.selvedge.nft;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of operations that {@link Nft#run} applies all-or-nothing, rendered as one
 * {@code nft -f -} script. Plain data: building a transaction touches nothing.
 *
 * <p>Rendering streams to a {@link Writer}; element lists are written a line at a time, so a
 * million-element transaction is never held as one string. {@link #toScript()} is for tests and
 * small transactions.
 *
 * <p>Does not check references or existence (that is nft's job, and {@link FakeNft}'s in tests);
 * each operation checks only that nft has such a command.
 *
 * <p>Not thread-safe: build on one thread, then hand over.
 */
public final class Transaction {

    private final List<Operation> operations = new ArrayList<>();

    /** Appends {@code add} (tables, chains, sets, maps: idempotent; rules: append; elements: add). */
    public Transaction add(NftObject object) {
        return op(Verb.ADD, object);
    }

    /** Appends {@code create} (fails if the object exists). */
    public Transaction create(NftObject object) {
        return op(Verb.CREATE, object);
    }

    /** Appends {@code insert rule} (first in its chain). */
    public Transaction insert(Rule rule) {
        return op(Verb.INSERT, rule);
    }

    /** Appends {@code replace rule ... handle N}. */
    public Transaction replace(Rule rule) {
        return op(Verb.REPLACE, rule);
    }

    /** Appends {@code delete}. */
    public Transaction delete(NftObject object) {
        return op(Verb.DELETE, object);
    }

    /** Appends {@code flush} of a table, chain, set or map. */
    public Transaction flush(NftObject object) {
        return op(Verb.FLUSH, object);
    }

    /** Appends an operation. */
    public Transaction op(Verb verb, NftObject object) {
        operations.add(new Operation(verb, object));
        return this;
    }

    /** The operations in order (read-only view). */
    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    /** True if there is nothing to run. */
    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** Writes the script. */
    public void render(Writer out) throws IOException {
        ScriptRenderer.render(operations, out);
    }

    /** The script as a string (tests, small transactions). */
    public String toScript() {
        StringWriter w = new StringWriter();
        try {
            render(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * Line {@code lineNumber} (1-based) of the rendered script, cut to {@code maxChars}; empty if
     * there is no such line. Renders again, keeping only that line: for error messages.
     */
    public String line(int lineNumber, int maxChars) {
        LineCapture capture = new LineCapture(lineNumber, maxChars);
        try {
            render(capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LineCapture.Done done) {
            // stop rendering once the line is complete
        }
        return capture.text();
    }

    @Override
    public String toString() {
        return "Transaction[" + operations.size() + " operations]";
    }

    /** A writer that keeps one line of what is written to it. */
    private static final class LineCapture extends Writer {
        static final class Done extends RuntimeException {
            Done() {
                super(null, null, false, false);
            }
        }

        private final int wanted;
        private final int maxChars;
        private final StringBuilder sb = new StringBuilder();
        private int line = 1;

        LineCapture(int wanted, int maxChars) {
            this.wanted = wanted;
            this.maxChars = maxChars;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    if (line == wanted) {
                        throw new Done();
                    }
                    line++;
                } else if (line == wanted && sb.length() < maxChars) {
                    sb.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            return sb.toString();
        }
    }
}
