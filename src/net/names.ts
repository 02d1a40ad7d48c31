/**
 * Name and identifier checks. Each check returns `undefined` when the value is
 * valid, otherwise a short sentence describing the problem; the caller prefixes
 * the object name and suggests the fix.
 */

const IFNAMSIZ_MAX = 15;
const LABEL_MAX = 63;
const SUBDOMAIN_MAX = 253;
const HEX_PAIR = /^[0-9a-fA-F]{2}$/;

/** UTF-8 byte length of a string (lone surrogates count as 3 bytes, like U+FFFD). */
export function byteLength(s: string): number {
  let bytes = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Linux network interface name: 1-15 bytes of UTF-8, not "." or "..", and no
 * "/", ":", NUL or whitespace (any Unicode whitespace).
 */
export function checkInterfaceName(name: string): string | undefined {
  if (name.length === 0) return 'is empty; Linux interface names must be 1-15 bytes long';
  const bytes = byteLength(name);
  if (bytes > IFNAMSIZ_MAX) return `is ${bytes} bytes long; Linux interface names are at most ${IFNAMSIZ_MAX} bytes`;
  if (name === '.' || name === '..') return `is ${JSON.stringify(name)}, which Linux does not allow as an interface name`;
  if (name.includes('/')) return 'contains "/", which Linux does not allow in interface names';
  if (name.includes(':')) return 'contains ":", which Linux does not allow in interface names (it marks legacy aliases)';
  if (/\s/u.test(name)) return 'contains whitespace, which Linux does not allow in interface names';
  if (name.includes('\0')) return 'contains a NUL character, which Linux does not allow in interface names';
  return undefined;
}

/** RFC 1123 label as used by Kubernetes: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
export function checkDns1123Label(name: string): string | undefined {
  const what = 'a DNS-1123 label';
  if (name.length === 0) return `is empty; ${what} must be 1-${LABEL_MAX} characters`;
  if (name.length > LABEL_MAX) return `is ${name.length} characters long; ${what} is at most ${LABEL_MAX} characters`;
  return checkLabelChars(name, what);
}

/** Kubernetes' DNS-1123 subdomain: dot-separated parts of label characters, at most 253 characters in total. */
export function checkDns1123Subdomain(name: string): string | undefined {
  const what = 'a DNS-1123 subdomain';
  if (name.length === 0) return `is empty; ${what} must be 1-${SUBDOMAIN_MAX} characters`;
  if (name.length > SUBDOMAIN_MAX) return `is ${name.length} characters long; ${what} is at most ${SUBDOMAIN_MAX} characters`;
  if (VALID_SUBDOMAIN.test(name)) return undefined; // the common case, without splitting the name into parts
  // Kubernetes' IsDNS1123Subdomain: only the total length is limited, not each dot-separated part.
  const labels = name.split('.');
  for (let i = 0; i < labels.length; i++) {
    const part = labels[i];
    const problem = part.length === 0 ? 'is empty; each dot-separated part must have 1 or more characters' : checkLabelChars(part, 'each dot-separated part');
    if (problem !== undefined) return `has part ${i + 1} ${JSON.stringify(part)} which ${problem}`;
  }
  return undefined;
}

/**
 * Whether `ref` is "namespace/name" with a DNS-1123 label namespace and a DNS-1123 subdomain name (exactly what
 * {@link checkDns1123Label} and {@link checkDns1123Subdomain} pass for the two parts), in one pass over the text.
 */
export function isNamespacedName(ref: string): boolean {
  if (!VALID_NAMESPACED.test(ref)) return false;
  const slash = ref.indexOf('/');
  return slash <= LABEL_MAX && ref.length - slash - 1 <= SUBDOMAIN_MAX;
}

/** MAC address: six two-digit hex octets separated by ":" (either case), e.g. 02:42:ac:11:00:02. */
export function checkMacAddress(mac: string): string | undefined {
  const expected = 'expected six two-digit hex octets separated by ":", e.g. 02:42:ac:11:00:02';
  const octets = mac.split(':');
  if (octets.length !== 6) return `has ${octets.length} ":"-separated parts; ${expected}`;
  const bad = octets.findIndex((o) => !HEX_PAIR.test(o));
  if (bad >= 0) return `has octet ${bad + 1} ${JSON.stringify(octets[bad])} which is not two hex digits; ${expected}`;
  return undefined;
}

/**
 * Unicast MAC prefix: 1-5 two-digit hex octets separated by ":" (e.g. "0a:1b")
 * whose first octet has its least significant (group) bit clear.
 */
export function checkUnicastMacPrefix(prefix: string): string | undefined {
  // Spiderpool's coordinator takes exactly two octets (the other four come from the pod's IP).
  const expected = 'expected two two-digit hex octets separated by ":", e.g. 0a:1b';
  const octets = prefix.split(':');
  if (octets.length !== 2) return `has ${octets.length} ":"-separated part${octets.length === 1 ? '' : 's'}; ${expected}`;
  const bad = octets.findIndex((o) => !HEX_PAIR.test(o));
  if (bad >= 0) {
    const what = octets[bad].length === 0 ? 'which is empty' : 'which is not two hex digits';
    return `has octet ${bad + 1} ${JSON.stringify(octets[bad])} ${what}; ${expected}`;
  }
  if (parseInt(octets[0], 16) % 2 === 1) {
    return `has first octet ${JSON.stringify(octets[0])} with the multicast (group) bit set; the first octet of a unicast prefix must be even, e.g. 02 or 0a`;
  }
  return undefined;
}

/** A label that passes every character rule below. */
const VALID_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Dot-separated labels of that form (the length is checked apart). */
const VALID_SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/** A label, "/", then dot-separated labels (the lengths are checked apart). */
const VALID_NAMESPACED = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

/** Shared character rules for a label whose length is already checked. */
function checkLabelChars(name: string, what: string): string | undefined {
  if (VALID_LABEL.test(name)) return undefined; // the common case, without splitting the name into characters
  const badIndex = [...name].findIndex((c) => !/^[a-z0-9-]$/.test(c));
  if (badIndex >= 0) {
    const c = [...name][badIndex];
    const hint = /^[A-Z]$/.test(c) ? ' (upper-case letters are not allowed)' : '';
    return `contains ${JSON.stringify(c)} at position ${badIndex + 1}${hint}; ${what} may only contain lower-case letters a-z, digits 0-9 and "-"`;
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    const where = name.startsWith('-') ? 'starts' : 'ends';
    return `${where} with "-"; ${what} must start and end with a lower-case letter or digit`;
  }
  return undefined;
}
