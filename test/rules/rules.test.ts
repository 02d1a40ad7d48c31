import { ADDRESS_RULE_IDS, NMSTATE_RULE_IDS, WORKLOAD_RULE_IDS, lines, lintYaml, ruleIds } from './helpers';
import { RULES } from '../../src/rules';

/** Each rule, triggered from YAML through the linter, with the message (object, field, fix) it prints. */
const CASES: Array<[string, RegExp]> = [
  ['MV001', /^MV001 error SpiderIPPool vlan6-v4 spec\.subnet: "10\.6\.0\.1\/16" has host bits set.*Fix: write "10\.6\.0\.0\/16"$/m],
  ['MV002', /^MV002 error SpiderIPPool vlan100-v4 spec\.ips\[0\]: "172\.16\.101\.10-172\.16\.101\.20" is not inside subnet 172\.16\.100\.0\/24\. Fix: keep it within/m],
  ['MV003', /^MV003 error SpiderIPPool vlan100-v4 spec\.excludeIPs\[0\]: "192\.168\.0\.1" is not inside subnet/m],
  ['MV004', /^MV004 error SpiderIPPool vlan100-v4 spec\.gateway: gateway 172\.16\.200\.1 is outside subnet 172\.16\.100\.0\/24\. Fix: use the router address/m],
  ['MV005', /^MV005 error SpiderIPPool vlan100-v4 spec\.gateway: gateway 172\.16\.100\.1 is inside ips.*Fix: add "172\.16\.100\.1" to excludeIPs/m],
  ['MV006', /^MV006 error SpiderIPPool vlan100-v4 spec\.routes\[0\]\.dst: "0\.0\.0\.0\/0" is a default route/m],
  ['MV007', /^MV007 error SpiderIPPool vlan100-v4 spec\.routes\[1\]\.dst: destination 10\.7\.0\.0\/16 is already routed by spec\.routes\[0\]/m],
  ['MV008', /^MV008 error SpiderIPPool vlan100-v4 spec\.routes\[0\]\.gw: next hop 10\.9\.0\.1 is outside subnet/m],
  ['MV009', /^MV009 error SpiderIPPool vlan100-v4 spec\.ipVersion: ipVersion is 6 but subnet 172\.16\.100\.0\/24 is IPv4\. Fix: set ipVersion to 4$/m],
  ['MV010', /^MV010 error SpiderIPPool Vlan_100 metadata\.name: "Vlan_100" .*Fix: use lower-case letters/m],
  ['MV011', /^MV011 error SpiderIPPool vlan100-b spec\.subnet: subnet 10\.0\.5\.0\/24 overlaps subnet 10\.0\.0\.0\/16 of SpiderIPPool "vlan100-a"/m],
  ['MV012', /^MV012 error SpiderIPPool vlan100-b spec\.ips: ips 10\.0\.0\.15-10\.0\.0\.20 are also allocatable in SpiderIPPool "vlan100-a"/m],
  ['MV013', /^MV013 error NetworkAttachmentDefinition macvlan_vlan100 metadata\.name: "macvlan_vlan100" \(the NetworkAttachmentDefinition name\) has part 1 .* so the API server refuses it\. Fix: use lower-case letters, digits and "-" only/m],
  ['MV014', /^MV014 error NetworkAttachmentDefinition macvlan-vlan100 spec\.config: is not valid JSON/m],
  ['MV015', /^MV015 error NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.plugins\[0\]\.master: master "enp175s0f0np0\.100" is 17 bytes long/m],
  ['MV016', /^MV016 error NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.plugins\[0\]\.mtu: mtu -1 is not a non-negative integer/m],
  ['MV017', /^MV017 error NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.plugins\[0\]\.mode: mode "Bridge" is not a macvlan mode\. Fix: use one of bridge, private, vepa, passthru/m],
  ['MV018', /^MV018 error Pod app metadata\.annotations\[k8s\.v1\.cni\.cncf\.io\/networks\]\[0\]\.interface: interface "storage-network0" is 16 bytes long/m],
  ['MV019', /^MV019 error Pod app interface "eth0" of kube-system\/macvlan-standalone: interface name "eth0" is already used by kube-system\/macvlan-standalone/m],
  ['MV020', /^MV020 error Pod app interface "eth0" of kube-system\/macvlan-vlan100: the NIC uses Spiderpool IPAM but neither the network nor the pod selects an IP pool/m],
  ['MV021', /^MV021 error Pod app default network kube-system\/macvlan-overlay: an overlay macvlan network would replace the cluster CNI on eth0/m],
  ['MV022', /^MV022 error Pod app networks: standalone network\(s\) kube-system\/macvlan-standalone and overlay network\(s\) kube-system\/macvlan-overlay are attached to one pod/m],
  ['MV023', /^MV023 error SpiderIPPool vlan100-v4 spec\.ips: every address in ips is excluded by excludeIPs/m],
  ['MV024', /^MV024 error Pod app metadata\.annotations\[k8s\.v1\.cni\.cncf\.io\/networks\]\[0\]\.name: name "Macvlan_Overlay" in "kube-system\/Macvlan_Overlay" contains "M"/m],
  ['MV025', /^MV025 error NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.plugins\[0\]\.ipam\.default_ipv4_ippool: pool "vlan100-v6" is IPv6 but is listed as an IPv4 default pool/m],
  ['MV050', /^MV050 error SpiderIPPool vlan100-v4 spec\.podAffinity: podAffinity is present but selects nothing.*Fix: give it matchLabels or matchExpressions/m],
  ['MV051', /^MV051 warning SpiderIPPool vlan100-v4 spec\.multusName\[0\]: "macvlan-vlan100" has no namespace.*Fix: write "<namespace>\/macvlan-vlan100"/m],
  ['MV052', /^MV052 error SpiderIPPool vlan100-v4 spec\.vlan: spec\.vlan was removed in Spiderpool v1\.0/m],
  ['MV053', /^MV053 error SpiderMultusConfig macvlan-vlan100 spec\.macvlan\.master: 2 masters are listed but there is no bond.*Fix: add spec\.macvlan\.bond/m],
  ['MV054', /^MV054 error SpiderMultusConfig macvlan-vlan100 spec\.macvlan\.bond\.mode: bond mode 7 is not an integer 0-6/m],
  ['MV055', /^MV055 error SpiderMultusConfig macvlan-vlan100 spec\.macvlan\.vlanID: vlanID 4095 is not an integer 0-4094/m],
  ['MV056', /^MV056 error SpiderMultusConfig macvlan-vlan100 spec\.coordinator\.mode: mode "disabled" is not a coordinator mode\. Fix: set spec\.enableCoordinator: false/m],
  ['MV057', /^MV057 error SpiderMultusConfig macvlan-vlan100 spec\.chainCNIJsonData\[0\]: the chained plugin config has no "type"/m],
  ['MV058', /^MV058 error SpiderMultusConfig macvlan-vlan100 spec\.ipvlan: a cniType macvlan SpiderMultusConfig also carries a ipvlan block/m],
  ['MV059', /^MV059 error Pod app metadata\.annotations\[k8s\.v1\.cni\.cncf\.io\/networks\]: looks like JSON .* does not parse.*no trailing commas/m],
  ['MV060', /^MV060 error Pod app .*\[0\]\.name: name "kube-system\/macvlan-overlay" is not split at "\/".*Fix: write "name": "macvlan-overlay", "namespace": "kube-system"$/m],
  ['MV061', /^MV061 error Pod app .*\[0\]\.ips: ips "172\.16\.100\.50\/24" is not a JSON array.*Fix: write "ips": \["172\.16\.100\.50\/24"\]$/m],
  ['MV062', /^MV062 error Pod app .*\[0\]\.mac: mac "02-42-ac-11-00-02" has 1 ":"-separated parts/m],
  ['MV063', /^MV063 error Pod app metadata\.annotations\[v1\.multus-cni\.io\/default-network\]: names 2 networks/m],
  ['MV064', /^MV064 warning Pod app metadata\.annotations\[v1\.multus-cni\.io\/default-network\]: "macvlan-standalone" has no namespace, so Multus looks it up in its own namespace \(kube-system\)/m],
  ['MV065', /^MV065 error Pod app metadata\.annotations\[ipam\.spidernet\.io\/ippools\]: is not a JSON array \(Spiderpool refuses the annotation\)\. Fix: wrap the object in brackets/m],
  ['MV066', /^MV066 error Pod app metadata\.annotations\[ipam\.spidernet\.io\/ippools\]\[1\]\.interface: interface "eth0" is listed more than once/m],
  ['MV067', /^MV067 error Pod app metadata\.annotations\[ipam\.spidernet\.io\/ippools\]: Spiderpool NIC "net1" \(kube-system\/macvlan-standalone\) is not listed/m],
  ['MV068', /^MV068 error Pod app metadata\.annotations\[v1\.multus-cni\.io\/default-network\]: network default\/macvlan-standalone is not defined/m],
  ['MV069', /^MV069 error Pod app interface "eth0" of kube-system\/macvlan-standalone: pool "vlan100-v4" only serves kube-system\/macvlan-other \(its multusName\)/m],
  ['MV070', /^MV070 error Pod app networks: 2 IPv4 default-route gateways: 172\.16\.100\.1 \(net1\), 172\.16\.100\.254 \(net2\)/m],
  ['MV071', /^MV071 warning NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.plugins\[0\]\.ipam\.type: host-local keeps its allocations per node/m],
  ['MV072', /^MV072 warning Pod app default network kube-system\/macvlan-vlan100: eth0 is macvlan without a coordinator/m],
  ['MV073', /^MV073 warning NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.ipam: the macvlan plugin has no ipam/m],
  ['MV074', /^MV074 warning NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.cniVersion: cniVersion is not set/m],
  ['MV075', /^MV075 warning Pod app .*\[0\]\.ips: kube-system\/macvlan-overlay's plugin does not declare "capabilities": \{"ips": true\}/m],
  ['MV076', /^MV076 error NetworkAttachmentDefinition macvlan-vlan100 spec\.config\.plugins\[0\]\.ipam\.addresses\[0\]\.address: address "172\.16\.100\.50" is not an IP in CIDR form/m],
  ['MV077', /^MV077 warning Pod app metadata\.annotations\[k8s\.v1\.cni\.cncf\.io\/network-status\]: the network status is Multus output/m],
  ['MV078', /^MV078 error Pod app interface "net1" of kube-system\/macvlan-standalone: .* runs the coordinator in underlay mode, but eth0 is the cluster CNI/m],
  ['MV090', /^MV090 error Pod app interface "net2" of kube-system\/macvlan-overlay: master ens195 already carries "net1" \(kube-system\/macvlan-passthru\) and a passthru macvlan takes the master for itself/m],
  ['MV094', /^MV094 error Pod app .*: kube-system\/macvlan-static has static IPAM without fixed addresses, so NIC "net1" gets no address unless the pod requests one/m],
  ['MV099', /^MV099 error Pod app metadata\.annotations\[v1\.multus-cni\.io\/default-network\]\.ips: ips \["172\.16\.100\.50\/24"\] is ignored: Multus applies a per-pod "ips" to additional networks only, never to the default network\. Fix: give the default network its addresses/m],
  ['MV095', /^MV095 error SpiderIPPool vlan100-v6 spec\.ips: the pool holds \d+ addresses; Spiderpool lists every address of a pool/m],
  ['MV150', /^MV150 error \(not an object\) \(no name\) \(document\): the string "vlan100" is not a Kubernetes object, so kubectl rejects the file\. Fix: write an object/m],
  ['MV151', /^MV151 error NetworkAttachmentDefinition macvlan-vlan100 metadata\.namespace: metadata\.namespace is the number 100, not a string, so kubectl rejects the object\. Fix: quote it: namespace: "100"$/m],
  ['MV097', /^MV097 error SpiderIPPool vlan100-v4 metadata\.name: SpiderIPPool "vlan100-v4" is also defined by document 1 \(SpiderIPPool\)/m],
  ['MV160', /^MV160 error SpiderIPPool vlan100-v4 spec\.excludeIps: unknown field "excludeIps" \(did you mean "excludeIPs"\?\): not in schema spiderippools\.spiderpool\.spidernet\.io v2beta1 #\/properties\/spec\/properties, so kubectl .*refuses.*Fix: rename "excludeIps" to "excludeIPs"$/m],
  ['MV110', /^MV110 error Pod app metadata\.annotations\[ipam\.spidernet\.io\/ippools\]\[0\]\.ipv4: pool "vlan101-v4" is not defined by any SpiderIPPool in the manifests \(Spiderpool fails the pod's IP allocation unless the cluster has it\)/m],
  ['MV111', /^MV111 error Pod app metadata\.annotations\[ipam\.spidernet\.io\/ippools\]\[0\]\.ipv4: pool "vlan100-v4" is selected twice for one NIC \(after wildcard expansion\)/m],
  ['MV112', /^MV112 warning SpiderIPPool vlan100-v4 spec\.ips: every address in ips is excluded by excludeIPs; no network or pod of the manifests selects it/m],
  ['MV113', /^MV113 error SpiderMultusConfig macvlan-vlan100 metadata\.annotations\[multus\.spidernet\.io\/cni-version\]: cni-version "0\.5\.0" is not one Spiderpool supports/m],
  ['MV114', /^MV114 error SpiderMultusConfig macvlan-vlan100 spec\.macvlan\.ippools\.matchMasterSubnet: Spiderpool's webhook refuses matchMasterSubnet for macvlan/m],
  ['MV115', /^MV115 error SpiderIPPool vlan100-v4 spec\.podAffinity\.matchExpressions\[0\]\.values: operator In needs at least one value \(Spiderpool's webhook refuses the pool\)/m],
  ['MV116', /^MV116 warning Pod app metadata\.annotations\[ipam\.spidernet\.io\/ippools\]\[0\]\.IPv4: Spiderpool reads "IPv4" as "ipv4"/m],
  ['MV117', /^MV117 warning Pod app metadata\.annotations\[v1\.multus-cni\.io\/default-network\]: NIC "eth0" of dual-stack kube-system\/macvlan-dual selects only IPv4 pools, so it gets no IPv6 address \(Spiderpool accepts this\)/m],
  ['MV118', /^MV118 warning NetworkAttachmentDefinition macvlan\.vlan100 metadata\.name: "macvlan\.vlan100" .*the API server accepts it, but Multus' short form/m],
  ['MV119', /^MV119 warning SpiderMultusConfig macvlan-vlan100 spec\.macvlan\.master\[0\]: master is empty, so the plugin uses the node's default-route interface/m],
  ['MV120', /^MV120 warning NetworkAttachmentDefinition macvlan-standalone spec\.config: the NAD has no spec, so Multus reads a CNI config named "macvlan-standalone"/m],
  ['MV121', /^MV121 error NetworkAttachmentDefinition macvlan-l2 spec\.config\.plugins\[1\]\.type: the coordinator runs on a NIC without IPAM/m],
  ['MV122', /^MV122 warning SpiderIPPool vlan100-v4 spec\.ips\[0\]: "::ffff:172\.16\.100\.10" is an IPv4-mapped IPv6 spelling; Spiderpool reads it as 172\.16\.100\.10/m],
  ['MV123', /^MV123 warning SpiderIPPool vlan100-v4 spec\.multusName\[0\]: name "Macvlan-Standalone" in "kube-system\/Macvlan-Standalone" .*no network can match it/m],
  ['MV194', /^MV194 warning Deployment web spec\.template\.spec\.nodeSelector: interface "eth0" of kube-system\/macvlan-standalone lists IPv4 pools "vlan100-rack-a-v4" \(10\.1\.100\.0\/24\) and "vlan100-rack-b-v4" \(10\.2\.100\.0\/24\), .*one has no nodeAffinity.*Fix: pin each pool to the nodes of its rack/m],
  ['MV195', /^MV195 warning SpiderIPPool vlan100-rack-a-v4 spec\.ips: pool "vlan100-rack-a-v4" \(nodes matching topology\.kubernetes\.io\/rack=rack-a\) has 90 allocatable address\(es\) .*up to 100 at the peak.*Fix: add addresses to this pool/m],
  ['MV124', /^MV124 error SpiderIPPool vlan100-v4 spec\.ips: ips 172\.16\.100\.150-172\.16\.100\.160 are not in the ips of SpiderSubnet "vlan100"/m],
  ['MV125', /^MV125 warning Pod app metadata\.annotations\[ipam\.spidernet\.io\/ippools\]\[1\]\.interface: interface "net1" is not an interface of the pod \(eth0\) and the item selects no pool of the manifests, so Spiderpool skips it; once a pool matches, Spiderpool refuses the pod/m],
];

/**
 * Rules about construct props that have no manifest form (tested in test/core/parity.test.ts and
 * pod-networks.test.ts; the Fabric rules MV190-MV193 and MV196/MV197 in test/topology/fabric.test.ts; the switch plan rules
 * MV210-MV214 in test/topology/switch-plan.test.ts).
 */
const CONSTRUCT_ONLY = ['MV091', 'MV092', 'MV093', 'MV096', 'MV098', 'MV190', 'MV191', 'MV192', 'MV193', 'MV196', 'MV197', 'MV210', 'MV211', 'MV212', 'MV213', 'MV214'];

describe('each rule through the linter', () => {
  test.each(CASES)('%s', (id, pattern) => {
    const rule = Object.values(RULES).find(r => r.id === id)!;
    const findings = lintYaml(rule.example!.bad);
    expect(lines(findings)).toMatch(pattern);
    for (const f of findings.filter(x => x.rule === id)) {
      expect(f.severity).toBe(rule.severity);
      expect(f.docs).toBe(`cdk8s-macvlan explain ${id}`);
    }
  });

  test('every non-topology rule is covered here (the nmstate rules in nmstate.test.ts)', () => {
    const covered = new Set([...CASES.map(c => c[0]), ...NMSTATE_RULE_IDS, ...WORKLOAD_RULE_IDS, ...ADDRESS_RULE_IDS, ...CONSTRUCT_ONLY]);
    const missing = Object.values(RULES).map(r => r.id).filter(id => (Number(id.slice(2)) <= 25 || Number(id.slice(2)) >= 50) && !covered.has(id));
    expect(missing).toEqual([]);
  });

  test('MV075 counts a capability any plugin of the chain declares (Multus examples/macvlan-pod.yml: mac on tuning)', () => {
    const nadAndPod = (tuning: string) => `
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: macvlan-conf, namespace: default}
spec:
  config: '{"cniVersion":"0.3.1","name":"macvlan-conf","plugins":[{"type":"macvlan","capabilities":{"ips":true},"master":"eth0","mode":"bridge","ipam":{"type":"static"}},{"type":"tuning"${tuning}}]}'
---
apiVersion: v1
kind: Pod
metadata:
  name: samplepod
  namespace: default
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{"name":"macvlan-conf","ips":["10.1.1.101/24"],"mac":"c2:b0:57:49:47:f1"}]'
spec: {containers: [{name: app, image: nginx}]}
`;
    expect(ruleIds(lintYaml(nadAndPod(',"capabilities":{"mac":true}')))).not.toContain('MV075');
    expect(lines(lintYaml(nadAndPod('')))).toMatch(/^MV075 warning Pod samplepod .*\.mac: default\/macvlan-conf's plugin does not declare "capabilities": \{"mac": true\}/m);
  });

  test('MV056 also covers podMACPrefix, podRPFilter, txQueueLen, vethMTU and the NAD coordinator plugin', () => {
    const out = lines(lintYaml(`
apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderMultusConfig
metadata: {name: m, namespace: kube-system}
spec:
  cniType: macvlan
  macvlan: {master: [bond0.100]}
  coordinator: {podMACPrefix: "01:1b", podRPFilter: 3, txQueueLen: -1, vethMTU: 0, detectGateway: true}
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: n, namespace: kube-system}
spec:
  config: '{"cniVersion":"0.3.1","name":"n","plugins":[{"type":"macvlan","master":"eth1","ipam":{}},{"type":"coordinator","mode":"sideways"}]}'
`));
    expect(out).toMatch(/MV056 error SpiderMultusConfig m spec\.coordinator\.podMACPrefix: podMACPrefix "01:1b" has first octet "01" with the multicast/);
    expect(out).toMatch(/MV056 error SpiderMultusConfig m spec\.coordinator\.podRPFilter: podRPFilter 3 is not -1, 0, 1 or 2, so Spiderpool refuses it/);
    expect(out).toMatch(/MV056 error SpiderMultusConfig m spec\.coordinator\.txQueueLen: txQueueLen -1 is not a non-negative integer/);
    expect(out).toMatch(/MV056 error SpiderMultusConfig m spec\.coordinator\.vethMTU: vethMTU 0 is not a positive integer/);
    expect(out).toMatch(/MV052 error SpiderMultusConfig m spec\.coordinator\.detectGateway: detectGateway was removed/);
    expect(out).toMatch(/MV056 error NetworkAttachmentDefinition n spec\.config\.plugins\[1\]\.mode: mode "sideways" is not a coordinator mode\. Fix: use one of auto, underlay, overlay, disable/);
  });

  test('MV053 missing master, MV015 bad master name, MV016 SpiderMultusConfig mtu, MV058 missing macvlan block', () => {
    const smc = (spec: string) => `apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderMultusConfig\nmetadata: {name: m, namespace: kube-system}\nspec:\n${spec}`;
    expect(lines(lintYaml(smc('  cniType: macvlan\n  macvlan: {vlanID: 100}')))).toMatch(/MV053 error SpiderMultusConfig m spec\.macvlan\.master: master is missing/);
    expect(lines(lintYaml(smc('  cniType: macvlan\n  macvlan: {master: ["bond 0"], mtu: -5}')))).toMatch(/MV015 error .*master\[0\]: master "bond 0" contains whitespace[\s\S]*MV016 error .*spec\.macvlan\.mtu: mtu -5/);
    expect(ruleIds(lintYaml(smc('  cniType: macvlan')))).toEqual(['MV058']);
    expect(lintYaml(smc('  cniType: ipvlan\n  ipvlan: {master: [eth0]}'))).toEqual([]);
  });
});
