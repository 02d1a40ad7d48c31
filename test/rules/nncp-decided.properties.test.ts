/**
 * The library's own NodeNetworkConfigurationPolicy says that its owner decides every policy rule from its props
 * (NNCP_RULES_DECIDED), and the linter then does not run the policy rules on the object. The app's validation drops
 * those findings for that object anyway (`decidedFromProps`), so what it reports must be the same with and without
 * the marker, for any policy; and a policy with schema findings (which are reported only where no other finding
 * explains the field) is checked as any other.
 */
import { Chart, Testing } from 'cdk8s';
import fc from 'fast-check';
import { BondMode, Fabric, NodeAddresses, VlanTopology } from '../../src';
import {
  NNCP_MODELS, NNCP_RULES_DECIDED, NODE_NETWORK_POLICY_RULES, NncpModels, addressPolicyOfManifest, carriedNncpModels, checkCrdSchema,
  hostPolicyOfManifest, objectsLinter, withNncpModels,
} from '../../src/rules';
import { ValidationEngine } from '../../src/validation/engine';

type Found = { index: number; rule: string; field: string; message: string; fix: string };

/** Every finding of the objects linted together (the linter the app's validation runs). */
function lintObjects(objects: readonly object[]): Found[] {
  const linter = objectsLinter({}, false);
  for (const o of objects) linter.add(o);
  return linter.finish().withFindings.flatMap(r => r.findings.map(f => (
    { index: r.index, rule: f.rule, field: f.field, message: f.message, fix: f.fix })));
}

const POLICY_RULE_IDS = new Set(NODE_NETWORK_POLICY_RULES.map(r => r.id));
/** What the app's validation keeps of an object whose owner decides the policy rules. */
const reported = (found: Found[]) => found.filter(f => !POLICY_RULE_IDS.has(f.rule));

function marked<T extends object>(obj: T, value: unknown = NODE_NETWORK_POLICY_RULES): T {
  return Object.defineProperty({ ...obj }, NNCP_RULES_DECIDED, { value });
}

const ifName = fc.constantFrom('bond0', 'bond0.100', 'bond0.4095', 'ens224', 'a-name-longer-than-15', '', 'bond1');
const anyValue = fc.constantFrom<unknown>(undefined, null, 5, 'x', -1, [], {}, true);
const iface = fc.oneof(
  fc.record({
    'name': ifName,
    'type': fc.constantFrom('bond', 'ethernet', 7),
    'state': fc.constantFrom('up', 'absent', 'down'),
    'mtu': fc.constantFrom(1500, 9000, 100, 70000, 'x'),
    'link-aggregation': fc.record({
      mode: fc.constantFrom('active-backup', '802.3ad', 'balance-xor', 'bogus', 3),
      port: fc.oneof(fc.array(ifName, { maxLength: 3 }), anyValue),
      slaves: fc.array(ifName, { maxLength: 2 }),
      options: fc.dictionary(fc.constantFrom('miimon', 'lacp_rate', 'primary', 'xmit_hash_policy', 'arp_interval', 'bogus'),
        fc.constantFrom<unknown>('100', 100, 'fast', 'layer2', 'ens224', -1, 'x')),
    }, { requiredKeys: [] }),
  }, { requiredKeys: [] }),
  fc.record({
    name: ifName,
    type: fc.constant('vlan'),
    state: fc.constantFrom('up', 'absent'),
    mtu: fc.constantFrom(1500, 9000, 9500, -5),
    vlan: fc.record({
      'base-iface': fc.oneof(ifName, anyValue),
      'id': fc.constantFrom<unknown>(100, 0, 4095, 1.5, '100', 100),
      'reorder-headers': fc.constantFrom<unknown>(true, false, 'yes'),
    }, { requiredKeys: [] }),
    // (a static address inside MODEL_READERS' pool: an address conflict that only the policy's address model shows)
    ipv4: fc.constantFrom<unknown>({ enabled: false }, { enabled: true, dhcp: true }, 'x', { enabled: true, address: [{ 'ip': '10.9.0.15', 'prefix-length': 24 }] }),
  }, { requiredKeys: [] }),
  anyValue,
);

const policy = fc.record({
  name: fc.constantFrom('bond0-vlans', 'Bad_Name', 'a'.repeat(260)),
  spec: fc.record({
    nodeSelector: fc.oneof(fc.dictionary(fc.constantFrom('rack', 'kubernetes.io/hostname'), fc.constantFrom<unknown>('r1', '', null, 5)), anyValue),
    maxUnavailable: fc.constantFrom<unknown>('50%', 3, 'x', -1, []),
    desiredState: fc.oneof(
      { weight: 5, arbitrary: fc.record({ interfaces: fc.oneof({ weight: 5, arbitrary: fc.array(iface, { maxLength: 6 }) }, anyValue, fc.constant('{{ capture.x.interfaces }}')) }) },
      anyValue),
    // (fields the CRD schema refuses, for schema findings: reported only where no other finding explains the field)
    bogus: fc.constantFrom<unknown>(undefined, 1),
    capture: fc.constantFrom<unknown>(undefined, { x: 'interfaces.name == "bond0"' }, 7),
  }, { requiredKeys: ['desiredState'] }),
  apiVersion: fc.constantFrom('nmstate.io/v1', 'nmstate.io/v1beta1'),
}).map(p => ({ apiVersion: p.apiVersion, kind: 'NodeNetworkConfigurationPolicy', metadata: { name: p.name }, spec: p.spec }));

