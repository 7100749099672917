import { isIPv4, isIPv6 } from 'node:net';

/** Eight groups of an IPv6 address, in canonical form (the URL parser's), or null. */
function ipv6Groups(address: string): string[] | null {
  let host: string;
  try {
    host = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head = '', tail = ''] = host.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  return host.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
}

/**
 * The key a client address is counted under by every limit and cap: an IPv4
 * address as it is, an IPv6 address by its /64 (which one household or phone
 * usually holds whole, so hopping inside it gains nothing), an IPv4-mapped IPv6
 * address as the IPv4 one. A port a proxy may have added is dropped; anything
 * that is not an address at all shares one key, so it cannot mint buckets.
 */
export function addressKey(clientAddress: string): string {
  let address = clientAddress.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address);
  if (withPort?.[1]) address = withPort[1];
  address = address.replace(/%.*$/, ''); // an IPv6 zone
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) address = mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) {
    const groups = ipv6Groups(address);
    if (groups?.length === 8) {
      // ::ffff:a.b.c.d after canonicalisation is ::ffff:xxxx:yyyy.
      if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
        const [hi, lo] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)];
        return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
      }
      return `${groups.slice(0, 4).join(':')}::/64`;
    }
  }
  return 'invalid';
}
