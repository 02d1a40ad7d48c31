/**
 * Internal address-math and naming layer (not part of the public API).
 */
export * from './address';
export * from './cidr';
export * from './range';
export * from './names';
export * from './mtu';
export * from './bond';
