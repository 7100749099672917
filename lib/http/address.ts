import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is counted under by every limit and cap: an IPv4
 * address as it is, an IPv6 address by its /64 (which one household or phone
 * usually holds whole, so hopping inside it gains nothing), an IPv4-mapped IPv6
 * address as the IPv4 one.
 */
export function addressKey(clientAddress: string): string {
  let address = clientAddress.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) address = mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) {
    const [head = '', tail = ''] = address.replace(/%.*$/, '').split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = address.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    return `${groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::/64`;
  }
  return address.slice(0, 100) || 'unknown';
}
