/**
 * Tiny network "fabric" built from Linux network namespaces, used to feed
 * synthesized CNI configs to the REAL CNI plugin binaries.
 *
 * Topology (one per run, every namespace prefixed `mv<runId>-`):
 *
 *   switch netns (`mv<runId>-sw`)
 *     br<vlanId>  one Linux bridge per VLAN (per VLAN and rack `br<vlanId>-<rack>`
 *                 when VLANs are given per rack), holding the VLAN's gateway
 *                 addresses ("VLANIF"); ip_forward on (v4 + v6) so the VLANs
 *                 (and racks) route to each other.
 *   node netns (`mv<runId>-<node>`)
 *     <master>    per VLAN a veth named exactly like the VLAN sub-interface
 *                 (e.g. `bond0.100`); its peer `n<i>v<vlan>` sits in br<vlan>.
 *   pod netns (`mv<runId>-<pod>`)
 *     lo up; interfaces come from CNI plugins, which are executed INSIDE the
 *     node netns (`ip netns exec <node> <plugin>`), so a macvlan `master`
 *     resolves against the node's interfaces and the node-side veth of `ptp`
 *     lands in the node netns.
 *
 * The kernel this runs on may lack 802.1Q / bonding support, hence veths
 * simulate the VLAN sub-interfaces. Nothing in this file depends on jest.
 */
import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** Where `ip netns add` puts its namespace handles. */
export const NETNS_DIR = '/var/run/netns';
/** Plugins the harness needs. */
export const REQUIRED_PLUGINS = ['macvlan', 'static', 'ptp', 'host-local'];
/** Linux IFNAMSIZ is 16 including the trailing NUL. */
export const MAX_IFNAME_BYTES = 15;

const DEFAULT_CNI_BIN_DIR = '/usr/lib/cni';
const CMD_TIMEOUT_MS = 30_000;
const NS_PREFIX = 'mv';
/** runId format produced by {@link newRunId}: <unix seconds, base36, 6 chars><pid>n<counter>. */
const RUN_ID_RE = /^([0-9a-z]{6})(\d+)n(\d+)$/;
const PROBE_NS_RE = /^mvprobe-(\d+)-/;
const NAME_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const PLUGIN_TYPE_RE = /^[A-Za-z0-9_.-]+$/;
/** Namespaces older than this are removed by cleanupStale even if their pid is (still, or again) alive. */
const STALE_MAX_AGE_SEC = 6 * 3600;

export interface Prerequisites {
  ok: boolean;
  reason?: string;
  cniBinDir: string;
}

export interface VlanSpec {
  id: number;
  /** Node-side interface name, e.g. `bond0.100` (<= 15 bytes). */
  master: string;
  /** Gateway addresses in CIDR form, e.g. `10.100.0.1/24`, `fd00:100::1/64`. */
  gateways: string[];
  mtu?: number;
  /**
   * The rack (layer-2 segment) of this VLAN: a VLAN id may be listed once per rack, each with its own bridge
   * (`br<id>-<rack>`) and gateways; the switch namespace routes between all of them (one router holding every
   * rack's gateway addresses). Default: one segment for the VLAN.
   */
  rack?: string;
  /** The nodes plugged into this segment (default: every node). */
  nodes?: string[];
}

export interface FabricSpec {
  nodes: string[];
  vlans: VlanSpec[];
}

export interface FabricOptions {
  /** Start a detached watchdog that removes the namespaces if this process dies without destroy() (default true). */
  reaper?: boolean;
}

export interface Pod {
  name: string;
  node: string;
  netns: string;
}

export interface ExecResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface RunPluginOptions {
  command: 'ADD' | 'DEL';
  config: object;
  /** netns name (resolved under /var/run/netns) or an absolute path. */
  podNetns: string;
  ifName: string;
  containerId: string;
  /** Run the plugin process inside this node's netns (required for macvlan/ptp). Default: the caller's netns. */
  node?: string;
}

export interface RunChainOptions {
  /** Plugin types that are not executed (e.g. `coordinator`, which needs a cluster). */
  skip?: string[];
  /** Rewrite a plugin entry before it runs (e.g. replace `spiderpool` IPAM by `static`). */
  transform?: (plugin: any, index: number) => any;
  /** CNI_CONTAINERID; default `<runId>-<pod>`. */
  containerId?: string;
}

