package io.selvedge.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.selvedge.model.Kind;
import io.selvedge.store.ResourceKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lab up} made, so that {@code probe} finds it and {@code down} removes exactly it:
 * the namespace prefix, the datastore URL, the agent's pid and log, the resources written. A
 * small JSON file (default {@value #DEFAULT_PATH}), written atomically.
 *
 * @param agentPid 0 when no agent was started
 */
record LabState(String prefix, String datastore, long agentPid, String agentLog, List<Key> resources) {

    static final String DEFAULT_PATH = "/var/lib/selvedge/lab.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A datastore resource, by kind API name. */
    record Key(String kind, String namespace, String name) {
        static Key of(ResourceKey k) {
            return new Key(k.kind().apiName(), k.namespace(), k.name());
        }

        ResourceKey resourceKey() {
            Kind kd = Kind.fromApiName(kind).orElseThrow(() -> new LabException("lab state names an unknown kind " + kind));
            return ResourceKey.of(kd, namespace, name);
        }
    }

    LabState {
        resources = List.copyOf(resources);
    }

    LabState withAgent(long pid, String log) {
        return new LabState(prefix, datastore, pid, log, resources);
    }

    List<ResourceKey> resourceKeys() {
        return resources.stream().map(Key::resourceKey).toList();
    }

    static Optional<LabState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), LabState.class));
        } catch (IOException e) {
            throw new LabException("cannot read the lab state " + file + ": " + e.getMessage());
        }
    }

    void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".lab", ".json");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException("cannot write the lab state " + file + ": " + e.getMessage());
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LabException("cannot delete the lab state " + file + ": " + e.getMessage());
        }
    }
}
