/**
 * DNS-1123 name checks (Kubernetes object and host names) and a helper that suggests a valid name.
 * A label is 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit; a subdomain is
 * dot-separated labels, at most 253 characters.
 */

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Longest DNS-1123 label. */
export const MAX_LABEL_LENGTH = 63;

/** Longest DNS-1123 subdomain. */
export const MAX_SUBDOMAIN_LENGTH = 253;

/** True when `text` is a DNS-1123 label (`homelab-cp-1`). */
export function isDnsLabel(text: string): boolean {
  return typeof text === 'string' && text.length <= MAX_LABEL_LENGTH && LABEL.test(text);
}

/** True when `text` is a DNS-1123 subdomain (`k8s.home.arpa`). */
export function isDnsSubdomain(text: string): boolean {
  return typeof text === 'string' && text.length <= MAX_SUBDOMAIN_LENGTH && text.split('.').every(isDnsLabel);
}

/** True when `text` is a host name label, upper case allowed (RFC 1123; Proxmox node names). */
export function isHostLabel(text: string): boolean {
  return typeof text === 'string' && isDnsLabel(text.toLowerCase());
}

/** The nearest DNS-1123 label to `text`: lower-cased, other characters as '-', trimmed to 63; '' if none is left. */
export function toDnsLabel(text: string): string {
  const lowered = String(text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  return lowered.slice(0, MAX_LABEL_LENGTH).replace(/^-+|-+$/g, '');
}
