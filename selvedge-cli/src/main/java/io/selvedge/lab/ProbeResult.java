package io.selvedge.lab;

import io.selvedge.engine.explain.Decision;
import io.selvedge.engine.explain.Verdict;

/** One probe flow: whether its packet arrived (and why not), and what explain predicted. */
record ProbeResult(ProbeFlow flow, boolean delivered, String failure, Verdict predicted) {

    boolean agrees() {
        return delivered == (predicted.decision() == Decision.ALLOW);
    }

    static String word(boolean allowed) {
        return allowed ? "allow" : "deny";
    }
}