/** A policy bringing up bond0.100 with VLAN id `id` on bond0. */
function vlanPolicy(id: number) {
  return {
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name: 'bond0-vlans' },
    spec: { desiredState: { interfaces: [{ name: 'bond0.100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', 'id': id } }] } },
  };
}

describe('NNCP_RULES_DECIDED (the owner decides the policy rules)', () => {
  test('what the app reports of a marked policy is what it reports of the same policy unmarked (with other objects around)', () => {
    fc.assert(fc.property(policy, fc.boolean(), (p, twice) => {
      const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
      const plainSet = twice ? [p, other, p] : [other, p];
      const markedSet = plainSet.map(o => (o === p ? marked(p) : o));
      const general = lintObjects(plainSet);
      const shortcut = lintObjects(markedSet);
      expect(reported(shortcut)).toEqual(reported(general));
      // (only policy rules are left out, and only from policies without schema findings)
      // (a schema finding may be explained away by a policy finding: the policy is then checked as any other)
      if (checkCrdSchema(p).length > 0) expect(shortcut).toEqual(general);
      else expect(shortcut).toEqual(general.filter(f => plainSet[f.index] !== p || !POLICY_RULE_IDS.has(f.rule)));
    }), { numRuns: 300 });
  });

  test('a marker that is not the very list of decided rules, or a schema finding, takes the general path', () => {
    const p = vlanPolicy(4095);
    const general = lintObjects([p]).map(f => f.rule);
    expect(general).toContain('MV026');
    expect(lintObjects([marked(p)]).map(f => f.rule)).not.toContain('MV026');
    expect(lintObjects([marked(p, [...NODE_NETWORK_POLICY_RULES])]).map(f => f.rule)).toEqual(general);
    expect(lintObjects([marked(p, true)]).map(f => f.rule)).toEqual(general);
    const withSchema = { ...p, spec: { ...p.spec, bogus: 1 } };
    const schemaGeneral = lintObjects([withSchema]);
    expect(schemaGeneral.map(f => f.rule)).toEqual(expect.arrayContaining(['MV026', 'MV160']));
    expect(lintObjects([marked(withSchema)])).toEqual(schemaGeneral);
  });

  test('the topologies mark their policies, non-enumerable, and register the same rules as decided from their props', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const bond = { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP };
    new VlanTopology(chart, 't', { bond, vlans: [{ id: 100, ipv4: { subnet: '10.1.0.0/24', gateway: '10.1.0.1' } }] });
    new Fabric(chart, 'f', {
      bond: { ...bond, name: 'bond1' },
      vlans: [{ id: 200 }],
      racks: [{ name: 'r1', nodeSelector: { rack: 'r1' }, vlans: [{ id: 200, ipv4: { subnet: '10.2.0.0/24', gateway: '10.2.0.1' } }] }],
    });
    const registered = (ValidationEngine.of(app) as unknown as { objects: Array<{ decidedFromProps?: unknown; object(): any }> }).objects
      .filter(o => o.object().kind === 'NodeNetworkConfigurationPolicy');
    expect(registered.length).toBe(2);
    for (const o of registered) {
      const obj = o.object();
      expect(obj[NNCP_RULES_DECIDED]).toBe(NODE_NETWORK_POLICY_RULES);
      expect(o.decidedFromProps).toBe(NODE_NETWORK_POLICY_RULES);
      expect(Object.getOwnPropertyDescriptor(obj, NNCP_RULES_DECIDED)?.enumerable).toBe(false);
      expect(JSON.parse(JSON.stringify(obj))).toEqual({ ...obj });
    }
    app.synth();
  });
});

/**
 * Objects whose findings depend on a policy's workload and address models: another policy naming VLAN 100 of bond0
 * otherwise (MV176), a network on bond0.100 with a pool, a workload attaching it off the policies' nodes (MV172)
 * and node addresses inside that pool's range (the address conflicts).
 */