export interface ChainResult {
  result: any;
  skipped: string[];
}

/** Thrown when a CNI plugin fails; carries the CNI error object (code/msg/details). */
export class CniError extends Error {
  public readonly code?: number;
  public readonly msg?: string;
  public readonly details?: string;
  constructor(
    message: string,
    public readonly pluginType: string,
    public readonly status: number | null,
    public readonly stdout: string,
    public readonly stderr: string,
  ) {
    super(message);
    this.name = 'CniError';
    const parsed = tryParseJson(stdout);
    if (parsed && typeof parsed === 'object') {
      this.code = parsed.code;
      this.msg = parsed.msg;
      this.details = parsed.details;
    }
  }
}

/** Check everything the e2e fabric needs; never throws. */
export function checkPrerequisites(): Prerequisites {
  const cniPath = process.env.CNI_PATH;
  const candidates = cniPath ? cniPath.split(':').filter(Boolean) : [DEFAULT_CNI_BIN_DIR];
  const cniBinDir = candidates.find(d => REQUIRED_PLUGINS.every(p => isExecutable(path.join(d, p)))) ?? candidates[0] ?? DEFAULT_CNI_BIN_DIR;
  const fail = (reason: string): Prerequisites => ({ ok: false, reason, cniBinDir });

  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return fail('must run as root (network namespaces)');
  }
  for (const tool of ['ip', 'ping']) {
    if (!which(tool)) return fail(`'${tool}' not found on PATH`);
  }
  const missing = REQUIRED_PLUGINS.filter(p => !isExecutable(path.join(cniBinDir, p)));
  if (missing.length > 0) {
    return fail(`CNI plugins missing in ${cniBinDir}: ${missing.join(', ')} (install containernetworking-plugins or set CNI_PATH)`);
  }
  // Probe: netns + veth + bridge + macvlan + `ip netns exec`.
  const probe = `mvprobe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const steps: string[][] = [
    ['ip', 'netns', 'add', probe],
    ['ip', '-n', probe, 'link', 'add', 'pa', 'type', 'veth', 'peer', 'name', 'pb'],
    ['ip', '-n', probe, 'link', 'add', 'pbr', 'type', 'bridge'],
    ['ip', '-n', probe, 'link', 'add', 'pmv', 'link', 'pa', 'type', 'macvlan', 'mode', 'bridge'],
    ['ip', 'netns', 'exec', probe, 'true'],
  ];
  let reason: string | undefined;
  for (const argv of steps) {
    const r = run(argv);
    if (r.status !== 0) {
      reason = `cannot run '${argv.join(' ')}': ${(r.stderr || r.stdout).trim()}`;
      break;
    }
  }
  run(['ip', 'netns', 'del', probe]);
  if (reason) return fail(reason);
  if (fs.existsSync(path.join(NETNS_DIR, probe))) return fail(`could not delete probe netns ${probe}`);
  return { ok: true, cniBinDir };
}

/**
 * Remove leftovers of earlier crashed runs: namespaces `mv<runId>-*` whose
 * run id is older than now and whose creating process is gone (or that are
 * older than 6h), plus their temp dirs. Best effort, never throws. Runs of
 * live processes (e.g. a parallel jest worker) are left alone.
 */
export function cleanupStale(): void {
  try {
    const now = Math.floor(Date.now() / 1000);
    const isStale = (tsSec: number, pid: number) =>
      tsSec < now && (now - tsSec > STALE_MAX_AGE_SEC || !pidAlive(pid));
    const staleRuns = new Set<string>();
    for (const ns of listNetns()) {
      const m = /^mv([0-9a-z]+)-/.exec(ns);
      const parsed = m ? parseRunId(m[1]) : undefined;
      if (m && parsed) {
        if (isStale(parsed.tsSec, parsed.pid)) {
          staleRuns.add(m[1]);
          run(['ip', 'netns', 'del', ns]);
        }
        continue;
      }
      const p = PROBE_NS_RE.exec(ns);
      if (p && !pidAlive(Number(p[1]))) run(['ip', 'netns', 'del', ns]);
    }
    for (const entry of safeReaddir(os.tmpdir())) {
      const m = /^mv([0-9a-z]+)-/.exec(entry);
      const parsed = m ? parseRunId(m[1]) : undefined;
      if (!m || !parsed) continue;
      if (staleRuns.has(m[1]) || isStale(parsed.tsSec, parsed.pid)) {
        fs.rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
      }
    }
  } catch {
    // best effort
  }
}

// Random start: jest gives every test file a fresh module registry in the same worker process (same pid).
let runCounter = Math.floor(Math.random() * 10_000);
/** `<unix seconds base36 (6 chars)><pid>n<counter>`, e.g. `toympv7407n42`; unique per process and fabric. */
export function newRunId(): string {
  const ts = Math.floor(Date.now() / 1000).toString(36).padStart(6, '0');
  return `${ts}${process.pid}n${runCounter++}`;
}

export class Fabric {
  /**
   * Build the fabric. On any failure everything created so far is removed and the error rethrown.
   * @param runId override the generated run id ([a-z0-9]+); cleanupStale only recognises generated ids.
   */
  public static create(spec: FabricSpec, runId?: string, opts: FabricOptions = {}): Fabric {
    const id = runId ?? newRunId();
    if (!/^[a-z0-9]+$/.test(id)) throw new Error(`invalid runId '${id}'`);
    validateSpec(spec);
    const prereq = checkPrerequisites();
    if (!prereq.ok) throw new Error(`e2e prerequisites missing: ${prereq.reason}`);
    const fabric = new Fabric(spec, id, prereq.cniBinDir);
    try {
      if (opts.reaper !== false) fabric.startReaper();
      fabric.build();
    } catch (e) {
      fabric.destroy();
      throw e;
    }
    return fabric;
  }

  public readonly runId: string;
  public readonly cniBinDir: string;
  /** Per-run temp dir (removed by destroy); use {@link hostLocalDataDir} for host-local IPAM. */
  public readonly tmpDir: string;
  public readonly switchNetns: string;
  public readonly spec: FabricSpec;
  private readonly created: string[] = [];
  private readonly pods = new Map<string, Pod>();
  private reaper?: ChildProcess;

  private constructor(spec: FabricSpec, runId: string, cniBinDir: string) {
    this.spec = spec;
    this.runId = runId;
    this.cniBinDir = cniBinDir;
    this.switchNetns = `${NS_PREFIX}${runId}-sw`;
    this.tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `${NS_PREFIX}${runId}-`));
  }

  /** Name of the node's network namespace. */
  public nodeNetns(node: string): string {
    if (!this.spec.nodes.includes(node)) throw new Error(`unknown node '${node}' (nodes: ${this.spec.nodes.join(', ')})`);
    return `${NS_PREFIX}${this.runId}-${node}`;
  }

  /** A host-local `dataDir` private to this run. */
  public hostLocalDataDir(): string {
    return path.join(this.tmpDir, 'host-local');
  }

  /** The switch-side bridge of a VLAN segment: `br<id>`, or `br<id>-<rack>` for a rack's segment. */
  public bridgeName(vlan: VlanSpec): string {
    return vlan.rack !== undefined ? `br${vlan.id}-${vlan.rack}` : `br${vlan.id}`;
  }

  /** Switch-side veth peer name for (node, vlan): `n<nodeIndex>v<vlanId>`, <= 7 bytes. */
  public switchPort(node: string, vlanId: number): string {
    const idx = this.spec.nodes.indexOf(node);
    if (idx < 0) throw new Error(`unknown node '${node}'`);
    return `n${idx}v${vlanId}`;
  }

  /**
   * Run one CNI plugin binary per the CNI protocol (config on stdin, CNI_* env).
   * Returns the parsed stdout JSON (undefined for an empty DEL answer); throws {@link CniError}.
   */
  public runPlugin(opts: RunPluginOptions): any {
    const config = opts.config as any;
    const type = config?.type;
    if (typeof type !== 'string' || !PLUGIN_TYPE_RE.test(type)) throw new Error(`invalid plugin type ${JSON.stringify(type)}`);
    const binary = path.join(this.cniBinDir, type);
    if (!isExecutable(binary)) throw new Error(`CNI plugin '${type}' not found at ${binary}`);
    const netnsPath = opts.podNetns.startsWith('/') ? opts.podNetns : path.join(NETNS_DIR, opts.podNetns);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
      CNI_COMMAND: opts.command,
      CNI_CONTAINERID: opts.containerId,
      CNI_NETNS: netnsPath,
      CNI_IFNAME: opts.ifName,
      CNI_PATH: process.env.CNI_PATH || this.cniBinDir,
    };
    const argv = opts.node ? ['ip', 'netns', 'exec', this.nodeNetns(opts.node), binary] : [binary];
    const r = run(argv, { input: JSON.stringify(config), env });
    if (r.status !== 0 || r.error) {
      const where = opts.node ? ` in node ${opts.node}` : '';
      const errText = r.error ? ` (${r.error.message})` : '';
      throw new CniError(
        `CNI ${opts.command} '${type}'${where} failed (exit ${r.status})${errText}: stdout=${r.stdout.trim()} stderr=${r.stderr.trim()}`,
        type, r.status, r.stdout, r.stderr,
      );
    }
    return r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
  }

  /** Create a pod netns `mv<runId>-<name>` on `node` with `lo` up. */
  public createPod(name: string, node: string): Pod {
    if (!NAME_RE.test(name)) throw new Error(`invalid pod name '${name}'`);
    if (this.spec.nodes.includes(name) || name === 'sw') throw new Error(`pod name '${name}' clashes with a node/switch name`);
    if (this.pods.has(name)) throw new Error(`pod '${name}' already exists`);
    this.nodeNetns(node); // validates the node
    const netns = `${NS_PREFIX}${this.runId}-${name}`;
    this.addNetns(netns);
    must(['ip', '-n', netns, 'link', 'set', 'lo', 'up']);
    const pod: Pod = { name, node, netns };
    this.pods.set(name, pod);
    return pod;
  }

  /**
   * ADD a plugin chain (conflist) the way libcni does: plugin i gets
   * `{cniVersion, name, ...plugin, prevResult}`; plugins run inside the
   * pod's node netns. Returns the last plugin's result.
   */
  public runChain(pod: Pod, conflist: any, ifName: string, opts: RunChainOptions = {}): ChainResult {
    const plugins: any[] = Array.isArray(conflist?.plugins) ? conflist.plugins : [];
    if (plugins.length === 0) throw new Error('conflist has no plugins');
    const skip = new Set(opts.skip ?? []);
    const skipped: string[] = [];
    let prevResult: any = undefined;
    plugins.forEach((raw, i) => {
      const plugin = opts.transform ? opts.transform(raw, i) : raw;
      if (skip.has(plugin.type)) {
        skipped.push(plugin.type);
        return;
      }
      const config: any = { cniVersion: conflist.cniVersion, name: conflist.name, ...plugin };
      if (prevResult !== undefined) config.prevResult = prevResult;
      prevResult = this.runPlugin({
        command: 'ADD',
        config,
        podNetns: pod.netns,
        ifName,
        containerId: opts.containerId ?? `${this.runId}-${pod.name}`,
        node: pod.node,
      });
    });
    return { result: prevResult, skipped };
  }

  /** DEL a chain in reverse order (libcni semantics, prevResult omitted). Returns the skipped types. */
  public delChain(pod: Pod, conflist: any, ifName: string, opts: RunChainOptions = {}): string[] {
    const plugins: any[] = Array.isArray(conflist?.plugins) ? conflist.plugins : [];
    const skip = new Set(opts.skip ?? []);
    const skipped: string[] = [];
    for (let i = plugins.length - 1; i >= 0; i--) {
      const plugin = opts.transform ? opts.transform(plugins[i], i) : plugins[i];
      if (skip.has(plugin.type)) {
        skipped.push(plugin.type);
        continue;
      }
      this.runPlugin({
        command: 'DEL',
        config: { cniVersion: conflist.cniVersion, name: conflist.name, ...plugin },
        podNetns: pod.netns,
        ifName,
        containerId: opts.containerId ?? `${this.runId}-${pod.name}`,
        node: pod.node,
      });
    }
    return skipped;
  }

  /** `ping -n -c<count> -W<timeoutSec>` (`-6` for IPv6) from inside the pod; a `/prefix` suffix is ignored. */
  public ping(fromPod: Pod, toAddress: string, opts: { count?: number; timeoutSec?: number } = {}): boolean {
    const addr = toAddress.split('/')[0];
    const family = net.isIP(addr);
    if (family === 0) throw new Error(`not an IP address: '${toAddress}'`);
    const count = Math.max(1, Math.floor(opts.count ?? 1));
    const timeoutSec = Math.max(1, Math.floor(opts.timeoutSec ?? 1));
    const argv = ['ping', family === 6 ? '-6' : '-4', '-n', '-c', String(count), '-W', String(timeoutSec), addr];
    const r = this.exec(fromPod.netns, argv, (count + 1) * timeoutSec * 1000 + 5000);
    return r.status === 0;
  }

  /** Run argv inside a netns (`ip netns exec`), no shell. */
  public exec(netns: string, cmd: string[], timeoutMs = CMD_TIMEOUT_MS): ExecResult {
    if (cmd.length === 0) throw new Error('exec: empty command');
    const r = run(['ip', 'netns', 'exec', netns, ...cmd], { timeoutMs });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr + (r.error ? `\n${r.error.message}` : '') };
  }

  /** Delete every namespace this fabric created (pods first) and its temp dir. Idempotent, never throws. */
  public destroy(): void {
    for (const ns of [...this.created].reverse()) {
      try {
        run(['ip', 'netns', 'del', ns]);
        if (!fs.existsSync(path.join(NETNS_DIR, ns))) this.created.splice(this.created.indexOf(ns), 1);
      } catch {
        // keep going
      }
    }
    this.pods.clear();
    try {
      fs.rmSync(this.tmpDir, { recursive: true, force: true });
    } catch {
      // ignore
    }
    this.stopReaper();
  }

  /** Namespaces currently owned by this fabric. */
  public namespaces(): string[] {
    return [...this.created];
  }

  /**
   * A detached watchdog (`sh`, its own process group) that waits for this
   * process to end and then deletes `mv<runId>-*` namespaces and the temp
   * dir. It covers what an 'exit' handler cannot: SIGKILL, timeouts, and
   * jest, whose sandboxed `process` object never emits the real 'exit'.
   * destroy() stops it.
   */
  private startReaper(): void {
    const script = [
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
      'for f in "$2"/"$3"*; do [ -e "$f" ] && ip netns del "${f##*/}"; done',
      'rm -rf -- "$4"',
    ].join('\n');
    const child = spawn('sh', ['-c', script, 'mv-reaper', String(process.pid), NETNS_DIR, `${NS_PREFIX}${this.runId}-`, this.tmpDir], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => { /* reaper is best effort */ });
    child.unref();
    this.reaper = child;
  }

  private stopReaper(): void {
    const pid = this.reaper?.pid;
    this.reaper = undefined;
    if (!pid) return;
    try {
      process.kill(-pid, 'SIGKILL'); // its process group: sh + a pending `sleep 1`
    } catch {
      // already gone
    }
  }

  private build(): void {
    const sw = this.switchNetns;
    this.addNetns(sw);
    must(['ip', 'netns', 'exec', sw, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']);
    for (const vlan of this.spec.vlans) {
      const br = this.bridgeName(vlan);
      must(['ip', '-n', sw, 'link', 'add', br, ...mtuArgs(vlan), 'type', 'bridge']);
      must(['ip', '-n', sw, 'link', 'set', br, 'up']);
      for (const gw of vlan.gateways) {
        must(['ip', '-n', sw, 'addr', 'add', gw, 'dev', br, ...(gw.includes(':') ? ['nodad'] : [])]);
      }
    }
    for (const node of this.spec.nodes) {
      const ns = this.nodeNetns(node);
      this.addNetns(ns);
      for (const vlan of this.spec.vlans) {
        if (vlan.nodes !== undefined && !vlan.nodes.includes(node)) continue;
        const port = this.switchPort(node, vlan.id);
        must(['ip', '-n', ns, 'link', 'add', vlan.master, ...mtuArgs(vlan), 'type', 'veth', 'peer', 'name', port, ...mtuArgs(vlan), 'netns', sw]);
        must(['ip', '-n', sw, 'link', 'set', port, 'master', this.bridgeName(vlan)]);
        must(['ip', '-n', sw, 'link', 'set', port, 'up']);
        must(['ip', '-n', ns, 'link', 'set', vlan.master, 'up']);
      }
    }
  }

  /** `ip netns add` + lo up + IPv6 DAD off (before any interface exists, so new links inherit it). */
  private addNetns(ns: string): void {
    if (fs.existsSync(path.join(NETNS_DIR, ns))) throw new Error(`netns ${ns} already exists`);
    must(['ip', 'netns', 'add', ns]);
    this.created.push(ns);
    must(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    must(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0']);
  }
}

function validateSpec(spec: FabricSpec): void {
  if (!spec.nodes.length) throw new Error('fabric needs at least one node');
  const seenNodes = new Set<string>();
  for (const node of spec.nodes) {
    if (!NAME_RE.test(node) || node === 'sw') throw new Error(`invalid node name '${node}'`);
    if (seenNodes.has(node)) throw new Error(`duplicate node '${node}'`);
    seenNodes.add(node);
  }
  const ids = new Set<string>();
  const masters = new Set<string>();
  for (const v of spec.vlans) {
    if (!Number.isInteger(v.id) || v.id < 1 || v.id > 4094) throw new Error(`invalid VLAN id ${v.id}`);
    const segment = `${v.id}/${v.rack ?? ''}`;
    if (ids.has(segment)) throw new Error(`duplicate VLAN id ${v.id}${v.rack !== undefined ? ` in rack ${v.rack}` : ''}`);
    ids.add(segment);
    if (v.rack !== undefined && (!NAME_RE.test(v.rack) || Buffer.byteLength(`br${v.id}-${v.rack}`) > MAX_IFNAME_BYTES)) {
      throw new Error(`VLAN ${v.id}: rack '${v.rack}' must be a short DNS label (bridge br${v.id}-${v.rack} at most ${MAX_IFNAME_BYTES} bytes)`);
    }
    for (const node of v.nodes ?? []) if (!seenNodes.has(node)) throw new Error(`VLAN ${v.id}: unknown node '${node}'`);
    if (Buffer.byteLength(v.master) > MAX_IFNAME_BYTES || !/^[A-Za-z0-9_.-]+$/.test(v.master)) {
      throw new Error(`VLAN ${v.id}: master '${v.master}' is not a valid Linux interface name (max ${MAX_IFNAME_BYTES} bytes)`);
    }
    // a node has one interface of each name
    for (const node of v.nodes ?? spec.nodes) {
      if (masters.has(`${node}/${v.master}`)) throw new Error(`duplicate master '${v.master}' on node ${node}`);
      masters.add(`${node}/${v.master}`);
    }
    for (const gw of v.gateways) {
      const [addr, len] = gw.split('/');
      if (net.isIP(addr) === 0 || !/^\d+$/.test(len ?? '')) throw new Error(`VLAN ${v.id}: gateway '${gw}' must be CIDR (addr/len)`);
    }
    if (v.mtu !== undefined && (!Number.isInteger(v.mtu) || v.mtu < 68 || v.mtu > 65535)) throw new Error(`VLAN ${v.id}: invalid mtu ${v.mtu}`);
  }
}

function mtuArgs(vlan: VlanSpec): string[] {
  return vlan.mtu ? ['mtu', String(vlan.mtu)] : [];
}

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function run(argv: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r: SpawnSyncReturns<string> = spawnSync(argv[0], argv.slice(1), {
    input: opts.input,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? CMD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

function must(argv: string[]): string {
  const r = run(argv);
  if (r.status !== 0 || r.error) {
    throw new Error(`'${argv.join(' ')}' failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}${r.error ? ` ${r.error.message}` : ''}`);
  }
  return r.stdout;
}

function which(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && isExecutable(path.join(dir, bin))) return path.join(dir, bin);
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e?.code === 'EPERM';
  }
}

/** Decode a generated run id; undefined for anything else (custom ids are never cleaned up). */
export function parseRunId(id: string): { tsSec: number; pid: number; counter: number } | undefined {
  const m = RUN_ID_RE.exec(id);
  if (!m) return undefined;
  return { tsSec: parseInt(m[1], 36), pid: Number(m[2]), counter: Number(m[3]) };
}

function listNetns(): string[] {
  return safeReaddir(NETNS_DIR);
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function tryParseJson(s: string): any {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
