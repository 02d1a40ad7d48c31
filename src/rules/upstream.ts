/**
 * Where a rule is stricter than upstream's admission (Spiderpool's webhooks, the API server, Multus' annotation
 * parsing), and why: each of these rejects something upstream accepts, because it fails later (when the pod starts,
 * when Spiderpool allocates its IP) or hits a kernel limit. `npm run parity` counts their disagreements with the
 * upstream oracle as deliberate; docs/rules.md prints the reason with the rule.
 */
export const STRICTER_THAN_UPSTREAM: { readonly [ruleId: string]: string } = {
  MV002: 'a reversed range ("b-a") passes Spiderpool\'s webhook (it swaps the ends), but its allocator parses ranges strictly (IsIPRange) and refuses the pool\'s ranges when a pod asks for an address',
  MV003: 'a reversed excludeIPs range passes Spiderpool\'s webhook, but its allocator refuses it when a pod asks for an address',
  MV015: 'Spiderpool does not check master names; Linux limits interface names to 15 bytes (IFNAMSIZ) and refuses "/", ":" and spaces, so the CNI plugin fails when the pod starts',
  MV018: 'Multus does not check an interface requested in the JSON form; Linux refuses names over 15 bytes or with "/", ":" or spaces, so the pod fails to start',
  MV019: 'Multus does not check that the pod\'s interface names are distinct; creating the second NIC of a name fails, so the pod never starts',
  MV020: 'upstream admits the pod; Spiderpool fails its IP allocation when a Spiderpool NIC has no pool (no pool in the network, the pod annotations, the namespace or a cluster default pool of the manifests)',
  MV021: 'upstream does not read NAD contents at admission; a network that runs the coordinator in overlay mode as eth0 replaces the cluster network the overlay mode is meant to keep',
  MV022: 'upstream does not read NAD contents at admission; coordinator underlay and overlay modes set up conflicting routes (underlay makes the macvlan eth0 the default route, overlay keeps the cluster CNI\'s)',
  MV023: 'Spiderpool accepts an empty pool; a NIC that selects it fails its IP allocation when the pod starts (unselected, the linter reports MV112, a warning)',
  MV024: 'a network reference that no NetworkAttachmentDefinition can have (NAD names are DNS-1123 subdomains, namespaces labels) fails the pod when Multus loads it',
  MV025: 'Spiderpool\'s allocator refuses a pool of the other IP family when a pod asks for an address',
  MV054: 'Spiderpool does not parse bond options at admission; Spiderpool\'s ifacer applies them on the node when the pod starts and fails on a malformed "key=value" list',
  MV056: 'for coordinator mode "disabled" in a SpiderMultusConfig: the CRD enum allows it, but the generated coordinator plugin only knows "disable"; use enableCoordinator: false',
  MV059: 'an empty element of the short form is parsed by Multus as a network with an empty name, which fails the pod when Multus loads it',
  MV065: 'for the pre-v0.4 keys ipv4pools/ipv6pools: Spiderpool ignores unknown keys, so the item selects no pool and the NIC\'s IP allocation fails',
  MV068: 'upstream admits the pod; Multus fails the pod at start when the referenced network does not exist',
  MV069: 'Spiderpool\'s allocator refuses a pool whose multusName does not list the NIC\'s network',
  MV076: 'an empty pool name in a network\'s default pools passes admission; Spiderpool fails the allocation looking the pool up',
  MV078: 'upstream does not read NAD contents at admission; the coordinator in underlay mode on an extra NIC takes over the default route that eth0 (the cluster CNI) holds',
  MV095: 'Spiderpool\'s webhook enumerates only multi-entry lists, but its allocator lists every address of a pool: a pool over 2^20 addresses stalls allocations',
  MV110: 'upstream admits the pod; Spiderpool fails its IP allocation when a selected pool does not exist or a wildcard matches no pool',
  MV115: 'Spiderpool\'s webhook validates only podAffinity; an invalid namespaceAffinity or nodeAffinity fails the IP allocation of every pod that selects the pool',
  MV121: 'upstream does not read NAD contents at admission; the coordinator reads the NIC\'s IP family from its addresses (GetIPFamilyByIface) and fails on a NIC without one ("no usable IP addresses"), so the pod never starts',
  MV170: 'upstream admits every object; the pods beyond the addresses of their pools fail their IP allocation',
  MV173: 'Spiderpool\'s allocator refuses a pool whose nodeAffinity or nodeName excludes the pod\'s node, so those pods fail to start',
  MV177: 'upstream admits both networks; Linux refuses a macvlan and an ipvlan child on one master (the master takes one kind of child), so the pods of the second kind fail to start',
  MV204: 'Spiderpool checks a pool\'s gateway against that pool\'s own ips only; another pool of the subnet that lists the address (or a route\'s next hop) hands the router\'s address to a pod, which then cuts the subnet off from its router',
  MV205: 'Spiderpool does not know the nodes\' addresses; a pool that lists one hands it to a pod, and the node and the pod then fight over the address',
  MV206: 'nmstate configures any address it is given; a node address outside the subnet of the pods\' network on that VLAN (or with another prefix length) makes the node unreachable on-link for the pods and the switch',
  MV207: 'nmstate configures each policy on its own; one address on two nodes (or the switch\'s gateway address on a node) makes both answer ARP/ND for it',
  MV208: 'kubernetes-nmstate applies every policy that selects a node, in no guaranteed order (kubernetes-nmstate#677; OpenShift\'s NMState docs ask for policies ordered by name): two policies configuring one interface of a node overwrite each other\'s settings',
};
