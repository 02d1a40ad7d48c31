import { Construct } from 'constructs';
import * as k8s from '../k8s';
import { IpRange, formattedSetOf } from '../net';
import { CarriedReservedIps, RESERVED_IPS } from '../rules';
import { Shape, checkConstructorArgs, listOf, num, obj, opt, req, str } from '../shape';
import { applyDefaultObjectName } from './default-name';
import { ValidatedObject, ValidationEngine } from '../validation/engine';

/** Props of {@link ReservedIps}. */
export interface ReservedIpsProps {
  /**
   * The addresses no pool may hand out: single IPs or `a-b` ranges, all of one family (a SpiderReservedIP holds
   * one family: reserve IPv4 and IPv6 addresses in two objects). Written as given; with more than one entry,
   * write them merged and sorted (rule MV202), as Spiderpool's webhook stores them.
   */
  readonly ips: string[];
  /**
   * Name of the SpiderReservedIP (cluster-scoped, so unique in the cluster).
   * @default - the chart's name for the object (`Chart.generateObjectName`: the construct path, with its hash unless the chart sets `disableResourceNameHashes`), in DNS-1123 label form
   */
  readonly name?: string;
  /**
   * 4 or 6.
   * @default - the family of the first entry of `ips`
   */
  readonly ipVersion?: number;
}

const PROPS_SHAPE: Shape = obj('ReservedIpsProps', {
  ips: req(listOf(str('172.16.100.2-172.16.100.9'))),
  name: opt(str()),
  ipVersion: opt(num()), // its value: MV201's
});

/**
 * A Spiderpool `SpiderReservedIP`: addresses that no SpiderIPPool of the family hands out (Spiderpool skips them
 * at allocation like a pool's `excludeIPs`, in every pool of the cluster). For the switches' addresses, a
 * virtual gateway, or servers and appliances on a pod subnet.
 *
 * Reserved addresses count out of each pool's capacity (AddressCapacity, rules MV170/MV171); a pool whose `ips`
 * list them is reported (MV203, a warning: Spiderpool accepts it, the pool just has fewer addresses). The
 * object's own problems (syntax, family, the webhook's merged form) are reported when the app is synthesized.
 */
export class ReservedIps extends k8s.SpiderReservedIp {
  /**
   * The family written to the object: the given `ipVersion`, else that of the first entry of `ips`.
   * @default - none written (no `ipVersion` given and the first entry does not parse: the rules report it)
   */
  public readonly ipVersion?: number;

  private readonly spec: k8s.SpiderReservedIpSpec;

  constructor(scope: Construct, id: string, props: ReservedIpsProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new ReservedIps()');
    // (the first entry is parsed only when no family is given)
    const ipVersion = props.ipVersion ?? (props.ips.length > 0 ? IpRange.tryParse(props.ips[0])?.family : undefined);
    // the family is written out (what Spiderpool's webhook would derive), so that the stored object is the manifest
    const spec: k8s.SpiderReservedIpSpec = ipVersion !== undefined ? { ipVersion, ips: [...props.ips] } : { ips: [...props.ips] };
    super(scope, id, { metadata: { ...(props.name !== undefined ? { name: props.name } : {}) }, spec });
    applyDefaultObjectName(this, props.name);
    // (a topology's reserved addresses come formatted from a set: the rules take the set while the spec holds those texts)
    const formatted = formattedSetOf(props.ips);
    if (formatted !== undefined) {
      Object.defineProperty(spec, RESERVED_IPS, { value: new CarriedReservedIps(spec.ips, formatted.texts, formatted.set) });
    }
    this.spec = spec;
    this.ipVersion = ipVersion;
    ValidationEngine.of(this).addObject(this, new ReservedIpsValidation(this));
  }

  /** The reserved addresses, as written. */
  public get ips(): string[] {
    return [...this.spec.ips ?? []];
  }

  /**
   * The SpiderReservedIP as synthesized, for the rules.
   * @internal
   */
  public _validationObject(): Record<string, any> {
    const gvk = k8s.SpiderReservedIp.GVK;
    return { apiVersion: gvk.apiVersion, kind: gvk.kind, metadata: { name: this.name }, spec: this.spec };
  }
}

/** The object as the validation engine reads it (one small object each: a fabric has one per VLAN and family). */
class ReservedIpsValidation implements ValidatedObject {
  constructor(private readonly reserved: ReservedIps) {}

  public object(): Record<string, any> {
    return this.reserved._validationObject();
  }

  public get subject(): string {
    return `SpiderReservedIP "${this.reserved.name}"`;
  }
}
