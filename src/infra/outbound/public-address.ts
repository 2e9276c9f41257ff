import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an outbound request was not made: the host is not one Hireline calls on a customer's behalf. */
export class RefusedHostError extends Error {
  constructor(readonly host: string, readonly reason: string) {
    super(`${host}: ${reason}`);
    this.name = 'RefusedHostError';
  }
}

/**
 * Only public unicast addresses pass. ipaddr.js names every special range (private, loopback,
 * link-local, unique-local, carrier-grade NAT, multicast, reserved, 6to4 and Teredo, which can
 * tunnel to a private address ...); IPv4-mapped IPv6 is judged as the IPv4 address it carries.
 */
export function specialRangeOf(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : range;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address the host resolves to must be public; returns the first, which the caller connects to. */
export async function resolvePublic(host: string): Promise<ResolvedAddress> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(bare);
  const addresses = literal !== 0
    ? [{ address: bare, family: literal }]
    : await lookup(bare, { all: true, verbatim: true }).catch((err: NodeJS.ErrnoException) => {
      throw new RefusedHostError(host, `it does not resolve (${err.code ?? err.message})`);
    });
  if (addresses.length === 0) throw new RefusedHostError(host, 'it does not resolve');
  for (const { address } of addresses) {
    const range = specialRangeOf(address);
    if (range !== null) throw new RefusedHostError(host, `it resolves to ${address}, a ${range} address`);
  }
  const [first] = addresses;
  if (!first) throw new RefusedHostError(host, 'it does not resolve');
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
