/**
 * Operating mode of the Linux macvlan device (the CNI macvlan plugin's `mode`).
 */
export enum MacvlanMode {
  /** Children of one master can talk to each other directly (the plugin's default). */
  BRIDGE = 'bridge',
  /** Children of one master cannot talk to each other, not even through an external switch. */
  PRIVATE = 'private',
  /** Traffic between children goes out to the switch, which must hairpin it (802.1Qbg). */
  VEPA = 'vepa',
  /** One child takes over the master: at most one pod NIC per master and node. */
  PASSTHRU = 'passthru',
}
