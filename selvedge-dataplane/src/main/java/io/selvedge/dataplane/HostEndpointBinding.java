package io.selvedge.dataplane;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.LocalEndpoint;
import io.selvedge.nft.IfName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which host endpoint owns which interface (spec §4.1, G25), as Felix's
 * {@code resolveHostEndpoints} decides it. For each non-workload interface, the candidates are
 * the host endpoints whose {@code interfaceName} is that interface, and those without an
 * {@code interfaceName} that expect an address the interface has; the candidate with the
 * smallest name wins (a host endpoint with a different explicit name never claims an interface
 * by address). Among {@code interfaceName: "*"} host endpoints the smallest name is the default
 * for every interface nobody claims.
 *
 * <p>Interfaces come from the {@link InterfaceInventory} and from explicit {@code interfaceName}s
 * (an explicit binding is kept when the interface is not, or not yet, in the inventory: its
 * dispatch entry simply matches nothing). Workload interfaces and names nft cannot hold are never
 * bound. Immutable and thread-safe.
 *
 * @param byInterface interface name to the host endpoint bound to it
 * @param wildcard the {@code *} host endpoint, if any
 * @param problems host endpoints that could not be bound, with the reason
 */
public record HostEndpointBinding(SortedMap<String, LocalEndpoint> byInterface, Optional<LocalEndpoint> wildcard,
                                  List<String> problems) {

    public HostEndpointBinding {
        byInterface = Collections.unmodifiableSortedMap(new TreeMap<>(byInterface));
        problems = List.copyOf(problems);
    }

    /** Binds the host endpoints among {@code endpoints} (sorted by ID, so by name) to interfaces. */
    public static HostEndpointBinding bind(Collection<LocalEndpoint> endpoints, InterfaceInventory inventory, DataplaneConfig config) {
        List<LocalEndpoint> heps = new ArrayList<>();
        for (LocalEndpoint ep : endpoints) {
            if (ep.id().type() == EndpointId.Type.HOST) {
                heps.add(ep);
            }
        }
        heps.sort((a, b) -> a.id().name().compareTo(b.id().name()));
        List<String> problems = new ArrayList<>();
        LocalEndpoint wildcard = null;
        Set<String> names = new TreeSet<>(inventory.interfaces().keySet());
        for (LocalEndpoint h : heps) {
            String iface = h.interfaceName();
            if (iface.equals("*")) {
                wildcard = wildcard == null ? h : wildcard;
            } else if (!iface.isEmpty()) {
                if (config.isWorkloadInterface(iface)) {
                    problems.add(h.id() + ": interfaceName " + iface + " is a workload interface; not bound");
                } else if (!validName(iface)) {
                    problems.add(h.id() + ": interfaceName is not a Linux interface name nft can match; not bound");
                } else {
                    names.add(iface);
                }
            }
        }
        TreeMap<String, LocalEndpoint> bound = new TreeMap<>();
        for (String iface : names) {
            if (config.isWorkloadInterface(iface) || !validName(iface)) {
                continue;
            }
            Set<Cidr> addrs = new HashSet<>(inventory.addresses(iface));
            for (LocalEndpoint h : heps) {   // by name: the first candidate wins
                boolean explicit = h.interfaceName().equals(iface);
                boolean byAddress = h.interfaceName().isEmpty() && h.addresses().stream().anyMatch(addrs::contains);
                if (explicit || byAddress) {
                    bound.put(iface, h);
                    break;
                }
            }
        }
        return new HostEndpointBinding(bound, Optional.ofNullable(wildcard), problems);
    }

    private static boolean validName(String iface) {
        try {
            return !IfName.of(iface).isWildcard();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host endpoints bound to at least one interface, plus the wildcard, by ID. */
    public SortedMap<EndpointId, LocalEndpoint> active() {
        TreeMap<EndpointId, LocalEndpoint> m = new TreeMap<>();
        byInterface.values().forEach(h -> m.put(h.id(), h));
        wildcard.ifPresent(h -> m.put(h.id(), h));
        return m;
    }
}