const MODEL_READERS: readonly object[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
  {
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name: 'other' },
    spec: {
      nodeSelector: { rack: 'r1' },
      desiredState: {
        interfaces: [
          { name: 'vlan100', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', 'id': 100 } },
          { name: 'bond0.200', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', 'id': 200 }, ipv4: { enabled: true, address: [{ 'ip': '10.9.0.20', 'prefix-length': 24 }] } },
        ],
      },
    },
  },
  {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: 'net', namespace: 'default' },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: 'net', plugins: [{ type: 'macvlan', master: 'bond0.100', mode: 'bridge', ipam: { type: 'spiderpool', default_ipv4_ippool: ['p'] } }] }) },
  },
  {
    apiVersion: 'spiderpool.spidernet.io/v2beta1',
    kind: 'SpiderIPPool',
    metadata: { name: 'p' },
    spec: { subnet: '10.9.0.0/24', ips: ['10.9.0.10-10.9.0.30'], gateway: '10.9.0.1', multusName: ['default/net'] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      template: {
        metadata: { annotations: { 'k8s.v1.cni.cncf.io/networks': 'default/net@net1' } },
        spec: { nodeSelector: { rack: 'r2' }, containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  },
];

describe('NNCP_MODELS (the library\'s policy carries its workload and address models)', () => {
  test('linting a policy that carries its models gives what linting it without them gives, on every pass (property)', () => {
    fc.assert(fc.property(policy, fc.boolean(), fc.boolean(), (p, decided, twice) => {
      const base = decided ? marked(p) : { ...p };
      const withModels = withNncpModels({ ...base });
      if (decided) Object.defineProperty(withModels, NNCP_RULES_DECIDED, { value: NODE_NETWORK_POLICY_RULES });
      expect(carriedNncpModels(withModels)).toBeInstanceOf(NncpModels);
      const plainSet = twice ? [base, ...MODEL_READERS, base] : [...MODEL_READERS, base];
      const carriedSet = plainSet.map(o => (o === base ? withModels : o));
      const general = lintObjects(plainSet);
      expect(lintObjects(carriedSet)).toEqual(general);
      // (a second pass over the same objects shares the models: nothing of the first pass is left in them)
      expect(lintObjects(carriedSet)).toEqual(general);
    }), { numRuns: 300 });
  });

  test('models are used only with the spec they were made from, and only the library\'s own class counts', () => {
    const p = vlanPolicy(100);
    const made = withNncpModels({ ...p });
    const other = { ...p, spec: { desiredState: { interfaces: [{ name: 'bond0.200', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond0', 'id': 200 } }] } } };
    const swapped = Object.defineProperty({ ...other }, NNCP_MODELS, { value: (made as any)[NNCP_MODELS] });
    expect(carriedNncpModels(swapped)).toBeUndefined();
    const forged = Object.defineProperty({ ...other }, NNCP_MODELS, { value: { spec: other.spec, host: { name: 'x', nodeSelector: {}, interfaces: [] }, addresses: {} } });
    expect(carriedNncpModels(forged)).toBeUndefined();
    expect(lintObjects([swapped])).toEqual(lintObjects([other]));
    expect(lintObjects([forged])).toEqual(lintObjects([other]));
  });

  test('the topologies\' policies carry, non-enumerable, the models of the object as manifests have it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const bond = { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP };
    new VlanTopology(chart, 't', {
      bond,
      vlans: [
        { id: 100, ipv4: { subnet: '10.1.0.0/24', gateway: '10.1.0.1' } },
        { id: 101, ipv6: { subnet: 'fd00:1::/64', gateway: 'fd00:1::1', nodeAddresses: NodeAddresses.perNode({ 'n-b': 'fd00:1::12', 'n-a': 'fd00:1::11' }) } },
      ],
    });
    new Fabric(chart, 'f', {
      bond: { ...bond, name: 'bond1' },
      vlans: [{ id: 200 }, { id: 201 }],
      racks: [{ name: 'r1', nodeSelector: { rack: 'r1' }, vlans: [{ id: 200, ipv4: { subnet: '10.2.0.0/24', gateway: '10.2.0.1' } }, { id: 201, ipv4: { subnet: '10.3.0.0/24', gateway: '10.3.0.1' } }] }],
    });
    const objects = (ValidationEngine.of(app) as unknown as { objects: Array<{ object(): any }> }).objects.map(o => o.object())
      .filter(o => o.kind === 'NodeNetworkConfigurationPolicy');
    expect(objects.length).toBe(3);
    for (const obj of objects) {
      const models = carriedNncpModels(obj)!;
      expect(models).toBeInstanceOf(NncpModels);
      expect(Object.getOwnPropertyDescriptor(obj, NNCP_MODELS)?.enumerable).toBe(false);
      const manifest = JSON.parse(JSON.stringify(obj));
      expect(carriedNncpModels(manifest)).toBeUndefined();
      expect(models.host).toStrictEqual(hostPolicyOfManifest(manifest));
      expect(models.host.interfaces.map(i => i.field)).toEqual(hostPolicyOfManifest(manifest).interfaces.map(i => i.field));
      expect(models.addresses).toStrictEqual(addressPolicyOfManifest(manifest));
    }
    expect(objects.filter(o => carriedNncpModels(o)!.addresses.addresses.length > 0).length).toBe(2);
  });
});
