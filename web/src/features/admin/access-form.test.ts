import { describe, expect, it } from 'vitest';
import { checkAccessForm, formFromAccess, isNetwork, networkLines } from './access-form';

describe('administration access form', () => {
  it('S2_3_takes_CIDR_ranges_and_single_addresses', () => {
    for (const good of [
      '127.0.0.0/8',
      '10.0.0.0/8',
      '192.168.1.20',
      '0.0.0.0/0',
      '::1/128',
      '::1',
      'fc00::/7',
      '2001:db8::/32',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '::ffff:192.0.2.1/128',
      '::',
    ]) {
      expect(isNetwork(good), good).toBe(true);
    }
    for (const bad of [
      '',
      '10.0.0/8',
      '256.0.0.0/8',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0.0/-1',
      'fc00::/129',
      '2001:db8:::1',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      'localhost',
      '10.0.0.0 /8',
      '12345::/16',
    ]) {
      expect(isNetwork(bad), bad).toBe(false);
    }
  });

  it('reads one range per line, ignoring blank lines and spaces', () => {
    expect(networkLines(' 10.0.0.0/8 \r\n\n::1/128\n  ')).toEqual(['10.0.0.0/8', '::1/128']);
    expect(formFromAccess({ allowedNetworks: ['10.0.0.0/8', '::1/128'], port: 9444 })).toEqual({
      networks: '10.0.0.0/8\n::1/128',
      port: '9444',
    });
  });

  it('S2_1_sends_the_networks_and_the_port_or_null', () => {
    expect(checkAccessForm({ networks: '10.0.0.0/8\n::1', port: '' })).toEqual({
      ok: true,
      access: { allowedNetworks: ['10.0.0.0/8', '::1'], port: null },
    });
    expect(checkAccessForm({ networks: '10.0.0.0/8', port: ' 9444 ' })).toEqual({
      ok: true,
      access: { allowedNetworks: ['10.0.0.0/8'], port: 9444 },
    });
  });

  it('names what is wrong', () => {
    expect(checkAccessForm({ networks: ' \n ', port: '' })).toEqual({ ok: false, field: 'networks', key: 'console.access.error.empty' });
    expect(checkAccessForm({ networks: '10.0.0.0/8\n10.0.0.300/8', port: '' })).toEqual({
      ok: false,
      field: 'networks',
      key: 'console.access.error.network',
      params: { network: '10.0.0.300/8' },
    });
    const many = Array.from({ length: 65 }, (_, i) => `10.0.${i}.0/24`).join('\n');
    expect(checkAccessForm({ networks: many, port: '' })).toMatchObject({ field: 'networks', key: 'console.access.error.tooMany', params: { max: 64 } });
    for (const port of ['80', '1023', '65536', 'abc', '9444.5', '-1']) {
      expect(checkAccessForm({ networks: '10.0.0.0/8', port })).toMatchObject({ ok: false, field: 'port', key: 'console.access.error.port' });
    }
    expect(checkAccessForm({ networks: '10.0.0.0/8', port: '1024' }).ok).toBe(true);
    expect(checkAccessForm({ networks: '10.0.0.0/8', port: '65535' }).ok).toBe(true);
  });
});
