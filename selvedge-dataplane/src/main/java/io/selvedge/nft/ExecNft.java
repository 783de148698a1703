package io.selvedge.nft;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Nft} backed by the {@code nft} command: {@link #run} pipes the rendered transaction
 * into {@code nft -f -} (one process, one kernel transaction); reads use listings that nft 1.0.6
 * answers without fetching set elements ({@code list chains}, {@code -t list sets}, {@code -t list maps}),
 * except {@link #listRules} ({@code -a list chain}, which does fetch them). An optional argv prefix runs nft elsewhere, e.g.
 * {@code ip netns exec NS} ({@link #inNamespace}).
 *
 * <p>{@link #start} checks that the binary runs and reads its version; a missing binary is an
 * {@link NftNotFoundException}. Failures of {@code run} become {@link NftException}s with nft's
 * stderr (bounded to {@value #STDERR_LIMIT} bytes, long lines cut) and the failing lines of the
 * rendered script.
 *
 * <p>Does not: read set or map contents (see {@link Nft}), retry, or keep a cache of the ruleset.
 *
 * <p>Thread-safe: no mutable state; each call is its own process. The kernel serialises
 * transactions, but callers that diff against programmed state should still run one at a time.
 */
public final class ExecNft implements Nft {

    static final int STDERR_LIMIT = 64 * 1024;
    private static final int STDERR_LINE_LIMIT = 2000;
    private static final Pattern VERSION = Pattern.compile("nftables v(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern CHAIN_LINE = Pattern.compile("^\\s*chain (\\S+) \\{", Pattern.MULTILINE);
    private static final Pattern SET_LINE = Pattern.compile("^\\s*(?:set|map) (\\S+) \\{", Pattern.MULTILINE);
    private static final Pattern HANDLE = Pattern.compile("# handle (\\d+)\\s*$");
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+) bytes (\\d+)");
    private static final Pattern COMMENT = Pattern.compile("comment \"([^\"]*)\"");

    private final List<String> argvPrefix;
    private final String binary;
    private final Duration timeout;
    private final String version;
    /** The network namespace nft programs, for {@link #addElements} over netlink: "" this process's, null unknown. */
    private final String netns;
    /** Why netlink cannot be used here, once it failed to open (then {@link #addElements} uses nft). */
    private volatile String netlinkUnavailable;

    private ExecNft(List<String> argvPrefix, String binary, Duration timeout, String version, String netns) {
        this.argvPrefix = argvPrefix;
        this.binary = binary;
        this.timeout = timeout;
        this.version = version;
        this.netns = netns;
        this.netlinkUnavailable = netns == null ? "nft runs through " + String.join(" ", argvPrefix) : null;
    }

    /** Runs {@code nft} from PATH in the current network namespace. */
    public static ExecNft start() {
        return start(List.of(), "nft", Duration.ofMinutes(5), "");
    }

    /** Runs {@code ip netns exec NETNS nft}. */
    public static ExecNft inNamespace(String netns) {
        return start(List.of("ip", "netns", "exec", netns), "nft", Duration.ofMinutes(5), netns);
    }

    /**
     * Runs {@code argvPrefix... binary ...}, giving each call {@code timeout}.
     *
     * @throws NftNotFoundException if the command cannot be started or does not report an nft version >= 0.9.3
     */
    public static ExecNft start(List<String> argvPrefix, String binary, Duration timeout) {
        return start(argvPrefix, binary, timeout, argvPrefix.isEmpty() ? "" : null);
    }

    /** @param netns the namespace nft programs: "" this process's, a name, or null (unknown: nft only) */
    private static ExecNft start(List<String> argvPrefix, String binary, Duration timeout, String netns) {
        List<String> prefix = List.copyOf(argvPrefix);
        ExecNft probe = new ExecNft(prefix, binary, timeout, "", netns);
        Result r = probe.exec(List.of("--version"), Optional.empty());
        String out = r.stdout + r.stderr;
        Matcher m = VERSION.matcher(out);
        if (r.exit != 0 || !m.find()) {
            throw new NftNotFoundException("cannot run " + String.join(" ", probe.argv(List.of("--version")))
                    + " (exit " + r.exit + "): " + out.strip());
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (major == 0 && (minor < 9 || (minor == 9 && patch < 3))) {
            throw new NftNotFoundException("nft " + m.group() + " is too old (need 0.9.3 or newer)");
        }
        return new ExecNft(prefix, binary, timeout, m.group(1) + "." + m.group(2) + "." + patch, netns);
    }

    /** The nft version, e.g. {@code 1.0.6}. */
    public String version() {
        return version;
    }

    @Override
    public void run(Transaction tx) {
        if (tx.isEmpty()) {
            return;
        }
        Result r = exec(List.of("-f", "-"), Optional.of(tx));
        if (r.exit != 0) {
            throw NftErrorParser.toException(r.stderr, Optional.of(tx));
        }
    }

    /**
     * {@inheritDoc} Over netlink ({@link NetlinkElementLoader}: no nft process, a third of the
     * time for a million addresses) unless that cannot work here — no JNA, no permission, nft run
     * through an unknown command — then, and from then on, with nft.
     */
    @Override
    public long addElements(NftSet set, AddressSource addresses) {
        if (netlinkUnavailable == null) {
            try {
                return new NetlinkElementLoader(netns.isEmpty() ? Optional.empty() : Optional.of(netns)).add(set, addresses);
            } catch (com.sun.jna.LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
                netlinkUnavailable = "netlink: " + e.getMessage();   // a refusal (NftException) propagates
            }
        }
        return Nft.super.addElements(set, addresses);
    }

    /** Why {@link #addElements} goes through nft rather than netlink; empty if it uses netlink (or has not tried). */
    public Optional<String> netlinkUnavailable() {
        return Optional.ofNullable(netlinkUnavailable);
    }

    @Override
    public List<String> listChains(Table table) {
        return new ArrayList<>(chainComments(table).keySet());
    }

    /**
     * {@inheritDoc} Read with {@code nft list chains FAMILY}, which nft 1.0.6 answers without
     * fetching set elements (milliseconds with millions of elements; {@code list table}, even
     * with {@code -t}, takes 15 s there).
     */
    @Override
    public Map<String, Optional<String>> chainComments(Table table) {
        String block = tableBlock(read("list", "chains", table.family().nftName()), table)
                .orElseThrow(() -> noSuchTable(table));
        Map<String, Optional<String>> chains = new LinkedHashMap<>();
        String current = null;
        for (String line : block.split("\n")) {
            Matcher c = CHAIN_LINE.matcher(line);
            if (c.find()) {
                current = c.group(1);
                chains.put(current, Optional.empty());
                continue;
            }
            Matcher cm = COMMENT.matcher(line);
            if (current != null && line.strip().startsWith("comment ") && cm.find()) {
                chains.put(current, Optional.of(cm.group(1)));
            }
        }
        return chains;
    }

    /**
     * {@inheritDoc} Read with {@code nft -t list sets FAMILY} and {@code nft -t list maps FAMILY}
     * (terse: declarations only, milliseconds however many elements the sets hold).
     */
    @Override
    public List<String> listSets(Table table) {
        String family = table.family().nftName();
        List<String> names = names(SET_LINE, tableBlock(read("-t", "list", "sets", family), table).orElseThrow(() -> noSuchTable(table)));
        tableBlock(read("-t", "list", "maps", family), table).ifPresent(maps -> names.addAll(names(SET_LINE, maps)));
        return names;
    }

    @Override
    public List<RuleInfo> listRules(Table table, String chain) {
        ScriptText.identifier("chain name", chain);
        String out = read("-a", "list", "chain", table.family().nftName(), table.name(), chain);
        List<RuleInfo> rules = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher h = HANDLE.matcher(line);
            if (!h.find() || line.strip().startsWith("chain ")) {
                continue;
            }
            Matcher c = COUNTER.matcher(line);
            Matcher cm = COMMENT.matcher(line);
            boolean hasCounter = c.find();
            rules.add(new RuleInfo(Long.parseLong(h.group(1)),
                    cm.find() ? Optional.of(cm.group(1)) : Optional.empty(),
                    hasCounter ? Long.parseLong(c.group(1)) : 0, hasCounter ? Long.parseLong(c.group(2)) : 0));
        }
        return rules;
    }

    /**
     * {@inheritDoc} Asked with {@code nft list chains FAMILY}, which lists every table of the
     * family (also those without chains) and, unlike {@code nft list tables} (27 s with 1.35M set
     * elements on nft 1.0.6), does not fetch set elements.
     */
    @Override
    public boolean hasTable(Table table) {
        return tableBlock(read("list", "chains", table.family().nftName()), table).isPresent();
    }

    /** The lines between {@code table FAMILY NAME {} and its closing brace in a listing; empty if absent. */
    static Optional<String> tableBlock(String listing, Table table) {
        String header = "table " + table.spec() + " {";
        StringBuilder block = null;
        for (String line : listing.split("\n")) {
            if (block == null) {
                if (line.strip().equals(header)) {
                    block = new StringBuilder();
                }
            } else if (line.equals("}")) {
                return Optional.of(block.toString());
            } else {
                block.append(line).append('\n');
            }
        }
        return Optional.ofNullable(block).map(StringBuilder::toString);
    }

    private static NftException noSuchTable(Table table) {
        return new NftException(NftException.Kind.NOT_FOUND, "No such file or directory: table " + table.spec(), "", List.of());
    }

    private String read(String... args) {
        Result r = exec(List.of(args), Optional.empty());
        if (r.exit != 0) {
            throw NftErrorParser.toException(r.stderr, Optional.empty());
        }
        return r.stdout;
    }

    private List<String> names(Pattern p, String listing) {
        List<String> names = new ArrayList<>();
        Matcher m = p.matcher(listing);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>(argvPrefix);
        argv.add(binary);
        argv.addAll(args);
        return argv;
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    /** Runs one nft process; with a transaction, streams its script to stdin. */
    private Result exec(List<String> args, Optional<Transaction> script) {
        List<String> argv = argv(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (script.isEmpty()) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new NftNotFoundException("cannot start " + String.join(" ", argv) + ": " + e.getMessage());
        }
        BoundedReader err = new BoundedReader(p.getErrorStream(), STDERR_LIMIT);
        BoundedReader out = new BoundedReader(p.getInputStream(), Integer.MAX_VALUE);
        Thread errThread = startReader(err, "nft-stderr");
        Thread outThread = startReader(out, "nft-stdout");
        IOException writeFailure = null;
        if (script.isPresent()) {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                script.get().render(w);
            } catch (IOException e) {
                writeFailure = e;   // nft exited early (it reports why on stderr)
            } catch (UncheckedIOException e) {
                writeFailure = e.getCause();
            }
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new NftException(NftException.Kind.OTHER, "nft timed out after " + timeout + ": " + String.join(" ", argv),
                        err.text(), List.of());
            }
            errThread.join();
            outThread.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NftException(NftException.Kind.OTHER, "interrupted while running nft", err.text(), List.of());
        }
        int exit = p.exitValue();
        if (exit == 0 && writeFailure != null) {
            throw new NftException(NftException.Kind.OTHER, "could not write the script to nft: " + writeFailure.getMessage(),
                    err.text(), List.of());
        }
        return new Result(exit, out.text(), err.text());
    }

    private static Thread startReader(BoundedReader r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Drains a stream, keeping at most {@code limit} bytes and cutting very long lines. */
    private static final class BoundedReader implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private int lineLength;

        BoundedReader(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            byte b = buf[i];
                            if (b == '\n') {
                                lineLength = 0;
                            } else if (++lineLength > STDERR_LINE_LIMIT && limit != Integer.MAX_VALUE) {
                                if (lineLength == STDERR_LINE_LIMIT + 1) {
                                    keep("...".getBytes(StandardCharsets.US_ASCII));
                                }
                                continue;
                            }
                            if (kept.size() < limit) {
                                kept.write(b);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; keep what we have
            }
        }

        private void keep(byte[] bytes) {
            if (kept.size() + bytes.length <= limit) {
                kept.write(bytes, 0, bytes.length);
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
