/** Linux interface MTU facts, shared by every layer that checks or writes an MTU. */

/** Smallest MTU Linux accepts on an IPv4 interface. */
export const MTU_MIN = 68;
/** Largest MTU of the interfaces this library configures. */
export const MTU_MAX = 65535;
/** Kernel default MTU of a new Ethernet, bond or VLAN interface (assumed when none is given). */
export const DEFAULT_MTU = 1500;

/** Whether `v` is an integer MTU in {@link MTU_MIN}-{@link MTU_MAX}. */
export function isValidMtu(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= MTU_MIN && v <= MTU_MAX;
}
