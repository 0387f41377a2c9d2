import { lookup } from "node:dns/promises";
import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * Push endpoints come from anonymous visitors: without this guard, "subscribing" with
 * http://127.0.0.1:5432/ or a name that resolves to the office network would make the server
 * send requests there. An endpoint must be https on a host whose every address is public; the
 * send then connects to the address that was checked (a name that resolves differently a second
 * later — DNS rebinding — cannot redirect it). `host:port` pairs in DQ_PUSH_ALLOWED_HOSTS are exempt.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The field issue codes a refused endpoint gets (packages/shared field-issues). */
export type PushEndpointIssue = "pushEndpoint" | "pushEndpointNotPublic" | "pushEndpointUnresolved";

export type PushTarget =
  | { ok: true; url: URL; address: ResolvedAddress | null }
  | { ok: false; issue: PushEndpointIssue; reason: string };

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const NOT_PUBLIC_V4 = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const;

// Only global unicast (2000::/3) is public, minus the special blocks inside it. Everything else —
// ::, ::1, IPv4-compatible, ULA fc00::/7, link-local fe80::/10, multicast ff00::/8 — is outside.
const NOT_PUBLIC_V6 = [
  ["2001::", 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: an IPv4 address inside, possibly a private one
  ["3fff::", 20], // documentation (RFC 9637)
] as const;

const blocked = new BlockList();
for (const [net, prefix] of NOT_PUBLIC_V4) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of NOT_PUBLIC_V6) blocked.addSubnet(net, prefix, "ipv6");
const globalUnicast = new BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");

/** Whether an IP address (v4 or v6 text) is one anybody on the internet could have. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !blocked.check(address, "ipv4");
  if (!isIPv6(address)) return false;
  const mapped = mappedIPv4(address);
  if (mapped) return isPublicAddress(mapped);
  return globalUnicast.check(address, "ipv6") && !blocked.check(address, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d, however written); else null. */
function mappedIPv4(address: string): string | null {
  const groups = expandIPv6(address);
  if (!groups || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return null;
  const [hi, lo] = [groups[6]!, groups[7]!];
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/** Eight 16-bit groups of an IPv6 address (with "::" and a dotted IPv4 tail expanded). */
function expandIPv6(address: string): number[] | null {
  let text = address.toLowerCase().split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const b = dotted[1]!.split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

/**
 * Checks an endpoint and says where to connect: the one checked address (all of the name's
 * addresses must be public; the first is used). Allowed hosts are not resolved here (null address).
 */
export async function resolvePushTarget(
  endpoint: string,
  allowedHosts: readonly string[],
  resolve: Resolver = systemResolver,
): Promise<PushTarget> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { ok: false, issue: "pushEndpoint", reason: "not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, issue: "pushEndpoint", reason: "not an https URL" };
  if (url.username || url.password)
    return { ok: false, issue: "pushEndpoint", reason: "a user name or password in the URL" };
  // The URL parser has already turned 2130706433, 0x7f.1 and the like into dotted IPv4.
  const host = url.hostname.toLowerCase();
  if (allowedHosts.includes(`${host}:${defaultPort(url)}`)) return { ok: true, url, address: null };
  if (url.protocol !== "https:") return { ok: false, issue: "pushEndpoint", reason: "not an https URL" };
  const literal = host.startsWith("[") ? host.slice(1, -1) : host;
  let addresses: ResolvedAddress[];
  if (isIPv4(literal) || isIPv6(literal)) addresses = [{ address: literal, family: isIPv4(literal) ? 4 : 6 }];
  else {
    try {
      addresses = await resolve(literal);
    } catch {
      // Not the visitor's mistake as a rule (the browser chose the push service): the name
      // server may be away for a moment.
      return { ok: false, issue: "pushEndpointUnresolved", reason: "the host name does not resolve" };
    }
  }
  if (addresses.length === 0)
    return { ok: false, issue: "pushEndpointUnresolved", reason: "the host name does not resolve" };
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  if (bad) return { ok: false, issue: "pushEndpointNotPublic", reason: "resolves to a non-public address" };
  return { ok: true, url, address: addresses[0]! };
}

/**
 * The subscribe-time check (POST …/subscriptions with channel webpush): the field issue code for
 * `subscription.endpoint`, or null when the endpoint may be used.
 */
export async function pushEndpointIssue(
  endpoint: string,
  allowedHosts: readonly string[],
  resolve?: Resolver,
): Promise<PushEndpointIssue | null> {
  const target = await resolvePushTarget(endpoint, allowedHosts, resolve);
  return target.ok ? null : target.issue;
}
