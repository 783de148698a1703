package io.selvedge.lab;

/** A lab operation failed; the message is for the user (one line, no stack trace). */
final class LabException extends RuntimeException {
    LabException(String message) {
        super(message);
    }
}
