package io.selvedge.lab;

import io.selvedge.codec.DecodeProblem;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.lab.LabPlan.Workload;
import io.selvedge.model.Resource;
import io.selvedge.store.Datastore;
import io.selvedge.store.ProgressListener;
import io.selvedge.store.ResourceKey;
import io.selvedge.validate.Admission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The datastore resources of the lab, as a Calico node would have them: a {@code kns.production}
 * profile (Calico's namespace profile, allowing all), the host endpoint {@code lab-eth0} with
 * Calico's built-in {@code projectcalico-default-allow} profile and the label the guide's
 * policies select ({@code apply-ip-protect: 'true'}), and the red and blue pods' workload
 * endpoints. Every one carries {@link LabPlan#LAB_LABEL}; the lab writes and deletes only
 * resources with that label, so an operator's resource of the same name is never overwritten.
 */
final class LabResources {

    private LabResources() {}

    /** The resources, decoded and admitted exactly as {@code selvedge apply} would. */
    static List<Resource> all() {
        StringBuilder y = new StringBuilder();
        String lab = LabPlan.LAB_LABEL + ": 'true'";
        y.append("apiVersion: projectcalico.org/v3\nkind: Profile\n")
                .append("metadata: {name: kns.").append(LabPlan.K8S_NAMESPACE).append(", labels: {").append(lab).append("}}\n")
                .append("spec: {ingress: [{action: Allow}], egress: [{action: Allow}]}\n");
        y.append("---\napiVersion: projectcalico.org/v3\nkind: HostEndpoint\n")
                .append("metadata: {name: ").append(LabPlan.hostEndpointName())
                .append(", labels: {apply-ip-protect: 'true', ").append(lab).append("}}\n")
                .append("spec: {node: ").append(LabPlan.NODE).append(", interfaceName: eth0, expectedIPs: [")
                .append(LabPlan.HOST_V4).append(", '").append(LabPlan.HOST_V6).append("'], profiles: [projectcalico-default-allow]}\n");
        for (Workload w : LabPlan.WORKLOADS) {
            y.append("---\napiVersion: projectcalico.org/v3\nkind: WorkloadEndpoint\n")
                    .append("metadata: {name: ").append(w.endpointName()).append(", namespace: ").append(LabPlan.K8S_NAMESPACE)
                    .append(", labels: {color: ").append(w.name()).append(", ").append(lab).append("}}\n")
                    .append("spec: {orchestrator: k8s, node: ").append(LabPlan.NODE).append(", pod: ").append(w.name())
                    .append(", endpoint: eth0, interfaceName: ").append(w.iface())
                    .append(", ipNetworks: [").append(w.v4()).append("/32, '").append(w.v6()).append("/128'], profiles: [kns.")
                    .append(LabPlan.K8S_NAMESPACE).append("]}\n");
        }
        Admission.Report report = Admission.calico().admit(List.of(ResourceCodec.strict().decode("lab", y.toString())), "default");
        if (!report.ok()) {
            throw new IllegalStateException("the lab's own resources do not validate: "
                    + String.join("; ", report.problems().stream().map(DecodeProblem::format).toList()));
        }
        return report.resources();
    }

    /**
     * Writes the resources in one batch. Refuses, writing nothing, when one of them exists: made
     * by someone else, or left by another lab (labs on one datastore would share node "lab").
     *
     * @return their keys
     */
    static List<ResourceKey> write(Datastore store) {
        List<Resource> resources = all();
        for (Resource r : resources) {
            Optional<Resource> there = store.get(r.kind(), r.metadata().namespace(), r.metadata().name());
            if (there.isPresent()) {
                throw new LabException(r.kind().apiName() + " " + r.qualifiedName() + " already exists in " + store.url()
                        + (isLabs(there.get()) ? ", left by another lab (`selvedge lab down` removes it)"
                            : " and was not made by the lab") + "; nothing was changed (or use another --datastore)");
            }
        }
        store.applyAll(resources, ProgressListener.NONE);
        return resources.stream().map(ResourceKey::of).toList();
    }

    /**
     * Deletes the given resources where they still exist and still carry the lab label; leaves
     * everything else alone. Returns what it deleted ({@code Kind namespace/name}).
     */
    static List<String> delete(Datastore store, List<ResourceKey> keys) {
        List<String> deleted = new ArrayList<>();
        for (ResourceKey k : keys) {
            Optional<Resource> there = store.get(k.kind(), k.namespace(), k.name());
            if (there.isPresent() && isLabs(there.get())) {
                store.delete(k.kind(), k.namespace(), k.name(), null);
                deleted.add(k.kind().apiName() + " " + there.get().qualifiedName());
            }
        }
        return deleted;
    }

    /** The lab's resources found by label, for {@code down} without a state file. */
    static List<ResourceKey> labelled(Datastore store) {
        List<ResourceKey> out = new ArrayList<>();
        for (Resource r : all()) {
            for (Resource there : store.list(r.kind(), null, "has(" + LabPlan.LAB_LABEL + ")")) {
                if (!out.contains(ResourceKey.of(there))) {
                    out.add(ResourceKey.of(there));
                }
            }
        }
        return out;
    }

    private static boolean isLabs(Resource r) {
        return "true".equals(r.metadata().labels().get(LabPlan.LAB_LABEL));
    }
}
