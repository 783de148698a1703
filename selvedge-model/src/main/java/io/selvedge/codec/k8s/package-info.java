/**
 * Kubernetes {@code networking.k8s.io/v1} NetworkPolicy as input: strict records
 * ({@link io.selvedge.codec.k8s.K8sNetworkPolicy}) and the conversion Calico applies to them
 * ({@link io.selvedge.codec.k8s.K8sNetworkPolicyConverter}). The codec decodes and converts such
 * documents transparently; use these types directly only to convert policies read elsewhere.
 */
package io.selvedge.codec.k8s;
