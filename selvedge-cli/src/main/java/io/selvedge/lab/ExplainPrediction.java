package io.selvedge.lab;

import io.selvedge.engine.TypesDefaulting;
import io.selvedge.engine.explain.ClusterExplainer;
import io.selvedge.engine.explain.DataplaneSettings;
import io.selvedge.engine.explain.Verdict;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code selvedge explain --node lab} says about each probe flow: the same engine, the same
 * default dataplane settings as the agent ({@code DataplaneSettings.defaults()}), the resources
 * read from the datastore the agent follows, and the flow's interfaces on the lab host.
 */
final class ExplainPrediction {

    private final ClusterExplainer explainer;

    private ExplainPrediction(List<Resource> resources) {
        this.explainer = new ClusterExplainer(resources, DataplaneSettings.defaults(), TypesDefaulting.FELIX);
    }

    /** Reads every resource of every kind from {@code store} (as {@code explain} without -f does). */
    static ExplainPrediction from(Datastore store) {
        List<Resource> all = new ArrayList<>();
        for (Kind k : Kind.values()) {
            all.addAll(store.list(k, null, null));
        }
        return of(all);
    }

    /** Predictions over given (admitted) resources. */
    static ExplainPrediction of(List<Resource> resources) {
        return new ExplainPrediction(resources);
    }

    Verdict verdict(ProbeFlow f) {
        return explainer.explainAt(LabPlan.NODE, f.flow());
    }
}
