import { build } from './helpers';
import { VlanOffer } from '../../src';
import { findObject, synthObjects, validationErrors } from '../support/synth';

function poolsOf(vlanIpv4: object, offer: VlanOffer) {
  const built = build({ vlans: [{ id: 100, offer, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1', ...vlanIpv4 } }] });
  // read the pools without synth validation (some cases are invalid on purpose)
  const spec = (name: string) => built.topology.pools.find(p => p.name === name)?.toJson().spec;
  return { built, standalone: spec('vlan100-standalone-v4'), overlay: spec('vlan100-overlay-v4'), errors: validationErrors(built.app) };
}

describe('which IPs each pool gets', () => {
  test('one offer without ips: IpPool derives every host but the gateway', () => {
    const { standalone, overlay, errors } = poolsOf({}, VlanOffer.STANDALONE);
    expect(standalone).toMatchObject({ ips: ['10.100.0.1-10.100.0.254'], excludeIPs: ['10.100.0.1'], gateway: '10.100.0.1' });
    expect(overlay).toBeUndefined();
    expect(errors).toEqual([]);
  });

  test('one offer with ips: passed through; OVERLAY takes overlayIps over ips', () => {
    expect(poolsOf({ ips: ['10.100.0.10-10.100.0.20'] }, VlanOffer.STANDALONE).standalone.ips).toEqual(['10.100.0.10-10.100.0.20']);
    expect(poolsOf({ ips: ['10.100.0.10-10.100.0.20'], overlayIps: ['10.100.0.50'] }, VlanOffer.OVERLAY).overlay.ips).toEqual(['10.100.0.50']);
  });

  test('BOTH without ips: the hosts minus gateway and excludeIps, split in halves (standalone first)', () => {
    const { standalone, overlay, errors } = poolsOf({ excludeIps: ['10.100.0.200-10.100.0.254'] }, VlanOffer.BOTH);
    // 10.100.0.2-10.100.0.199 = 198 addresses
    expect(standalone).toMatchObject({ ips: ['10.100.0.2-10.100.0.100'], excludeIPs: ['10.100.0.200-10.100.0.254'] });
    expect(overlay).toMatchObject({ ips: ['10.100.0.101-10.100.0.199'], excludeIPs: ['10.100.0.200-10.100.0.254'] });
    expect(errors).toEqual([]);
  });

  test('BOTH: a derived split skips the gateway; user-given ips are split as given', () => {
    const { standalone, overlay } = poolsOf({ gateway: '10.100.0.100', ips: ['10.100.0.96-10.100.0.103'] }, VlanOffer.BOTH);
    // user ips are not silently changed: the gateway stays in them, IpPool reports it (see validation tests)
    expect(standalone.ips).toEqual(['10.100.0.96-10.100.0.99']);
    expect(overlay.ips).toEqual(['10.100.0.100-10.100.0.103']);
    const derived = build({ vlans: [{ id: 7, offer: VlanOffer.BOTH, ipv4: { subnet: '10.7.0.0/29', gateway: '10.7.0.3' } }] });
    const objects = synthObjects(derived.chart);
    expect(findObject(objects, 'SpiderIPPool', 'vlan7-standalone-v4').spec.ips).toEqual(['10.7.0.1-10.7.0.2', '10.7.0.4']);
    expect(findObject(objects, 'SpiderIPPool', 'vlan7-overlay-v4').spec.ips).toEqual(['10.7.0.5-10.7.0.6']);
  });

  test('BOTH with ips per offer: used as given; one given: the other gets the rest', () => {
    const both = poolsOf({ standaloneIps: ['10.100.0.10-10.100.0.19'], overlayIps: ['10.100.0.20-10.100.0.29'] }, VlanOffer.BOTH);
    expect([both.standalone.ips, both.overlay.ips]).toEqual([['10.100.0.10-10.100.0.19'], ['10.100.0.20-10.100.0.29']]);
    expect(both.errors).toEqual([]);

    const rest = poolsOf({ ips: ['10.100.0.10-10.100.0.99'], standaloneIps: ['10.100.0.10-10.100.0.19'] }, VlanOffer.BOTH);
    expect(rest.overlay.ips).toEqual(['10.100.0.20-10.100.0.99']);
    const rest2 = poolsOf({ overlayIps: ['10.100.0.128-10.100.0.254'] }, VlanOffer.BOTH);
    expect(rest2.standalone.ips).toEqual(['10.100.0.2-10.100.0.127']);
    expect(rest2.errors).toEqual([]);
  });

  test('BOTH with overlapping ips per offer: Spiderpool\'s same-subnet rule (MV012) reports it once', () => {
    const { errors } = poolsOf({ standaloneIps: ['10.100.0.10-10.100.0.29'], overlayIps: ['10.100.0.20-10.100.0.39'] }, VlanOffer.BOTH);
    // reported on the pool defined later, the one Spiderpool's webhook refuses
    expect(errors).toEqual([expect.stringMatching(/MV012 error: SpiderIPPool "vlan100-overlay-v4" spec\.ips: ips 10\.100\.0\.20-10\.100\.0\.29 are also allocatable in SpiderIPPool "vlan100-standalone-v4"/)]);
  });

  test('IPv6 /64: the default range (65535 addresses, Spiderpool enumerates pools) split in halves', () => {
    const built = build({ vlans: [{ id: 100, offer: VlanOffer.BOTH, ipv6: { subnet: 'fd00:100::/64', gateway: 'fd00:100::1' } }] });
    const objects = synthObjects(built.chart);
    expect(findObject(objects, 'SpiderIPPool', 'vlan100-standalone-v6').spec.ips).toEqual(['fd00:100::2-fd00:100::8000']);
    expect(findObject(objects, 'SpiderIPPool', 'vlan100-overlay-v6').spec.ips).toEqual(['fd00:100::8001-fd00:100::ffff']);
  });
});
