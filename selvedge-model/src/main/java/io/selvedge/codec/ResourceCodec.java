package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.selvedge.codec.k8s.K8sNetworkPolicy;
import io.selvedge.model.Kind;
import io.selvedge.model.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes {@code projectcalico.org/v3} resources as YAML or JSON, strictly. The one
 * place where user text becomes model records and back.
 *
 * <h2>Reading</h2>
 * An input holds any number of documents: multi-document YAML ({@code ---}), a JSON object, a
 * JSON array, several concatenated JSON values, or a {@code kind: List} (also calicoctl's
 * {@code <Kind>List} and kubectl's {@code v1 List}) whose {@code items} are resources. Each bad
 * document (or list item) becomes a {@link DecodeProblem}; good ones are still returned, and
 * {@code decode} never throws. Empty documents (only comments, {@code ---} alone, {@code null})
 * are skipped silently.
 *
 * <p>Decoding rejects (as {@link DecodeProblem}s):
 * <ul>
 *   <li>YAML/JSON syntax errors, tabs used for indentation, duplicate keys, non-string keys;</li>
 *   <li>unknown fields at any depth, listing the known ones; fields a kind does not have although
 *       the shared record does ({@code namespaceSelector}, {@code doNotTrack}, {@code preDNAT},
 *       {@code applyOnForward} on (Staged)NetworkPolicy; {@code stagedAction} on non-staged
 *       kinds);</li>
 *   <li>wrong types, with no coercion between strings, numbers and booleans (Calico's own
 *       exceptions: ports and protocols take a number or a string; a numeric protocol string
 *       {@code "6"} becomes the number 6);</li>
 *   <li>enum values not spelled exactly ({@code action}, {@code types}, {@code stagedAction});</li>
 *   <li>null inside lists and as label/annotation values (a null field is the same as an absent
 *       one);</li>
 *   <li>missing or empty {@code kind}, unknown kinds, an {@code apiVersion} other than
 *       {@code projectcalico.org/v3} ({@code networking.k8s.io/v1} for Kubernetes
 *       NetworkPolicy, which is converted as Calico converts it);</li>
 *   <li>port and protocol values that cannot be represented (port above 65535, range with
 *       min &gt; max, protocol number above 255);</li>
 *   <li>hostile input: more than {@link #maxInputBytes()} bytes, nesting deeper than the limit,
 *       YAML alias bombs and recursive aliases, YAML tags other than the standard ones
 *       ({@code !!java...}, {@code !custom}), bytes that are not UTF-8 or control characters
 *       YAML forbids.</li>
 * </ul>
 * Everything else is left to the validator: missing names, name and label syntax, selector
 * syntax, CIDRs, port 0, protocol names, field combinations, defaults.
 *
 * <p>Metadata accepts {@code name, namespace, labels, annotations, uid, resourceVersion,
 * generation, creationTimestamp}, and tolerates (reads and drops) the Kubernetes metadata that
 * {@code kubectl get -o yaml} adds: {@code generateName, selfLink, deletionTimestamp,
 * deletionGracePeriodSeconds, ownerReferences, finalizers, managedFields}. A Tier's and a
 * Kubernetes NetworkPolicy's {@code status} is dropped as well; a GlobalThreatFeed's is read
 * and written (users' writes keep the stored one: that is the CLI's business, not the codec's).
 *
 * <h2>Writing</h2>
 * {@link #toYaml} writes one YAML document per resource, separated by {@code ---}, in Calico's
 * field order with empty fields left out (see {@link ResourceTreeWriter} and
 * {@link TreeEmitter}). {@link #toJson(List)} does what {@code calicoctl get -o json} does: a
 * single resource prints as one object, any other number as a JSON array of objects. Whatever
 * is written decodes back to equal records.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ResourceCodec {
  private static final ResourceCodec STRICT = new ResourceCodec(Limits.DEFAULT);
  private static final Set<String> LIST_API_VERSIONS = Set.of("v1", Kind.API_VERSION, K8sNetworkPolicy.API_VERSION);
  private static final Set<String> LIST_METADATA = Set.of("resourceVersion", "continue", "remainingItemCount", "selfLink");

  private final Limits limits;

  private ResourceCodec(Limits limits) {
    this.limits = limits;
  }

  /** The strict codec with default limits (64 MiB per input, nesting 64, 50 aliases). */
  public static ResourceCodec strict() {
    return STRICT;
  }

  /** A codec that accepts inputs up to {@code bytes} (UTF-8). */
  public ResourceCodec withMaxInputBytes(long bytes) {
    return new ResourceCodec(new Limits(bytes, limits.maxNestingDepth(), limits.maxAliases(),
        limits.maxAliasExpansion(), limits.maxProblemsPerDocument()));
  }

  /** A codec that accepts lists and objects nested up to {@code depth} levels. */
  public ResourceCodec withMaxNestingDepth(int depth) {
    return new ResourceCodec(new Limits(limits.maxInputBytes(), depth, limits.maxAliases(),
        limits.maxAliasExpansion(), limits.maxProblemsPerDocument()));
  }

  /** A codec that accepts up to {@code aliases} YAML aliases of lists/objects per document. */
  public ResourceCodec withMaxAliases(int aliases) {
    return new ResourceCodec(new Limits(limits.maxInputBytes(), limits.maxNestingDepth(), aliases,
        limits.maxAliasExpansion(), limits.maxProblemsPerDocument()));
  }

  public long maxInputBytes() {
    return limits.maxInputBytes();
  }

  // ---- decoding ----

  /**
   * Decodes every document of a YAML or JSON text. Never throws for bad input: bad documents
   * become problems, good ones are returned.
   */
  public DecodeResult decode(String sourceName, String text) {
    List<Decoded> resources = new ArrayList<>();
    ProblemList problems = new ProblemList(sourceName, limits.maxProblemsPerInput());
    try {
      if (text == null) {
        return new DecodeResult(resources, problems);
      }
      // a char is at most 3 UTF-8 bytes: count only when that bound could pass the limit (the
      // store decodes with no limit, and a million-CIDR document is 30M chars to scan)
      if (3L * text.length() > limits.maxInputBytes() && utf8Length(text) > limits.maxInputBytes()) {
        problems.add(tooLarge(sourceName));
        return new DecodeResult(resources, problems);
      }
      decodeText(sourceName, text, resources, problems);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      problems.add(internal(sourceName, e));
    }
    return new DecodeResult(resources, problems.finish());
  }

  /** The problems of one input, up to a limit; the rest are counted and summarised. */
  private static final class ProblemList extends ArrayList<DecodeProblem> {
    private static final long serialVersionUID = 1L;
    private final transient String source;
    private final int max;
    private int dropped;

    ProblemList(String source, int max) {
      this.source = source;
      this.max = max;
    }

    @Override
    public boolean add(DecodeProblem p) {
      if (size() >= max) {
        dropped++;
        return false;
      }
      return super.add(p);
    }

    @Override
    public boolean addAll(java.util.Collection<? extends DecodeProblem> ps) {
      ps.forEach(this::add);
      return true;
    }

    List<DecodeProblem> finish() {
      if (dropped > 0) {
        super.add(new DecodeProblem(source, 0, null, "", dropped + " more problem" + (dropped == 1 ? "" : "s")
            + " in this input not shown"));
      }
      return this;
    }
  }

  /**
   * Decodes an input stream (UTF-8, an optional byte-order mark), reading at most
   * {@link #maxInputBytes()} bytes: a larger input is refused without reading it all. The
   * stream is not closed.
   */
  public DecodeResult decode(String sourceName, InputStream in) {
    try {
      byte[] data = readBounded(in);
      if (data == null) {
        return new DecodeResult(List.of(), List.of(tooLarge(sourceName)));
      }
      String text;
      try {
        text = utf8(data);
      } catch (MalformedInputException e) {
        return new DecodeResult(List.of(), List.of(new DecodeProblem(sourceName, 0, null, "",
            "the input is not UTF-8 text (invalid byte sequence at byte " + e.getInputLength() + "); is this a binary file?")));
      } catch (CharacterCodingException e) {
        return new DecodeResult(List.of(), List.of(new DecodeProblem(sourceName, 0, null, "",
            "the input is not UTF-8 text; is this a binary file?")));
      }
      return decode(sourceName, text);
    } catch (IOException e) {
      String m = e.getMessage() == null ? "read failed" : e.getMessage();
      return new DecodeResult(List.of(), List.of(new DecodeProblem(sourceName, 0, null, "", "could not read the input: " + m)));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new DecodeResult(List.of(), List.of(internal(sourceName, e)));
    }
  }

  /**
   * Decodes one resource from a tree (for example one already parsed by the caller). A
   * {@code kind: List} is refused here; use {@link #decode(String, String)} for lists.
   *
   * @param documentIndex the 1-based document number to report in problems
   * @throws DecodeException with every problem of the document
   */
  public Resource decodeNode(String sourceName, int documentIndex, JsonNode node) throws DecodeException {
    Problems problems = new Problems(sourceName, documentIndex, Locations.NONE, limits.maxProblemsPerDocument());
    Resource r = null;
    try {
      if (node == null || node.isNull() || node.isMissingNode()) {
        problems.add(FieldPath.ROOT, "the document is empty");
      } else if (!node.isObject()) {
        problems.add(FieldPath.ROOT, "expected a resource (an object with apiVersion, kind, metadata and spec), got "
            + ResourceBinder.describe(node));
      } else if (isList(node)) {
        problems.add(FieldPath.ROOT, "a " + node.get("kind").asText() + " holds several resources; decode it as text");
      } else {
        problems.kindAndName(ResourceBinder.kindAndName(node, null));
        r = new ResourceBinder(problems).bindResource(node, FieldPath.ROOT, null, null);
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw new DecodeException(List.of(internal(sourceName, e)));
    }
    if (r == null || !problems.isEmpty()) {
      if (problems.isEmpty()) {
        problems.add(FieldPath.ROOT, "could not decode the document");
      }
      throw new DecodeException(problems.toList());
    }
    return r;
  }

  private void decodeText(String source, String text, List<Decoded> resources, List<DecodeProblem> problems) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<RawDocument> docs;
    if (looksLikeJson(t)) {
      JsonTreeReader.Result json = new JsonTreeReader(source, limits).read(t);
      docs = json.documents();
      if (json.failedAtFirst()) {
        // Flow-style YAML ({kind: Tier, ...}) also starts with '{' or '['; use it only if it
        // decodes without any problem, else the JSON syntax error is the better message.
        List<Decoded> yamlResources = new ArrayList<>();
        List<DecodeProblem> yamlProblems = new ArrayList<>();
        decodeDocuments(source, new YamlTreeReader(source, limits).read(t), yamlResources, yamlProblems);
        if (yamlProblems.isEmpty()) {
          resources.addAll(yamlResources);
          return;
        }
      }
    } else {
      docs = new YamlTreeReader(source, limits).read(t);
    }
    decodeDocuments(source, docs, resources, problems);
  }

  private void decodeDocuments(String source, List<RawDocument> docs, List<Decoded> resources,
      List<DecodeProblem> problems) {
    for (RawDocument d : docs) {
      try {
        decodeDocument(source, d, resources, problems);
      } catch (RuntimeException | StackOverflowError e) {
        problems.add(internal(source, e));
      }
    }
  }

  private static boolean looksLikeJson(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      return c == '{' || c == '[';
    }
    return false;
  }

  private void decodeDocument(String source, RawDocument d, List<Decoded> resources, List<DecodeProblem> problems) {
    if (d.problem() != null) {
      problems.add(d.problem());
      return;
    }
    JsonNode root = d.root();
    if (root == null || root.isNull()) {
      return;
    }
    if (root.isArray()) {
      decodeItems(source, d, root, FieldPath.ROOT, null, null, resources, problems);
      return;
    }
    if (!root.isObject()) {
      Problems p = new Problems(source, d.number(), d.locations(), limits.maxProblemsPerDocument());
      p.add(FieldPath.ROOT, "expected a resource (an object with apiVersion, kind, metadata and spec), got "
          + ResourceBinder.describe(root));
      problems.addAll(p.toList());
      return;
    }
    if (isList(root)) {
      decodeList(source, d, root, resources, problems);
      return;
    }
    Problems p = new Problems(source, d.number(), d.locations(), limits.maxProblemsPerDocument());
    p.kindAndName(ResourceBinder.kindAndName(root, null));
    Resource r = new ResourceBinder(p).bindResource(root, FieldPath.ROOT, null, null);
    if (r != null && p.isEmpty()) {
      resources.add(new Decoded(source, d.number(), r));
    }
    problems.addAll(p.toList());
  }

  private static boolean isList(JsonNode root) {
    JsonNode k = root.get("kind");
    if (k == null || !k.isTextual()) {
      return false;
    }
    String kind = k.textValue();
    return kind.equals(ResourceBinder.LIST_KIND) || kind.endsWith(ResourceBinder.LIST_KIND)
        && (Kind.fromApiName(itemKind(kind)).isPresent() || K8sNetworkPolicy.KIND.equals(itemKind(kind)));
  }

  private static String itemKind(String listKind) {
    return listKind.substring(0, listKind.length() - ResourceBinder.LIST_KIND.length());
  }

  private void decodeList(String source, RawDocument d, JsonNode root, List<Decoded> resources,
      List<DecodeProblem> problems) {
    Problems p = new Problems(source, d.number(), d.locations(), limits.maxProblemsPerDocument());
    String kind = root.get("kind").textValue();
    p.kindAndName(kind);
    String itemKind = kind.equals(ResourceBinder.LIST_KIND) ? null : itemKind(kind);
    JsonNode av = root.get("apiVersion");
    String apiVersion = av != null && av.isTextual() ? av.textValue() : null;
    if (av == null || av.isNull()) {
      p.add(FieldPath.ROOT.field("apiVersion", root), "missing (use v1 or " + Kind.API_VERSION + ")");
    } else if (apiVersion == null || !LIST_API_VERSIONS.contains(apiVersion)) {
      p.add(FieldPath.ROOT.field("apiVersion", root), "expected v1 or " + Kind.API_VERSION + " for a " + kind
          + ", got " + ResourceBinder.describe(av));
    }
    JsonNode items = null;
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      FieldPath fp = FieldPath.ROOT.field(f, root);
      switch (f) {
        case "apiVersion", "kind" -> { }
        case "items" -> items = root.get(f);
        case "metadata" -> {
          JsonNode m = root.get(f);
          if (m.isObject()) {
            for (Iterator<String> mi = m.fieldNames(); mi.hasNext(); ) {
              String mf = mi.next();
              if (!LIST_METADATA.contains(mf)) {
                p.add(fp.field(mf, m), ResourceBinder.unknownField(mf, List.copyOf(LIST_METADATA), null));
              }
            }
          } else if (!m.isNull()) {
            p.add(fp, "expected an object, got " + ResourceBinder.describe(m));
          }
        }
        default -> p.add(fp, ResourceBinder.unknownField(f, List.of("apiVersion", "kind", "metadata", "items"), null));
      }
    }
    problems.addAll(p.toList());
    if (items == null || items.isNull()) {
      return;
    }
    if (!items.isArray()) {
      Problems ip = new Problems(source, d.number(), d.locations(), limits.maxProblemsPerDocument());
      ip.kindAndName(kind);
      ip.add(FieldPath.ROOT.field("items", root), "expected a list, got " + ResourceBinder.describe(items));
      problems.addAll(ip.toList());
      return;
    }
    String itemApiVersion = apiVersion == null || apiVersion.equals("v1") ? null : apiVersion;
    decodeItems(source, d, items, FieldPath.ROOT.field("items", root), itemApiVersion, itemKind, resources, problems);
  }

  private void decodeItems(String source, RawDocument d, JsonNode items, FieldPath base, String defaultApiVersion,
      String defaultKind, List<Decoded> resources, List<DecodeProblem> problems) {
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      FieldPath ip = base.index(i, items);
      Problems p = new Problems(source, d.number(), d.locations(), limits.maxProblemsPerDocument());
      if (item.isObject() && isList(item)) {
        p.add(ip, "a list inside a list is not supported");
      } else if (!item.isObject()) {
        p.add(ip, "expected a resource (an object with apiVersion, kind, metadata and spec), got "
            + ResourceBinder.describe(item));
      } else {
        p.kindAndName(ResourceBinder.kindAndName(item, defaultKind));
        Resource r = new ResourceBinder(p).bindResource(item, ip, defaultApiVersion, defaultKind);
        if (r != null && p.isEmpty()) {
          resources.add(new Decoded(source, d.number(), r));
        }
      }
      problems.addAll(p.toList());
    }
  }

  private DecodeProblem tooLarge(String source) {
    return new DecodeProblem(source, 0, null, "", "the input is larger than the limit of " + human(limits.maxInputBytes())
        + " (" + limits.maxInputBytes() + " bytes)");
  }

  private static String human(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  private static DecodeProblem internal(String source, Throwable e) {
    String what = e instanceof StackOverflowError ? "the input is nested too deeply"
        : e instanceof OutOfMemoryError ? "not enough memory to read the input"
        // The exception's own text would show Java internals; the problem says where it happened.
        : "internal error while decoding this input (please report it with the input)";
    return new DecodeProblem(source, 0, null, "", what);
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The bytes, or null if there are more than the limit. */
  private byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      total += n;
      if (total > limits.maxInputBytes()) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static String utf8(byte[] data) throws CharacterCodingException {
    int off = data.length >= 3 && (data[0] & 0xff) == 0xef && (data[1] & 0xff) == 0xbb && (data[2] & 0xff) == 0xbf ? 3 : 0;
    if (data.length >= 2 && ((data[0] & 0xff) == 0xfe && (data[1] & 0xff) == 0xff
        || (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xfe)) {
      throw new CharacterCodingException();
    }
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bb = ByteBuffer.wrap(data, off, data.length - off);
    CharBuffer cb = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, (long) data.length + 1));
    var result = dec.decode(bb, cb, true);
    if (result.isError()) {
      throw new MalformedInputException(bb.position());
    }
    result = dec.flush(cb);
    if (result.isError()) {
      throw new MalformedInputException(bb.position());
    }
    cb.flip();
    return cb.toString();
  }

  // ---- encoding ----

  /** YAML documents separated by {@code ---} (none before the first); empty for no resources. */
  public String toYaml(List<? extends Resource> resources) {
    StringBuilder out = new StringBuilder();
    for (Resource r : resources) {
      if (out.length() > 0) {
        out.append("---\n");
      }
      TreeEmitter.yaml(ResourceTreeWriter.toTree(r), out);
    }
    return out.toString();
  }

  /** One YAML document. */
  public String toYaml(Resource r) {
    return toYaml(List.of(r));
  }

  /**
   * As {@code calicoctl get -o json}: one resource prints as an object, any other number of
   * resources as a JSON array of objects ({@code []} for none). Ends with a newline.
   */
  public String toJson(List<? extends Resource> resources) {
    if (resources.size() == 1) {
      return toJson(resources.get(0));
    }
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Resource r : resources) {
      a.add(ResourceTreeWriter.toTree(r));
    }
    StringBuilder out = new StringBuilder();
    TreeEmitter.json(a, 0, out);
    return out.append('\n').toString();
  }

  /** One resource as a JSON object, ending with a newline. */
  public String toJson(Resource r) {
    StringBuilder out = new StringBuilder();
    TreeEmitter.json(ResourceTreeWriter.toTree(r), 0, out);
    return out.append('\n').toString();
  }

  /** The ordered tree that {@link #toYaml} and {@link #toJson} print (a fresh copy). */
  public JsonNode toTree(Resource r) {
    return ResourceTreeWriter.toTree(r);
  }
}
