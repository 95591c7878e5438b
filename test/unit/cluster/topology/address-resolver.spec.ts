import { createAddressResolver } from '../../../../lib/core/cluster/topology/address-resolver';

describe('createAddressResolver (addressMap)', () => {
  const announced = { host: '127.0.0.1', port: 6379 };

  it('is the identity without a map', () => {
    expect(createAddressResolver(undefined)(announced)).toBe(announced);
  });

  it('maps listed addresses and leaves the others as announced', () => {
    const resolve = createAddressResolver({ '127.0.0.1:6379': '127.0.0.1:7000' });
    expect(resolve(announced)).toEqual({ host: '127.0.0.1', port: 7000 });
    expect(resolve({ host: '127.0.0.2', port: 6379 })).toEqual({ host: '127.0.0.2', port: 6379 });
    expect(resolve({ host: '127.0.0.1', port: 6380 })).toEqual({ host: '127.0.0.1', port: 6380 });
  });

  it('calls a function map for every address', () => {
    const resolve = createAddressResolver((a) => ({ host: '127.0.0.1', port: a.port + 1000 }));
    expect(resolve(announced)).toEqual({ host: '127.0.0.1', port: 7379 });
  });
});
