/**
 * The strict YAML/JSON codec: the one place where user text becomes model records and records
 * become text. {@link io.selvedge.codec.ResourceCodec} is the entry point; it states what
 * decoding rejects and what it leaves to the validator.
 *
 * <p>How it works: {@code YamlTreeReader} (SnakeYAML events, never its object constructor) and
 * {@code JsonTreeReader} (Jackson streaming) turn text into one {@code JsonNode} tree per
 * document, with a line table beside it and with the safety limits applied;
 * {@code ResourceBinder} binds a tree to the records of {@code io.selvedge.model} using their
 * record components, collecting every problem with its path; {@code ResourceTreeWriter} and
 * {@code TreeEmitter} write records back in Calico's field order. Kubernetes NetworkPolicy is
 * read into {@link io.selvedge.codec.k8s.K8sNetworkPolicy} and converted by
 * {@link io.selvedge.codec.k8s.K8sNetworkPolicyConverter}.
 *
 * <p>Null policy: public methods take non-null arguments (a null text decodes to nothing);
 * results and their lists are never null. {@link io.selvedge.codec.DecodeProblem#kindAndName()}
 * is null when a document has no usable kind. Everything public is immutable and thread-safe.
 */
package io.selvedge.codec;
